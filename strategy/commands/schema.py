"""``build_strategy.py schema``: regenerate the JSON Schemas in ``schema/``."""

from __future__ import annotations

import argparse

from strategy.model.schema import write


def run(args: argparse.Namespace) -> int:
    for path in write(args.out):
        print(f"wrote {path}")
    return 0
