"""Rules of the surveys: their periods, and answers that add up to the shares given."""

from __future__ import annotations

from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.validated import Validated
from strategy.language.books import typography
from strategy.language.labels import LANGS


@rule("surveys", partial=True)
def survey_periods(s: Any, v: Validated):
    for i, sv in enumerate(s.surveys.surveys):
        if sv.period.start > sv.period.end:
            yield "error", "rule.date_order", ("surveys", "surveys", i, "period", "end"), {
                "start": sv.period.start.isoformat(), "end": sv.period.end.isoformat()}


@rule("surveys")
def survey_counts_add_up(s: Any, v: Validated):
    for i, sv in enumerate(s.surveys.surveys):
        for j, f in enumerate(sv.findings):
            base = ("surveys", "surveys", i, "findings", j)
            counted = any(a.count is not None for a in f.answers)
            if counted and f.answered is None:
                yield "error", "survey.answered_missing", base, {"question": f.question}
            if f.answered is not None and sv.sample is not None and (
                    f.answered > sv.sample.value and not sv.sample.estimate):
                yield "error", "survey.answered_above_sample", (*base, "answered"), {
                    "answered": f.answered, "sample": int(sv.sample.value)}
            for k, a in enumerate(f.answers):
                where = (*base, "answers", k)
                if a.count is None and a.share is None:
                    yield "error", "survey.share_missing", where, {"label": a.label}
                elif a.count is not None and f.answered is not None and a.count > f.answered:
                    yield "error", "survey.count_too_big", (*where, "count"), {
                        "label": a.label, "count": a.count, "answered": f.answered}
                computed = f.computed_share(a)
                share = None if a.share is None else float(a.share.value)
                if computed is not None and share is not None and abs(share - computed) > 0.05:
                    yield "error", "survey.share_mismatch", (*where, "share"), {
                        "label": a.label, "share": _number(share),
                        "computed": _number(round(computed, 1)), "count": a.count,
                        "answered": f.answered}


def _number(value: float) -> dict[str, str]:
    """A share in each language's way: 45,5 in Polish, 45.5 in English (the decimal mark
    of language.yaml's typography)."""
    text = f"{value:g}"
    return {lang: text.replace(".", typography(lang)["decimal_mark"]) for lang in LANGS}
