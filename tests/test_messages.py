"""The message catalog: one catalog, Polish and English, used consistently by the code.

That every language has every code with the same placeholders is a rule of every book
(tests/test_phrasebooks.py); here: the codes the source uses, and how messages render."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from strategy.language.messages import CATALOG, LANGS, localized, placeholders, plural_form, render

STRATEGY = Path(__file__).resolve().parent.parent / "strategy"
CODE_SHAPE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


def _sources() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(STRATEGY.rglob("*.py"))}


def _literal(node: ast.expr) -> tuple[str, bool] | None:
    """A code written in the source: ("code", False), or an f-string's fixed start
    ("rule.indicator_no_", True)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value), True
    return None


def _used_codes() -> dict[str, list[tuple[str, bool, str]]]:
    """Codes the source passes to Problem(...), render(...), localized(...), and the codes
    rules yield as ("error"|"warning", code, path, params), by kind of use."""
    found: dict[str, list[tuple[str, bool, str]]] = {"problem": [], "text": []}
    for path, tree in _sources().items():
        where = path.relative_to(STRATEGY.parent).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name == "Problem" and len(node.args) >= 2:
                    if (lit := _literal(node.args[1])) is not None:
                        found["problem"].append((*lit, where))
                elif (name in ("render", "localized") and node.args and path.name != "schema.py"
                      and (lit := _literal(node.args[0])) is not None):
                    found["text"].append((*lit, where))
            elif isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
                items = node.value.elts
                if (len(items) == 4 and isinstance(items[0], ast.Constant)
                        and items[0].value in ("error", "warning")
                        and (lit := _literal(items[1])) is not None):
                    found["problem"].append((*lit, where))
    return found


def _matching(code: str, prefix: bool) -> list[str]:
    """The catalog codes a code in the source can stand for (an f-string: all it starts)."""
    if prefix:
        return [c for c in CATALOG if c.startswith(code)]
    return [code] if code in CATALOG else []


def test_the_source_is_scanned_for_codes():
    used = _used_codes()
    assert len(used["problem"]) > 40
    assert ("yaml.duplicate_key", False, "strategy/sections/yamlsource.py") in used["problem"]
    assert ("rule.indicator_no_", True, "strategy/checks/rules/goals.py") in used["problem"]
    # every module of the rules that yields a code of its own is scanned
    rules = {where for _, _, where in used["problem"] if where.startswith("strategy/checks/rules/")}
    assert rules == {f"strategy/checks/rules/{name}.py" for name in (
        "ids", "partnership", "years_and_money", "goals", "surveys", "diagnosis", "logic",
        "procedure", "access", "abbreviations")}


def test_every_code_used_in_the_source_is_in_the_catalog():
    used = _used_codes()
    missing = [(code, where) for code, prefix, where in used["problem"] + used["text"]
               if not _matching(code, prefix)]
    assert missing == []


def test_every_problem_the_source_reports_has_a_hint():
    codes = {c for code, prefix, _ in _used_codes()["problem"] for c in _matching(code, prefix)
             if not c.endswith(".hint")}
    assert [c for c in sorted(codes) if c + ".hint" not in CATALOG] == []


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_message_renders_in_both_languages(code):
    params = {name: 3 for name in placeholders(code, "pl")}
    for lang in LANGS:
        text = render(code, lang, params)
        assert not [name for name in params if "{" + name in text], text


def test_every_hint_belongs_to_a_message():
    assert [c for c in CATALOG if c.endswith(".hint") and not c.startswith("label.")
            and c.removesuffix(".hint") not in CATALOG] == []


def test_polish_messages_use_polish_quotes_and_english_ones_do_not():
    assert [c for c, entry in CATALOG.items() if "„" in entry["en"] or "'{" in entry["pl"]] == []


def test_a_parameter_given_per_language_is_picked_per_language():
    params = {"key": "x", "value": 1, "expected": localized("expected.date"), "advice": ""}
    assert "RRRR-MM-DD" in render("value.type", "pl", params)
    assert "YYYY-MM-DD" in render("value.type", "en", params)


@pytest.mark.parametrize(("n", "pl", "en"), [
    (0, "0 błędów", "0 errors"), (1, "1 błąd", "1 error"), (2, "2 błędy", "2 errors"),
    (4, "4 błędy", "4 errors"), (5, "5 błędów", "5 errors"), (12, "12 błędów", "12 errors"),
    (22, "22 błędy", "22 errors"), (25, "25 błędów", "25 errors"), (104, "104 błędy", "104 errors"),
])
def test_counts_take_the_right_plural_form(n, pl, en):
    assert render("summary.failed", "pl", {"errors": n, "warnings": 1}).startswith(
        f"Znaleziono {pl} i 1 ostrzeżenie")
    assert render("summary.failed", "en", {"errors": n, "warnings": 1}).startswith(
        f"Found {en} and 1 warning")


def test_plural_form_follows_polish_grammar():
    assert [plural_form("pl", n) for n in (1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 111, 112, 122)] == [
        0, 1, 1, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1]
    assert [plural_form("en", n) for n in (0, 1, 2)] == [1, 0, 1]


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        render("no.such.code", "pl", {})
    assert render("no.such.code.hint", "pl", {}, missing_ok=True) == ""


def test_codes_have_the_dotted_shape_the_scan_looks_for():
    assert all(CODE_SHAPE.match(code) for code in CATALOG)
