"""Survey results from the exports of form tools: counts per answer, the sample and the
period, for the ``surveys`` section.

The layouts, as the tools write them (CSV or XLSX, in English or Polish):

- Google Forms: "Timestamp" / "Sygnatura czasowa" first, optionally "Email Address" /
  "Adres e-mail" and "Score" / "Wynik", then one column per question headed by its text;
  the choices of a checkbox question are joined with ", " in one cell.
- Microsoft Forms: "ID", "Start time", "Completion time", "Email", "Name" (Polish:
  "Identyfikator", "Godzina rozpoczęcia", "Godzina ukończenia", "Adres e-mail", "Nazwa";
  newer exports add "Last modified time"), then the questions; the choices of a
  multiple-answer question are joined with ";" and end with ";".
- LimeSurvey: "id", "submitdate", "lastpage", "startlanguage", "seed", … (or the same
  headed in words: "Response ID", "Date submitted" / "ID odpowiedzi", "Data wysłania");
  a multiple-choice question is one column per option, "Q2[SQ001]" or
  "Question text [Option]", holding "Y" (or "Yes"/"Tak") when chosen and nothing when
  not. Responses without a submission date are incomplete and left out.

A question whose answers are too many and too varied to be choices (an open question)
is left out and reported, not counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.data.tables import Rows, rows_of
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused

MAX_CHOICES = 15

_GOOGLE = {"timestamp", "sygnatura czasowa", "znacznik czasu"}
_GOOGLE_META = _GOOGLE | {"email address", "adres e-mail", "score", "wynik", "punkty"}
_MICROSOFT_ID = {"id", "identyfikator"}
_MICROSOFT_END = {"completion time", "godzina ukończenia", "czas ukończenia"}
_MICROSOFT_META = _MICROSOFT_ID | _MICROSOFT_END | {
    "start time", "godzina rozpoczęcia", "czas rozpoczęcia", "email", "adres e-mail",
    "name", "nazwa", "imię i nazwisko", "last modified time", "godzina ostatniej modyfikacji",
    "total points", "łączna liczba punktów", "quiz feedback", "opinia o teście"}
_LIME_SUBMIT = {"submitdate", "date submitted", "data wysłania", "data przesłania"}
_LIME_META = _LIME_SUBMIT | {
    "id", "response id", "id odpowiedzi", "lastpage", "last page", "ostatnia strona",
    "startlanguage", "start language", "język początkowy", "seed", "ziarno", "startdate",
    "date started", "data rozpoczęcia", "datestamp", "date last action",
    "data ostatniej akcji", "ipaddr", "ip address", "adres ip", "refurl", "referrer url",
    "token", "interviewtime", "total time", "łączny czas"}
_CHOSEN = {"y", "yes", "tak", "1", "wybrano"}
_NOT_CHOSEN = {"", "n", "no", "nie", "0", "not selected", "nie wybrano"}
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_]+\])?$")
_OPTION = re.compile(r"^(?P<question>.+?)\s*\[(?P<option>[^\[\]]+)\]$", re.DOTALL)


@dataclass
class Question:
    text: str
    multiple: bool
    answered: int
    counts: list[tuple[str, int]]


@dataclass
class Results:
    tool: str
    sample: int
    start: dt.date
    end: dt.date
    questions: list[Question] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def read(path: Path) -> Results:
    """The export's results; raises Refused with located problems."""
    rows = rows_of(path)
    if len(rows) < 2:
        raise Refused(Problem("error", "survey.empty", Mark(path, 1, 1), {}))
    header = [str(h).strip() for h in rows[0]]
    folded = [h.casefold() for h in header]
    body = [r + [""] * (len(header) - len(r)) for r in rows[1:] if any(str(c).strip()
                                                                        for c in r)]
    if folded and folded[0] in _GOOGLE:
        return _google(path, header, body)
    if _MICROSOFT_ID & set(folded) and _MICROSOFT_END & set(folded):
        return _microsoft(path, header, body)
    if _LIME_SUBMIT & set(folded):
        return _limesurvey(path, header, body)
    raise Refused(Problem("error", "survey.layout", Mark(path, 1, 1), {}))


def _dates(path: Path, body: Rows, column: int) -> tuple[dt.date, dt.date]:
    found = []
    for n, row in enumerate(body, start=2):
        value = row[column]
        when = parse_date(value)
        if when is None:
            raise Refused(Problem("error", "survey.date", Mark(path, n, column + 1), {
                "value": str(value)}))
        found.append(when)
    return min(found), max(found)


def parse_date(value: Any) -> dt.date | None:
    """The day of a form tool's timestamp: "2021/03/29 10:15:32 AM GMT+2",
    "2021-03-29 10:15:32", "29.03.2021 10:15", "3/29/2021 10:15:32" or "3/29/21 10:15"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern, order in ((r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", "ymd"),
                           (r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b", "dmy"),
                           (r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", "mdy")):
        match = re.match(pattern, text)
        if not match:
            continue
        a, b, c = (int(g) for g in match.groups())
        if order == "ymd":
            year, month, day = a, b, c
        elif order == "dmy":
            day, month, year = a, b, c
        else:
            month, day, year = (a, b, c) if a <= 12 else (b, a, c)
            year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def _closed(path: Path, text: str, column: int, answers: list[list[str]], multiple: bool,
            results: Results) -> None:
    """Count one question's answers (each respondent's list of choices), or note it open."""
    given = [a for a in answers if a]
    counts = Counter(label for a in given for label in dict.fromkeys(a))
    if not given:
        return
    unique = len(given) >= 5 and max(counts.values()) == 1  # nobody gave the same answer
    if len(counts) > MAX_CHOICES or unique or (len(given) >= 20
                                               and len(counts) > len(given) / 2):
        results.notes.append(Problem("warning", "survey.open_question", Mark(path, 1, column + 1),
                                     {"question": text}))
        return
    ordered = sorted(counts.items(), key=lambda item: -item[1])
    results.questions.append(Question(text, multiple, len(given), ordered))


def _google(path: Path, header: list[str], body: Rows) -> Results:
    start, end = _dates(path, body, 0)
    results = Results("Google Forms", len(body), start, end)
    for column, text in enumerate(header):
        if text.casefold() in _GOOGLE_META or not text:
            continue
        cells = [str(row[column]).strip() for row in body]
        whole = {c for c in cells if c}
        pieces = {p for c in whole for p in c.split(", ")}
        multiple = len(pieces) < len(whole)  # choices recur in combinations: a checkbox
        known = _labels(whole) if multiple else set()
        answers = [_google_choices(c, known) if multiple else ([c] if c else [])
                   for c in cells]
        _closed(path, text, column, answers, multiple, results)
    return results


def _labels(whole: set[str]) -> set[str]:
    """The choices of a checkbox question: what respondents chose alone, where a label
    holding ", " ("Tak, głównie z powodu pracy") is one that no choices put together make."""
    known = {w for w in whole if ", " not in w}
    for cell in sorted((w for w in whole if ", " in w), key=len):
        if _segments(cell.split(", "), known) is None:
            known.add(cell)
    return known


def _segments(pieces: list[str], known: set[str]) -> list[str] | None:
    """``pieces`` joined back into the fewest known labels; None when they cannot be."""
    best: list[list[str] | None] = [[]] + [None] * len(pieces)
    for end in range(1, len(pieces) + 1):
        for start in range(end):
            label = ", ".join(pieces[start:end])
            head = best[start]
            if head is not None and label in known and (
                    best[end] is None or len(head) + 1 < len(best[end])):  # type: ignore[arg-type]
                best[end] = [*head, label]
    return best[-1]


def _google_choices(cell: str, known: set[str]) -> list[str]:
    """A checkbox cell's choices; a choice typed under "Other" stays as typed."""
    if not cell:
        return []
    pieces = cell.split(", ")
    return _segments(pieces, known) or pieces


def _microsoft(path: Path, header: list[str], body: Rows) -> Results:
    folded = [h.casefold() for h in header]
    end_column = next(i for i, h in enumerate(folded) if h in _MICROSOFT_END)
    start, end = _dates(path, body, end_column)
    results = Results("Microsoft Forms", len(body), start, end)
    for column, text in enumerate(header):
        if folded[column] in _MICROSOFT_META or not text:
            continue
        cells = [str(row[column]).strip() for row in body]
        multiple = any(c.endswith(";") for c in cells)
        answers = [[p.strip() for p in c.split(";") if p.strip()] if multiple
                   else ([c] if c else []) for c in cells]
        _closed(path, text, column, answers, multiple, results)
    return results


def _limesurvey(path: Path, header: list[str], body: Rows) -> Results:
    folded = [h.casefold() for h in header]
    submit = next(i for i, h in enumerate(folded) if h in _LIME_SUBMIT)
    complete = [row for row in body if str(row[submit]).strip()]
    if not complete:
        raise Refused(Problem("error", "survey.no_complete", Mark(path, 2, submit + 1), {}))
    start, end = _dates(path, complete, submit)
    results = Results("LimeSurvey", len(complete), start, end)
    if len(complete) < len(body):
        results.notes.append(Problem("warning", "survey.incomplete_left_out", Mark(path), {
            "count": len(body) - len(complete)}))
    groups: dict[str, list[tuple[int, str]]] = {}
    singles: list[tuple[int, str]] = []
    for column, text in enumerate(header):
        if folded[column] in _LIME_META or not text or folded[column].startswith("grouptime"):
            continue
        match = _OPTION.match(text)
        values = {str(row[column]).strip().casefold() for row in complete}
        if match and match["option"].strip().casefold() in ("other", "comment"):
            if any(values - {""}):  # the text typed beside "other": an open answer
                results.notes.append(Problem("warning", "survey.open_question",
                                             Mark(path, 1, column + 1), {"question": text}))
            continue
        if match and values <= _CHOSEN | _NOT_CHOSEN:
            groups.setdefault(match["question"], []).append((column, match["option"].strip()))
        else:
            singles.append((column, text))
    if header and all(_CODE.match(h) for h in header if h.casefold() not in _LIME_META):
        results.notes.append(Problem("warning", "survey.codes_only", Mark(path, 1, 1), {}))
    order = sorted([(cols[0][0], q, cols) for q, cols in groups.items()]
                   + [(c, t, None) for c, t in singles])
    for column, text, options in order:
        if options is None:
            answers = [[c] if (c := str(row[column]).strip()) else [] for row in complete]
            _closed(path, text, column, answers, False, results)
        else:
            answers = [[label for c, label in options
                        if str(row[c]).strip().casefold() in _CHOSEN] for row in complete]
            _closed(path, text, column, answers, True, results)
    return results


def survey(results: Results, ident: str, group: str, title: str, method: str | None,
           source: str) -> dict[str, Any]:
    """The survey's data as the ``surveys`` section holds it: counts, shares computed."""
    data: dict[str, Any] = {
        "id": ident, "group": group, "title": title,
        "period": {"start": results.start, "end": results.end}, "sample": results.sample,
        "method": method or results.tool}
    if source:
        data["source"] = source
    findings = []
    for q in results.questions:
        finding: dict[str, Any] = {"question": q.text}
        if q.multiple:
            finding["multiple"] = True
        finding["answered"] = q.answered
        finding["answers"] = [{"label": label, "count": n} for label, n in q.counts]
        findings.append(finding)
    data["findings"] = findings
    return data
