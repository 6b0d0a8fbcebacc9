"""``survey FILE``: the export of a form tool (Google Forms, Microsoft Forms, LimeSurvey;
CSV or XLSX) as a survey with counts per answer, its sample and period."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from strategy.commands.report import print_problems
from strategy.language.messages import render
from strategy.release.errors import Refused


def add_parsers(sub: argparse._SubParsersAction, common: Callable) -> None:
    survey = sub.add_parser("survey", help="a form tool's survey export into the surveys")
    common(survey)
    survey.add_argument("file", type=Path, help="the CSV or XLSX the form tool exported")
    survey.add_argument("--id", required=True, help="ID of the new survey, e.g. S4")
    survey.add_argument("--group", required=True, choices=["residents", "leaders", "students"])
    survey.add_argument("--title", required=True, help="the survey's title in the document")
    survey.add_argument("--method", default=None,
                        help="how it was carried out (default: the tool's name)")
    survey.add_argument("--source", default="", help="the source line under its tables")


def run(args: argparse.Namespace, lang: str) -> int:
    from strategy.data.surveyfile import import_survey

    try:
        imported = import_survey(args.sections, args.file, args.id, args.group, args.title,
                                 args.method, args.source)
    except Refused as refusal:
        print_problems(refusal.problems, lang)
        return refusal.exit_code
    except Exception as exc:  # noqa: BLE001 - a failure must not leave the user a traceback
        print(render("data.failed", lang, {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1
    print_problems(imported.notes, lang)
    survey = imported.survey
    print(render("survey.imported", lang, {
        "id": survey["id"], "sample": survey["sample"], "questions": len(survey["findings"]),
        "start": survey["period"]["start"].isoformat(),
        "end": survey["period"]["end"].isoformat()}))
    for path in imported.files:
        print(path)
    return 0
