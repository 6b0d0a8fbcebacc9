"""``build_strategy.py package``: the submission ZIP of a final version."""

from __future__ import annotations

import argparse
import sys

from strategy.language.messages import render
from strategy.release.package import Refusal, make_package


def run(args: argparse.Namespace) -> int:
    releases = args.releases or args.sections.parent / "releases"
    try:
        target = make_package(args.sections, args.out, releases, args.lang, args.version)
    except Refusal as refusal:
        print(str(refusal), file=sys.stderr)
        return 1
    except Exception as exc:  # an exporter failing must not leave the user a traceback
        print(render("package.failed", args.lang or "pl", {
            "reason": f"{type(exc).__name__}: {exc}"}), file=sys.stderr)
        return 1
    print(target)
    return 0
