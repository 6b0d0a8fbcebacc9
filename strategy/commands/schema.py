"""``build_strategy.py schema``: regenerate what is made from the models and the fields
books: the JSON Schemas in ``schema/`` and the field reference in ``docs/``."""

from __future__ import annotations

import argparse

from strategy.language.messages import render
from strategy.model import reference, schema


def run(args: argparse.Namespace) -> int:
    written = schema.write(args.out) + reference.write(args.docs)
    for path in written:
        print(render("schema.written", args.lang or "pl", {"path": path}))
    print(render("schema.done", args.lang or "pl", {"count": len(written)}))
    return 0
