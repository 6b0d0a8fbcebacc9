"""The final gate: what stops the sections from being released as the final version.

One list, read by every command that speaks of a final version: ``release --status
final`` refuses while it is not empty (all of it printed at once, nothing written),
``readiness`` prints it beside the statutory elements, ``package`` refuses a final
version that has any. Each blocker is a located :class:`~strategy.problems.Problem`
(file, line, a message and a hint in the catalog, code ``final.*``) of one kind:

- ``illustrative`` / ``estimate``: numbers marked so (checks/estimates.py), one blocker
  per item holding them (an indicator, a project sheet), at its first such number; but
  a bundle's estimated cost (a "wiązka" known by its order of magnitude) is how final
  strategies state it, and passes;
- ``placeholder``, ``illustrative_text``, ``pending``: text of the sections that is not
  final: a placeholder (TODO, "do uzupełnienia", "[…]"), words saying the data is
  illustrative, words saying the consultation is still to come. The words are data,
  per language: ``not_final`` in each language's language.yaml (regular expressions,
  case ignored), matched in every text value but the review register's;
- ``consultation``: the consultation names the released draft it was held on, a
  version in the history of versions or in ``releases/``, not withdrawn, a draft (not
  a working version nor a final one), released on or before the day it began;
- ``dates``: consultation start ≤ each of its comments ≤ its end ≤ the final's date
  (and its report no later than the final);
- ``comment``: every comment of the register answered (none ``open``; a consultation
  comment decided with its reason, as the report of art. 6 ust. 6 u.z.p.p. needs);
- ``readiness``: an element the legal profile requires, missing or incomplete
  (checks/readiness.py, strategy/law/);
- ``warning``: a warning of ``check``; the only kind ``--force REASON`` lets through
  (the reason is recorded in the history of versions).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from strategy.checks import readiness
from strategy.checks.estimates import Marked, marked_of
from strategy.language.books import fallbacks, language
from strategy.language.labels import labels
from strategy.language.messages import LANGS, render
from strategy.problems import Mark, Problem
from strategy.sections.load import KeyPath, Sections

KINDS = ("illustrative", "estimate", "placeholder", "illustrative_text", "pending",
         "consultation", "dates", "comment", "readiness", "warning")
TEXT_KINDS = ("placeholder", "illustrative_text", "pending")
# Warnings of ``check`` this gate reports in its own words (and never lets through).
_OWN = frozenset({"review.comment_open", "consultation.comment_late",
                  "consultation.comment_unjustified"})
# Kinds whose text is not the document's: the register's comments, public statistics.
_NOT_TEXT = frozenset({"review", "statistics", "bdl"})
# Values that are codes or names of files, never prose (as in sections/texts.py); and
# the history of versions, whose notes say what each earlier draft was.
_NOT_PROSE = frozenset({"id", "slug", "file", "language", "status", "kind", "form", "body",
                        "category", "colour", "source_id", "version", "profile", "history"})
# Readiness details that are the ``comment`` blockers, each listed with its place.
_COMMENTS_LISTED = frozenset({"readiness.comments_open", "readiness.comments_unjustified"})
EXCERPT = 80  # characters of text quoted around a match


@dataclass(frozen=True)
class Blocker:
    kind: str  # one of KINDS
    problem: Problem

    @property
    def forceable(self) -> bool:
        return self.kind == "warning"


@dataclass(frozen=True)
class Releases:
    """What the releases folder says about versions (the caller reads it: the release
    layer comes after this one)."""

    released: frozenset[str] = frozenset()  # versions with a release folder
    withdrawn: frozenset[str] = frozenset()  # versions withdrawn (releases/vX.Y.withdrawn.json)


@dataclass
class _Gate:
    v: Any  # checks.validated.Validated
    releases: Releases
    date: dt.date
    found: list[Blocker] = field(default_factory=list)

    @property
    def sections(self) -> Sections:
        return self.v.sections

    def add(self, kind: str, code: str, path: KeyPath | Mark, **params: Any) -> None:
        mark = path if isinstance(path, Mark) else self.sections.mark(path)
        self.found.append(Blocker(kind, Problem("error", code, mark, params)))


def blockers(validated: Any, releases: Releases | None = None,
             date: dt.date | None = None, scans: Scans | None = None,
             kept: KindsKept | None = None) -> list[Blocker]:
    """Every blocker of a final version of ``validated`` (the validate stage's
    :class:`~strategy.checks.validated.Validated`), released on ``date`` (default: the
    record's date when it is already final, else today), in the order of KINDS.
    ``scans`` holds what texts searched before hold of the words (see Scans); ``kept``
    what each kind's numbers and texts gave before (see KindsKept)."""
    record = validated.kinds.get("strategy")
    if date is None:
        date = record.date if record is not None and record.status == "final" else (
            dt.date.today())
    gate = _Gate(validated, releases or Releases(), date)
    validated.bind()  # the indicators take their values from the snapshots first
    _numbers_and_texts(gate, scans or Scans(validated.lang), kept)
    if record is not None:
        _consultation(gate, record)
    _comments(gate)
    _readiness(gate)
    gate.found += [Blocker("warning", p) for p in validated.problems
                   if p.severity == "warning" and p.code not in _OWN]
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(gate.found, key=lambda b: order[b.kind])  # stable: file order within


def counts(found: list[Blocker]) -> dict[str, int]:
    """How many blockers of each kind, in the order of KINDS."""
    return {k: n for k in KINDS if (n := sum(b.kind == k for b in found))}


def summary(found: list[Blocker]) -> dict[str, str]:
    """How many of each kind, in words, per language ("liczby ilustracyjne: 42, …")."""
    return {lang: ", ".join(f"{render(f'final.kind.{k}', lang, {})}: {n}"
                            for k, n in counts(found).items()) for lang in LANGS}


# --- marked numbers ---------------------------------------------------------------------

def _item_of(path: KeyPath, sections: Sections | None = None,
             named: dict[KeyPath, bool] | None = None) -> KeyPath:
    """The item holding a number: the path up to its last list position that names an
    item (an indicator, a project sheet, a survey: an ``id``, ``name`` or ``title``; the
    shares of a survey's answers are the survey's), else up to its last list position,
    or the whole path of a number outside any list. ``named`` keeps what was found of
    each position, for the many numbers of one item."""
    positions = [i for i, step in enumerate(path) if isinstance(step, int)]
    if not positions:
        return path
    if sections is not None:
        for i in reversed(positions):
            at = path[:i + 1]
            if named is None:
                found = _named(sections, at)
            elif (found := named.get(at)) is None:
                found = named[at] = _named(sections, at)
            if found:
                return at
    return path[:positions[-1] + 1]


def _node(sections: Sections, path: KeyPath) -> Any:
    """The raw value at ``path`` of the sections, None where there is none."""
    node: Any = sections.data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _named(sections: Sections, path: KeyPath) -> bool:
    node = _node(sections, path)
    return isinstance(node, dict) and any(
        isinstance(node.get(k), str) and node[k].strip() for k in ("id", "name", "title"))


def _name(sections: Sections, path: KeyPath) -> str:
    """An item as a reader finds it: its ID (or name), else its key path."""
    node = _node(sections, path)
    if isinstance(node, dict):
        for key in ("id", "name", "title"):
            if isinstance(node.get(key), str) and node[key].strip():
                return node[key]
    return ".".join(str(s) for s in path[1:])


def _stated_magnitude(gate: _Gate, number: Marked) -> bool:
    """Whether ``number`` is a bundle's order of magnitude ("ok. 2,2 mld zł"): how a
    final strategy states a "wiązka" whose projects have no sheets yet (domain.md), so
    the estimate is the final content, not a stand-in for it. The document prints it
    marked and rounded; every other estimate still blocks."""
    path = number.path
    if number.illustrative or path[:2] != ("packages", "packages") or len(path) < 4:
        return False
    packages = gate.v.kinds.get("packages")
    index = path[2]
    return (packages is not None and isinstance(index, int) and path[3] == "cost"
            and index < len(packages.packages)
            and packages.packages[index].kind == "bundle")


class KindsKept(Protocol):
    """What one kind's marked numbers and texts gave (its blockers of NUMBER_KINDS and
    TEXT_KINDS, in order) in an earlier run of the same kind, kept by the caller under
    everything they are made from (``pipeline.final_blockers``)."""

    def get(self, kind: str) -> list[Problem] | None: ...

    def put(self, kind: str, problems: list[Problem]) -> None: ...


NUMBER_KINDS = ("illustrative", "estimate")


def _numbers_and_texts(gate: _Gate, scans: Scans, kept: KindsKept | None) -> None:
    """The blockers of marked numbers (kind by kind, in the validated kinds' order) and of
    text that is not final (in the sections' order): each kind's worked out on its own,
    or taken from ``kept``."""
    by_kind: dict[str, list[Blocker]] = {}
    lines: dict[Path, list[str]] = {}
    for kind in dict.fromkeys([*gate.v.kinds, *gate.sections.data]):
        found = _taken(kept.get(kind)) if kept is not None else None
        if found is None:
            start = len(gate.found)
            marked_items = _numbers(gate, kind) if kind in gate.v.kinds else set()
            if kind in gate.sections.data and kind not in _NOT_TEXT:
                _texts(gate, kind, marked_items, scans, lines)
            found = gate.found[start:]
            del gate.found[start:]
            if kept is not None:
                kept.put(kind, [b.problem for b in found])
        by_kind[kind] = found
    gate.found += [b for kind in gate.v.kinds for b in by_kind[kind]
                   if b.kind in NUMBER_KINDS]
    gate.found += [b for kind in gate.sections.data for b in by_kind[kind]
                   if b.kind in TEXT_KINDS]


def _taken(problems: list[Problem] | None) -> list[Blocker] | None:
    """Kept problems as blockers; None unless every one is a blocker of these kinds."""
    if problems is None:
        return None
    found = [Blocker(p.code.removeprefix("final."), p) for p in problems]
    if any(b.kind not in NUMBER_KINDS + TEXT_KINDS or b.problem.severity != "error"
           or b.problem.mark is None for b in found):
        return None
    return found


def _numbers(gate: _Gate, kind: str) -> set[KeyPath]:
    groups: dict[tuple[str, KeyPath], list[Marked]] = {}
    named: dict[KeyPath, bool] = {}
    for number in marked_of(gate.v.kinds[kind], kind):
        if _stated_magnitude(gate, number):
            continue
        kind = "illustrative" if number.illustrative else "estimate" if number.estimate else ""
        if kind:
            groups.setdefault((kind, _item_of(number.path, gate.sections, named)), []).append(
                number)
    for (kind, item), numbers in groups.items():
        shown = ", ".join(_plain(n.value) for n in numbers[:5]) + (
            ", …" if len(numbers) > 5 else "")
        # the item's first number is where it is shown: only its mark is looked up
        gate.add(kind, f"final.{kind}", numbers[0].path, count=len(numbers),
                 item=_name(gate.sections, item), values=shown)
    return {item for _, item in groups}


def _plain(value: Any) -> str:
    text = format(value, "f") if hasattr(value, "as_tuple") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- text that is not final -------------------------------------------------------------

@cache
def patterns(lang: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The words of text that is not final, per kind: ``not_final`` of the language's
    language.yaml (or of the language it falls back to)."""
    for code in fallbacks(lang):
        words = language(code).get("not_final")
        if isinstance(words, dict):
            return {kind: tuple(re.compile(_letter_first(p), re.IGNORECASE)
                                for p in words.get(kind) or ()) for kind in TEXT_KINDS}
    return {kind: () for kind in TEXT_KINDS}


# "\bTODO" as "T(?<!\wT)ODO": the same matches, but tried only where a T stands (a
# pattern that starts with \b is tried at every position of every text, twice as slow).
_WORD_START = re.compile(r"^\\b(\w)(?![*+?{])")


def _letter_first(pattern: str) -> str:
    return _WORD_START.sub(lambda m: f"{m[1]}(?<!\\w{m[1]})", pattern, count=1)


# Flags a pattern sets for itself at its start ("(?m)^…$"), which joined with others
# become flags of its own group ("(?m:^…$)"): a flag may lead only the whole expression.
_OWN_FLAGS = re.compile(r"^\(\?([imsx]+)\)")


def _any_of(found: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One expression that matches where any of ``found`` does, to pass over the texts
    that hold none of them in one search; None when the words cannot be joined so (a
    back-reference would count its groups anew, a flag inside a pattern)."""
    joined = [_OWN_FLAGS.sub(r"(?\1:", p.pattern, count=1) + ")"
              if _OWN_FLAGS.match(p.pattern) else f"(?:{p.pattern})" for p in found]
    if not found or any(re.search(r"\\\d|\(\?P=|\(\?[a-zA-Z]+\)", p) for p in joined):
        return None
    try:
        return re.compile("|".join(joined), re.IGNORECASE)
    except re.error:
        return None


def _values(value: Any, path: KeyPath,
            found: list[tuple[KeyPath, str]] | None = None) -> list[tuple[KeyPath, str]]:
    """Every text value under ``path``, in the file's order, with its key path."""
    if found is None:
        found = []
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for name, child in value.items():
            if name not in _NOT_PROSE:
                _values(child, (*path, name), found)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _values(child, (*path, i), found)
    return found


def _texts(gate: _Gate, kind: str, marked: set[KeyPath], scans: Scans,
           lines: dict[Path, list[str]]) -> None:
    """Each text value of ``kind`` matching a kind's words, once per kind of words.
    Words saying the data is illustrative in an item whose numbers are marked so (an
    indicator's ``source``) are that item's blocker already, and go with it."""
    for path, text in _values(gate.sections.data[kind], (kind,)):
        for what, span in zip(TEXT_KINDS, scans.spans(text), strict=True):
            if span is None or (what == "illustrative_text" and any(
                    path[:end] in marked for end in range(len(path) + 1))):
                continue  # (the prefixes of the path looked up, not every item tried)
            words = (text[span[0]:span[1]].strip().splitlines() or [""])[0]
            mark = _line_of(gate.sections.mark(path), words, lines)
            gate.add(what, f"final.{what}", mark, field=_field(gate.sections, path),
                     text=_around(text, *span))


Span = tuple[int, int]


class Scans:
    """Where each text holds the first of each kind's words (TEXT_KINDS' order), by
    the text's SHA-256: searched once for a text that stands in many places (a unit, a
    source, a sentence repeated from sheet to sheet), and, given what an earlier run
    found (``take``; readiness keeps it in the cache under ``key()``: the words and the
    tool), once for a text unchanged since. ``used`` is what this run read."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.found = patterns(lang)
        self.anywhere = {what: _any_of(self.found[what]) for what in TEXT_KINDS}
        self.known: dict[str, Any] = {}
        self.used: dict[str, list[Span | None]] = {}
        self.searched = 0  # texts searched by this run: none when every one was known

    def take(self, known: Any) -> None:
        """What an earlier run found with the same words (``key``); a mapping, else
        nothing, and each of its entries checked when it is read."""
        self.known = known if isinstance(known, dict) else {}

    def key(self) -> list[Any]:
        """What a span depends on besides its text: the words, as expressions."""
        return [SCANS_FORMAT, self.lang, [[(p.pattern, p.flags) for p in self.found[what]]
                                          for what in TEXT_KINDS]]

    def spans(self, text: str) -> list[Span | None]:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        spans = self.used.get(digest)
        if spans is None:
            spans = _spans(self.known.get(digest), len(text))
            if spans is None:
                self.searched += 1
                spans = [(m.start(), m.end()) if (m := _first(
                    text, self.found[what], self.anywhere[what])) else None
                    for what in TEXT_KINDS]
            self.used[digest] = spans
        return spans


SCANS_FORMAT = 1  # raised whenever what a kept scan holds changes


def _spans(kept: Any, length: int) -> list[Span | None] | None:
    """A kept entry as spans, or None when it is not one (a damaged or foreign entry
    is searched again, never trusted)."""
    if not isinstance(kept, list) or len(kept) != len(TEXT_KINDS):
        return None
    spans: list[Span | None] = []
    for span in kept:
        if span is None:
            spans.append(None)
        elif (isinstance(span, list) and len(span) == 2
              and all(type(n) is int for n in span) and 0 <= span[0] <= span[1] <= length):
            spans.append((span[0], span[1]))
        else:
            return None
    return spans


def _first(text: str, found: tuple[re.Pattern[str], ...],
           anywhere: re.Pattern[str] | None) -> re.Match[str] | None:
    """The match of the first of ``found`` that ``text`` holds."""
    if anywhere is not None and not anywhere.search(text):
        return None  # none of the kind's words: each need not be tried
    return next((m for p in found if (m := p.search(text))), None)


def _field(sections: Sections, path: KeyPath) -> str:
    """``("diagnosis", "chapters", 1, "subsections", 0, "text")`` -> ``chapters[demografia]
    › subsections[1] › text``."""
    out: list[str] = []
    node: Any = sections.data.get(path[0]) if path else None
    for step in path[1:]:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            ident = node.get("id") if isinstance(node, dict) else None
            out[-1] += f"[{ident if isinstance(ident, str) and ident else step + 1}]"
        else:
            out.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return " › ".join(out) or str(path[0])


def _around(text: str, first: int, last: int) -> str:
    """The match (``text[first:last]``) with a few words each side, on one line."""
    start = max(0, first - EXCERPT // 2)
    end = min(len(text), last + EXCERPT // 2)
    if start > 0:
        start = text.find(" ", start, first) + 1 or start
    if end < len(text):
        end = text.rfind(" ", last, end) if text.rfind(" ", last, end) > 0 else end
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def _line_of(mark: Mark, words: str, cache_: dict[Path, list[str]]) -> Mark:
    """The line of the file, from the value's own line on, that holds ``words`` (a block
    of text spans lines after its key); the value's line when the words are broken over
    lines."""
    if mark.file not in cache_:
        try:
            cache_[mark.file] = mark.file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            cache_[mark.file] = []
    wanted = words.casefold()
    for number, line in enumerate(cache_[mark.file][mark.line - 1:], start=mark.line):
        at = line.casefold().find(wanted)
        if at >= 0:
            return Mark(mark.file, number, at + 1)
    return mark


# --- the consultation and its dates ----------------------------------------------------

def _status_words(status: str) -> dict[str, str]:
    return {lang: labels(lang)["status"].get(status, status) for lang in LANGS}


def _consultation(gate: _Gate, record: Any) -> None:
    c = gate.v.kinds.get("consultation")
    if c is None:
        return
    history = {e.version: e for e in record.history}
    version = c.version.strip()
    if not version:
        gate.add("consultation", "final.consultation_version_missing", ("consultation",),
                 start=c.start.isoformat())
    elif version not in history and version not in gate.releases.released:
        known = sorted({*history, *gate.releases.released}, key=_version_key)
        gate.add("consultation", "final.consultation_version_unknown",
                 ("consultation", "version"), version=version, known=", ".join(known) or "–")
    elif (version in gate.releases.withdrawn
          or (version in history and history[version].withdrawn is not None)):
        gate.add("consultation", "final.consultation_version_withdrawn",
                 ("consultation", "version"), version=version)
    elif version in history:
        entry = history[version]
        if entry.status in ("working", "final"):
            gate.add("consultation", "final.consultation_version_status",
                     ("consultation", "version"), version=version,
                     status=_status_words(entry.status))
        elif entry.date > c.start:
            gate.add("dates", "final.consultation_before_release", ("consultation", "start"),
                     version=version, released=entry.date.isoformat(),
                     start=c.start.isoformat())
    review = gate.v.kinds.get("review")
    for i, comment in enumerate(review.comments if review is not None else []):
        if comment.source != "consultation":
            continue
        where = ("review", "comments", i)
        if comment.date < c.start:
            gate.add("dates", "final.comment_before_start", (*where, "date"), id=comment.id,
                     date=comment.date.isoformat(), start=c.start.isoformat())
        elif comment.date > c.end:
            gate.add("dates", "final.comment_after_end", (*where, "date"), id=comment.id,
                     date=comment.date.isoformat(), end=c.end.isoformat())
        if comment.version and version and comment.version != version:
            gate.add("consultation", "final.comment_other_version", (*where, "version"),
                     id=comment.id, version=comment.version, consulted=version)
    if c.end > gate.date:
        gate.add("dates", "final.consultation_not_ended", ("consultation", "end"),
                 end=c.end.isoformat(), date=gate.date.isoformat())
    if c.report is not None and c.report.date > gate.date:
        gate.add("dates", "final.report_after_final", ("consultation", "report", "date"),
                 report=c.report.date.isoformat(), date=gate.date.isoformat())


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (10**6,)


# --- comments ----------------------------------------------------------------------------

def _comments(gate: _Gate) -> None:
    review = gate.v.kinds.get("review")
    for i, comment in enumerate(review.comments if review is not None else []):
        where = ("review", "comments", i, "status")
        if comment.status == "open":
            gate.add("comment", f"final.{comment.source}_comment_open", where,
                     id=comment.id, author=comment.author or "–")
        elif comment.source == "consultation" and not comment.response.strip():
            gate.add("comment", "final.consultation_comment_unanswered",
                     (*where[:-1], "response"), id=comment.id)


# --- the legal profile -------------------------------------------------------------------

def _readiness(gate: _Gate) -> None:
    v = gate.v
    record_file = (v.sections.files.get("strategy") or [v.sections.root])[0]
    for item in readiness.evaluate(readiness.plain_data(v)):
        if item.status == "present" or (item.finding.details and all(
                d.code in _COMMENTS_LISTED for d in item.finding.details)):
            continue
        absent = [k for k in item.element.kinds if not v.sections.files.get(k)]
        files = [f for k in item.element.kinds for f in v.sections.files.get(k, [])]
        # A missing section points at the file to write; else at the section's file.
        where = (v.sections.root / f"{absent[0]}.yaml" if absent and item.status == "missing"
                 else files[0] if files else record_file)
        gate.add("readiness", "final.readiness", Mark(where),
                 name=item.element.name, basis=item.element.basis,
                 status={lang: _status(item.status, lang) for lang in LANGS},
                 detail={lang: f" – {item.finding.text(lang)}" if item.finding.details else ""
                         for lang in LANGS})


def _status(status: str, lang: str) -> str:
    return render(f"readiness.status.{status}", lang, {})
