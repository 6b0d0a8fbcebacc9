"""``build_strategy.py build`` (the default command): validate, compose, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strategy.export.failure import ExportFailed
from strategy.language.messages import render
from strategy.pipeline import Progress, build
from strategy.problems import format_text, has_errors


def run(args: argparse.Namespace) -> int:
    formats = {"docx", "pdf", "html", "md"} if args.format == "all" else {args.format}
    ui_lang = args.lang or getattr(args, "ui_lang", "pl")
    progress = Progress(lang=ui_lang, verbose=getattr(args, "verbose", False))
    try:
        written, problems, lang = build(args.sections, args.out, formats, progress)
    except ExportFailed as failed:  # located: the section file and value, or the step
        lang = args.lang or failed.lang
        print(format_text([failed.problem], lang, Path.cwd()), file=sys.stderr)
        print(render("build.unchanged", lang, {"out": args.out}), file=sys.stderr)
        return 1
    except Exception as exc:  # an exporter failing must not leave the user a traceback
        print(render("build.failed", ui_lang, {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1
    lang = args.lang or lang
    if problems:
        print(format_text(problems, lang, Path.cwd()), file=sys.stderr)
    if has_errors(problems):
        print(render("build.refused", lang, {}), file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
