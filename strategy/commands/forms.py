"""``form investment`` writes the XLSX project sheet a gmina fills in; ``import FILES``
reads filled sheets into ``sections/investments/``, all of them or none."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from strategy.commands.report import print_problems
from strategy.language.messages import render
from strategy.release.errors import Refused


def add_parsers(sub: argparse._SubParsersAction, common: Callable) -> None:
    form = sub.add_parser("form", help="write a blank XLSX form for a gmina to fill in")
    common(form)
    form.add_argument("which", choices=["investment"], help="the form: a project sheet")
    form.add_argument("--out", type=Path, default=None,
                      help="the XLSX to write (default: build/fiszka-projektowa.xlsx)")
    imp = sub.add_parser("import", help="filled XLSX project sheets into the investments")
    common(imp)
    imp.add_argument("files", type=Path, nargs="+", help="the filled forms (XLSX)")
    imp.add_argument("--replace", action="store_true",
                     help="a form naming an existing investment's ID replaces its sheet")


def run(args: argparse.Namespace, lang: str) -> int:
    from strategy.data.formread import import_forms
    from strategy.data.formwrite import write_form

    try:
        if args.command == "form":
            target = write_form(args.sections, args.out or Path("build") / "fiszka-projektowa.xlsx")
            print(render("form.written", lang, {"path": target}))
            return 0
        imported = import_forms(args.sections, list(args.files), args.replace)
    except Refused as refusal:
        print_problems(refusal.problems, lang)
        return refusal.exit_code
    except Exception as exc:  # noqa: BLE001 - a failure must not leave the user a traceback
        print(render("data.failed", lang, {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1
    print(render("form.imported", lang, {"count": len(imported.files),
                                         "ids": ", ".join(imported.ids)}))
    for path in imported.files:
        print(path)
    return 0
