"""``data fetch`` and ``data import FILE.csv``: GUS BDL statistics into snapshots in
``sections/statistics/``. Arguments in, catalogued messages out, an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from strategy.commands.report import print_problems
from strategy.language.messages import render
from strategy.release.errors import Refused


def add_parsers(sub: argparse._SubParsersAction, common: Callable) -> None:
    data = sub.add_parser("data", help="public statistics (GUS BDL) into the sections")
    verbs = data.add_subparsers(dest="verb", required=True)
    fetch = verbs.add_parser("fetch", help="fetch the variables of bdl.yaml from the BDL API")
    common(fetch)
    fetch.add_argument("--date", type=_date, default=None,
                       help="date of retrieval to record (default: today)")
    imp = verbs.add_parser("import", help="a CSV downloaded from the BDL web site")
    common(imp)
    imp.add_argument("file", type=Path, help="the CSV file (long or wide layout)")
    imp.add_argument("--name", required=True, help="the variable's name, for the citation")
    imp.add_argument("--id", default=None, help="ID of the snapshot (default: from the name)")
    imp.add_argument("--variable", type=int, default=None, help="the variable's id in BDL")
    imp.add_argument("--dimensions", default=None,
                     help="which variable of a file holding several, e.g. \"ogółem – ogółem\"")
    imp.add_argument("--retrieved", type=_date, default=None,
                     help="date of download, YYYY-MM-DD (default: from the file's name)")
    imp.add_argument("--replace", action="store_true", help="replace a snapshot of that ID")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"YYYY-MM-DD: {text}") from None


def run(args: argparse.Namespace, lang: str) -> int:
    try:
        return _fetch(args, lang) if args.verb == "fetch" else _import(args, lang)
    except Refused as refusal:
        print_problems(refusal.problems, lang)
        return refusal.exit_code
    except Exception as exc:  # noqa: BLE001 - a failure must not leave the user a traceback
        print(render("data.failed", lang, {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1


def _fetch(args: argparse.Namespace, lang: str) -> int:
    from strategy.data.bdlapi import KEY_VARIABLE, Client, urllib_transport
    from strategy.data.snapshots import fetch_into

    def waiting(seconds: float) -> None:
        print(render("data.waiting", lang, {"seconds": round(seconds)}), file=sys.stderr)

    client = Client(urllib_transport, os.environ.get(KEY_VARIABLE) or None, on_wait=waiting)
    written = fetch_into(args.sections, client, args.date or dt.date.today())
    print_problems(written.notes, lang)
    print(render("data.fetched", lang, {"count": len(written.files),
                                        "requests": written.requests}))
    for path in written.files:
        print(path)
    return 0


def _import(args: argparse.Namespace, lang: str) -> int:
    from strategy.data.bdlcsv import Request
    from strategy.data.names import slug
    from strategy.data.snapshots import import_csv

    request = Request(args.file, args.id or slug(args.name, fallback="v"), args.name, args.variable,
                      args.retrieved, args.dimensions, args.replace)
    written = import_csv(args.sections, request)
    print_problems(written.notes, lang)
    print(render("data.imported", lang, {"count": len(written.files)}))
    for path in written.files:
        print(path)
    return 0
