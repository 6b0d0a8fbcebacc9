"""The subcommands ``release``, ``withdraw``, ``verify``, ``diff`` and ``comments``:
arguments in, catalogued messages out, and an exit code (0 done, 1 refused, 2 usage)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from strategy.export.failure import ExportFailed
from strategy.language.messages import render
from strategy.problems import Mark, Problem, format_text
from strategy.release.errors import Refused


def add_parsers(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add the subcommands to the main parser (strategy/cli.py)."""
    rel = sub.add_parser("release", help="release the next version of the draft")
    common(rel)
    _releases(rel)
    rel.add_argument("--status", required=True, choices=["council", "consultation", "final"])
    rel.add_argument("--note", default="", help="what this version brings (history of versions)")
    rel.add_argument("--meeting", default=None, help="ID of the meeting that agreed it")
    rel.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    rel.add_argument("--force", default=None, metavar="REASON",
                     help="release a final version despite warnings, or the same content "
                     "again; the reason is recorded")
    rel.add_argument("--format", choices=["docx", "pdf", "md", "all"], default="all")
    wd = sub.add_parser("withdraw", help="withdraw a stray release (the archive keeps it)")
    common(wd)
    _releases(wd)
    wd.add_argument("version", help="the release to withdraw, e.g. v1.1")
    wd.add_argument("--reason", required=True, help="why it is withdrawn (recorded)")
    wd.add_argument("--by", default=None,
                    help="who withdraws it (default: git's user.name, else the login name)")
    wd.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    ver = sub.add_parser("verify", help="rebuild a release and compare its hashes")
    common(ver)
    _releases(ver)
    ver.add_argument("version", help="e.g. v0.3")
    dif = sub.add_parser("diff", help="changelog and redline DOCX between two versions")
    common(dif)
    _releases(dif)
    dif.add_argument("old", nargs="?", default=None,
                     help="the older release, e.g. v0.2 (default: the latest release)")
    dif.add_argument("new", nargs="?", default=None,
                     help="the newer release (default: the current sections)")
    dif.add_argument("--out", type=Path, default=Path("build"))
    dif.add_argument("--date", type=_date, default=None,
                     help="date of the changes against the current sections (default: today)")
    com = sub.add_parser("comments", help="file Word comments into the review register")
    common(com)
    _releases(com)
    com.add_argument("docx", type=Path, help="the DOCX the council member sent back")
    app = sub.add_parser("apply", help="make accepted tracked changes in the section text")
    common(app)
    _releases(app)
    app.add_argument("ids", nargs="*", metavar="ID",
                     help="register items to apply, e.g. U-0.4-003 (default: every accepted "
                     "change not yet in the sections)")


def _releases(p: argparse.ArgumentParser) -> None:
    p.add_argument("--releases", type=Path, default=None,
                   help="folder of releases (default: releases/ beside the sections)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"YYYY-MM-DD: {text}") from None


def _lang(args: argparse.Namespace) -> str:
    if args.lang:
        return args.lang
    if not args.sections.is_dir():
        return "pl"
    from strategy.pipeline import language_of
    return language_of(args.sections)


def run(args: argparse.Namespace) -> int:
    """Run one of the subcommands; refusals and failures become messages, never tracebacks."""
    if args.releases is None:
        args.releases = args.sections.parent / "releases"
    lang = _lang(args)
    needs_sections = args.command in ("release", "withdraw", "comments", "apply") or (
        args.command == "diff" and args.new is None)
    if needs_sections and not args.sections.is_dir():
        _problems([Problem("error", "usage.no_sections", None, {"path": args.sections})], lang)
        return 2
    handler = {"release": _release, "withdraw": _withdraw, "verify": _verify, "diff": _diff,
               "comments": _comments, "apply": _apply}[args.command]
    try:
        return handler(args, lang)
    except Refused as refusal:
        _problems(refusal.problems, lang)
        return refusal.exit_code
    except ExportFailed as failed:  # located: the section file and value, or the step
        _problems([failed.problem], lang)
        return 1
    except Exception as exc:  # a failing tool must not leave the user a traceback
        print(render("release.failed", lang, {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1


def _problems(problems: list[Problem], lang: str) -> None:
    if problems:
        print(format_text(problems, lang, Path.cwd()), file=sys.stderr)


def _release(args: argparse.Namespace, lang: str) -> int:
    from strategy.release.archive import ALL_FORMATS, Request, make_release

    formats = ALL_FORMATS if args.format == "all" else frozenset({args.format})
    request = Request(args.sections, args.releases, args.status, note=args.note,
                      meeting=args.meeting, date=args.date, force=args.force, formats=formats)
    from strategy.pipeline import Progress

    result = make_release(request, Progress(lang=lang, verbose=getattr(args, "verbose", False)))
    _problems(result.notes, lang)
    print(render("release.done", lang, {"version": result.version, "folder": result.folder}))
    for path in result.outputs:
        print(path)
    if result.committed:
        print(render("release.committed_sections", lang, {
            "count": len(result.committed), "files": ", ".join(result.committed)}))
    if result.tag:
        print(render("release.tagged", lang, {"tag": result.tag}))
    return 0


def _withdraw(args: argparse.Namespace, lang: str) -> int:
    from strategy.release.withdraw import withdraw_release

    result = withdraw_release(args.sections, args.releases, args.version, args.reason,
                              by=args.by, date=args.date)
    print(render("withdraw.done", lang, {"version": result.version, "by": result.by,
                                         "file": result.file}))
    if result.restored:
        print(render("withdraw.restored", lang, {"version": result.restored}))
    if result.committed:
        print(render("withdraw.committed", lang, {}))
    return 0


def _verify(args: argparse.Namespace, lang: str) -> int:
    from strategy.pipeline import Progress
    from strategy.release.verify import verify

    verdict = verify(args.releases, args.version, Progress(lang=lang))
    if verdict.withdrawn is not None:
        w = verdict.withdrawn
        print(render("verify.withdrawn", lang, {"version": w.version, "date": w.date.isoformat(),
                                                "by": w.by, "reason": w.reason}))
    for name, same in verdict.matches.items():
        code = "verify.same" if same else "verify.different"
        print(render(code, lang, {"file": name}))
    version = verdict.release.version
    if verdict.ok:
        print(render("verify.ok", lang, {"version": version}))
        return 0
    print(render("verify.failed", lang, {"version": version}), file=sys.stderr)
    if verdict.tools_differ:
        print(render("verify.tools_differ", lang, {"tools": ", ".join(verdict.tools_differ)}),
              file=sys.stderr)
    return 1


def _diff(args: argparse.Namespace, lang: str) -> int:
    from strategy.release.compare import compare

    text, target, old = compare(args.releases, args.old, args.new, args.sections, args.out,
                                args.date)
    if args.old is None:
        print(render("diff.default_old", lang, {"version": old}), file=sys.stderr)
    sys.stdout.write(text)
    print(render("diff.redline", lang, {"path": target}), file=sys.stderr)
    return 0


def _comments(args: argparse.Namespace, lang: str) -> int:
    from strategy.release.comments import import_comments

    result = import_comments(args.docx, args.sections, args.releases)
    if result.redline:
        print(render("comments.from_redline", lang, {"version": result.version,
                                                     "old": result.redline}))
    if result.latest:
        print(render("comments.earlier_version", lang, {"version": result.version,
                                                        "latest": result.latest}))
    if result.withdrawn:
        print(render("comments.withdrawn_version", lang, {"version": result.version,
                                                          "reason": result.withdrawn}))
    if not result.written:
        print(render("comments.nothing_new", lang, {"skipped": result.skipped}))
        return 0
    print(render("comments.imported", lang, {"count": len(result.written),
                                             "skipped": result.skipped}))
    for path in result.written:
        print(path)
    if result.stale:
        print(render("comments.stale", lang, {"count": len(result.stale),
                                              "ids": ", ".join(result.stale)}))
    return 0


def _apply(args: argparse.Namespace, lang: str) -> int:
    from strategy.release.apply import apply_changes
    from strategy.release.sources import load_valid

    current = load_valid(args.sections, refusal="apply.refused_errors")
    review = current.strategy.review if current.strategy else None
    items = list(review.comments) if review is not None else []
    outcomes = apply_changes(args.sections, items, args.ids)
    if not outcomes:
        print(render("apply.none", lang, {}))
        return 0
    done = {"applied": "apply.applied", "already": "apply.already"}
    problems = []
    for o in outcomes:
        values = {"id": o.id, "file": o.file or "?", "field": o.field or "?"}
        if o.result in done:
            print(render(done[o.result], lang, values))
            continue
        code = {"not_accepted": "apply.not_accepted", "not_a_change": "apply.not_a_change",
                "not_found": "apply.not_found", "ambiguous": "apply.ambiguous"}.get(
                    o.result, "apply.uneditable")
        where = Mark(args.sections / o.file, o.line or 1) if o.file else None
        problems.append(Problem("error", code, where, values))
    _problems(problems, lang)
    return 1 if problems else 0
