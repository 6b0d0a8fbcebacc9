"""``build_strategy.py readiness``: every element the law requires, its status and place,
and beside them every blocker of a final version (checks/final.py), each where to fix it.

The sections are judged even when they do not validate (a missing section is then a
missing element). When they do validate, the document is composed (without export) to
find the chapter that holds each element, numbered as the exporters number it. Exit 0
only when every element is present and nothing stops a final version.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from strategy.checks import final, readiness
from strategy.checks.validated import Validated
from strategy.language.labels import labels
from strategy.language.messages import render
from strategy.pipeline import chapter_places, final_blockers, folder_stamps, load_and_validate
from strategy.problems import format_json, format_text, shown_paths, sort_key
from strategy.release.withdrawals import seen


def files_of(validated: Validated, base: Path) -> dict[str, list[str]]:
    shown = shown_paths(base)  # display_path, each folder's place worked out once
    return {kind: [shown(p) for p in paths] for kind, paths in validated.sections.files.items()}


def report_text(items: list[readiness.Item], lang: str, where: dict[str, str],
                files: dict[str, list[str]], errors: int, heading: str) -> str:
    lines = [heading, ""]
    width = max(len(render(f"readiness.status.{s}", lang, {}))
                for s in ("present", "incomplete", "missing")) + 2
    for item in items:
        status = "[" + render(f"readiness.status.{item.status}", lang, {}) + "]"
        shown = [where[p] for p in item.finding.where if p in where]
        if not shown and item.status == "present" and not item.finding.details:
            shown = [render("readiness.where_files", lang, {"files": ", ".join(sorted(
                {f for k in item.element.kinds for f in files.get(k, [])})) or "–"})]
        detail = "; ".join([*shown, item.finding.text(lang)] if item.finding.details else shown)
        lines.append(f"{status:<{width}} {item.element.name[lang]} "
                     f"({item.element.basis[lang]}): {detail or '–'}")
    lines.append("")
    gaps = [i for i in items if i.status != "present"]
    lines.append(render("readiness.not_ready", lang, {"count": len(gaps), "total": len(items)})
                 if gaps else render("readiness.ready", lang, {"count": len(items)}))
    if errors:
        lines.append(render("readiness.errors", lang, {"errors": errors}))
    return "\n".join(lines)


def blockers_text(found: list[final.Blocker], lang: str, base: Path) -> str:
    if not found:
        return render("final.none", lang, {})
    heading = render("final.heading", lang, {"count": len(found),
                                             "kinds": final.summary(found)})
    return heading + "\n" + format_text([b.problem for b in found], lang, base)


def blockers_json(found: list[final.Blocker], lang: str, base: Path) -> list[dict]:
    """The blockers as check's JSON gives problems (in the same order), each with its
    kind and whether ``--force`` lets it through."""
    import json

    ordered = sorted(found, key=lambda b: sort_key(b.problem))
    rows = json.loads(format_json([b.problem for b in ordered], lang, base))
    return [{"kind": b.kind, "forceable": b.forceable, **row}
            for b, row in zip(ordered, rows, strict=True)]


def run(args: argparse.Namespace) -> int:
    since = folder_stamps(args.sections)  # before it is read: kept results need it
    validated = load_and_validate(args.sections)
    # The sections' models live until the end: the collector need not walk them again
    # at each of its full passes (at 10x a tenth of what readiness does after them).
    gc.freeze()
    lang = args.lang or validated.lang
    data = readiness.plain_data(validated)
    profiles = readiness.applied(data)
    items = readiness.evaluate(data, profiles)
    errors = sum(p.severity == "error" for p in validated.problems)
    where = chapter_places(validated, lang)
    files = files_of(validated, Path.cwd())
    releases = getattr(args, "releases", None) or args.sections.parent / "releases"
    found = final_blockers(validated, seen(releases), since)
    if args.format == "json":
        import json

        report = json.loads(readiness.as_json(items, lang, where, files, errors, profiles))
        report["final"] = {"blocked": bool(found), "counts": final.counts(found),
                           "blockers": blockers_json(found, lang, Path.cwd())}
        report["ready"] = report["ready"] and not found
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        record = validated.kinds.get("strategy")
        status = labels(validated.lang)["status"].get(getattr(record, "status", ""), "–")
        # A record that names no profile is judged as before profiles existed, and the
        # heading reads as it did; one that names it sees it named.
        heading = render("readiness.heading_profile" if profiles.named else "readiness.heading",
                         lang, {"version": getattr(record, "version", "–"), "status": status,
                                "profile": profiles.name(lang)})
        print(report_text(items, lang, where, files, errors, heading))
        print()
        print(blockers_text(found, lang, Path.cwd()))
    ready = not errors and not found and all(i.status == "present" for i in items)
    sys.stdout.flush()
    return 0 if ready else 1

