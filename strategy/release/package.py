"""The submission ZIP of a final version.

For the ministry, the managing authority and the voivodeship board: the strategy as PDF
(PDF/A-2a and PDF/UA-1) and DOCX, the readiness report (PDF and JSON), the consultation
report (PDF) and ``manifest.json`` with the SHA-256 of each file. The documents come
from the release folder ``releases/vX.Y/`` when the version was released (checked
against its manifest, and the reports made from the sections archived with it);
otherwise they are built from the current sections. ``version`` picks a release
instead of the version the record names. A withdrawn release is never packaged.
Refused unless the status is final and nothing of the final gate (checks/final.py)
stands in its way but warnings (which a forced final release let through).
The ZIP is reproducible (fixed dates and order) and written atomically: a refusal or a
failure leaves no file.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from strategy.checks import final, readiness
from strategy.checks.validated import Validated
from strategy.compose import outline
from strategy.compose.annexes import places_in
from strategy.compose.compose import compose
from strategy.compose.document import Composed
from strategy.export.files import write_atomically
from strategy.language.labels import labels
from strategy.language.messages import render
from strategy.model import Strategy
from strategy.pipeline import Progress, build, load_and_validate
from strategy.problems import format_text, has_errors
from strategy.release.withdrawals import seen

MANIFEST = "manifest.json"
PACKAGE_FORMAT = 1


class Refusal(Exception):
    """Why no package was made: the lines to print."""


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    data: bytes


def _zip(members: list[Member], date: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for m in sorted(members, key=lambda m: (m.name != MANIFEST, m.name)):
            info = zipfile.ZipInfo(m.name, date_time=(*date, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            archive.writestr(info, m.data, compresslevel=6)
    return out.getvalue()


def manifest(s: Strategy, members: list[Member], source: str) -> Member:
    record = s.strategy
    body = {
        "format": PACKAGE_FORMAT,
        "strategy": {"title": record.title, "slug": record.slug,
                     "partnership": s.partnership.name},
        "version": record.version,
        "status": record.status,
        "date": record.date.isoformat(),
        "source": source,
        "files": [{"name": m.name, "role": m.role, "bytes": len(m.data),
                   "sha256": hashlib.sha256(m.data).hexdigest()}
                  for m in sorted(members, key=lambda m: m.name)],
    }
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    return Member(MANIFEST, "manifest", text.encode("utf-8"))


def annex_document(doc: Composed, anchor: str, title: str) -> Composed:
    """One annex of the composed document as a document of its own (same metadata but
    the title), for the consultation and readiness reports."""
    lines = doc.markdown.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("# ") and f"#{anchor}" in line.split("{")[-1])
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("# ")),
               len(lines))
    body = "\n".join(lines[start:end]).strip() + "\n"
    return Composed(markdown=body, meta=replace(doc.meta, title=title, subtitle=doc.meta.title),
                    resource_dir=doc.resource_dir, figures=[])


def _load(sections: Path) -> tuple[Strategy, Validated, str]:
    validated = load_and_validate(sections)
    if has_errors(validated.problems) or validated.strategy is None:
        raise Refusal(format_text(validated.problems, validated.lang, Path.cwd()) + "\n"
                      + render("build.refused", validated.lang, {}))
    return validated.strategy, validated, validated.lang


def _hinted(code: str, lang: str, values: dict, hint: str | None = None) -> str:
    return (render(code, lang, values) + "\n    " + render("label.hint", lang, {}) + ": "
            + render(hint or f"{code}.hint", lang, values))


def _latest_final(releases: Path) -> str | None:
    """The newest final release not withdrawn, if any."""
    from strategy.release.folders import read_release
    from strategy.release.withdrawals import active_folders

    finals = [read_release(f).version for f in active_folders(releases).values()
              if _status_of(f) == "final"]
    return finals[-1] if finals else None


def _status_of(folder: Path) -> str:
    try:
        return str(json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("status"))
    except (OSError, ValueError):
        return ""


def _require_final_and_ready(s: Strategy, validated: Validated, lang: str,
                             releases: Path) -> None:
    if s.strategy.status != "final":
        status = labels(s.strategy.language)["status"][s.strategy.status]
        values = {"version": s.strategy.version, "status": status}
        latest = _latest_final(releases)
        if latest is not None:
            raise Refusal(_hinted("package.not_final", lang, {**values, "final": latest},
                                  "package.not_final.hint_release"))
        raise Refusal(_hinted("package.not_final", lang, values))
    # The final gate (checks/final.py); warnings a forced final release let through
    # do not hold the package back.
    found = [b for b in final.blockers(validated, seen(releases)) if not b.forceable]
    if found:
        raise Refusal(format_text([b.problem for b in found], lang, Path.cwd()) + "\n"
                      + render("package.blocked", lang, {"count": len(found),
                                                         "kinds": final.summary(found)}))


def _release(releases: Path, version: str, lang: str):
    """The release folder of ``version``, checked; a refusal if it is unusable or was
    withdrawn."""
    from strategy.release.errors import Refused
    from strategy.release.folders import find, open_release
    from strategy.release.withdrawals import withdrawn

    try:
        release = open_release(releases, version)
        gone = withdrawn(releases).get(release.key)
    except Refused as exc:
        reason = "; ".join(p.message(lang) for p in exc.problems)
        try:
            folder: Path | str = find(releases, version)
        except Refused:
            folder = releases / f"v{version.removeprefix('v')}"
        raise Refusal(render("package.release_unusable", lang, {
            "folder": folder, "reason": reason})) from None
    if gone is not None:
        raise Refusal(_hinted("package.withdrawn", lang, {
            "version": gone.version, "date": gone.date.isoformat(), "by": gone.by,
            "reason": gone.reason}))
    return release


def _documents(sections: Path, releases: Path, s: Strategy, work: Path, lang: str
               ) -> tuple[list[Member], Path, str]:
    """The PDF and DOCX, and the sections the reports describe: from the release folder
    of this version when there is one, else built from the sections now."""
    version = s.strategy.version
    folder = releases / f"v{version}"
    if folder.is_dir():
        release = _release(releases, version, lang)
        pdf, docx = release.output(".pdf"), release.output(".docx")
        if pdf is None or docx is None:
            raise Refusal(render("package.release_unusable", lang, {
                "folder": folder, "reason": "PDF/DOCX"}))
        print(render("package.source_release", lang, {"folder": folder}), file=sys.stderr)
        return ([Member(pdf.name, "strategy-pdf", pdf.read_bytes()),
                 Member(docx.name, "strategy-docx", docx.read_bytes())],
                release.sections, f"release v{version}")
    written, problems, _ = build(sections, work / "documents", {"pdf", "docx"},
                                 Progress(quiet=True))
    if has_errors(problems):
        raise Refusal(format_text(problems, lang, Path.cwd()))
    print(render("package.source_built", lang, {"version": version}), file=sys.stderr)
    roles = {".pdf": "strategy-pdf", ".docx": "strategy-docx"}
    return ([Member(p.name, roles[p.suffix], p.read_bytes()) for p in written], sections,
            "sections")


def _reports(s: Strategy, sections: Path, work: Path, lang: str) -> list[Member]:
    """The readiness report (PDF and JSON, naming the legal profile the record names) and
    the consultation report (PDF), when a consultation is recorded."""
    from strategy.export.pdf.export import export_pdf

    doc_lang = s.strategy.language
    words = labels(doc_lang)
    doc = compose(s, work / "assets", sections)
    headings = outline.anchors(doc.markdown)
    members: list[Member] = []
    for place, file_key, role in (("readiness", "readiness_file", "readiness-report"),
                                  ("consultation_report", "consultation_file",
                                   "consultation-report")):
        heading = headings.get(words["anchors"][place])
        if heading is None:  # no consultation recorded, and the profile requires none
            continue
        target = work / f"{words['package'][file_key]}.pdf"
        export_pdf(annex_document(doc, heading.anchor, f"{heading.title} – {s.strategy.title}"),
                   target)
        members.append(Member(target.name, role, target.read_bytes()))
    data = readiness.as_json(readiness.evaluate_strategy(s), doc_lang,
                             places_in(doc.markdown, words, doc_lang), {}, 0,
                             readiness.applied({"strategy": s.strategy.model_dump()}))
    members.append(Member(f"{words['package']['readiness_file']}.json", "readiness-data",
                          data.encode("utf-8")))
    return members


def make_package(sections: Path, out: Path, releases: Path, lang: str | None = None,
                 version: str | None = None) -> Path:
    """Write the submission ZIP into ``out``; raises Refusal and writes nothing. With
    ``version``, of that release (its archived sections and documents)."""
    if version is not None:
        release = _release(releases, version, lang or "pl")
        sections = release.sections
    current, validated, found_lang = _load(sections)
    lang = lang or found_lang
    _require_final_and_ready(current, validated, lang, releases)
    with tempfile.TemporaryDirectory(prefix="package-") as tmp:
        work = Path(tmp)
        documents, described, source = _documents(sections, releases, current, work, lang)
        s, archived = (current, validated) if described == sections else _load(described)[:2]
        _require_final_and_ready(s, archived, lang, releases)
        members = documents + _reports(s, described, work, lang)
        members.append(manifest(s, members, source))
        suffix = labels(s.strategy.language)["package"]["suffix"]
        target = out / f"{s.strategy.slug}-v{s.strategy.version}-{suffix}.zip"
        d = s.strategy.date
        write_atomically(target, _zip(members, (d.year, d.month, d.day)))
    return target
