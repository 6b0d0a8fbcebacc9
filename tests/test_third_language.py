"""A language is data: adding a folder of books adds a language, with no template and
no code changed.

The third language here is a copy of English in which every word of every book is
changed (capitals), with typography of its own (number marks, dates, amounts) and a
plural rule with three forms (one, two, many). It lives in a temporary folder named in
STRATEGY_LANGUAGE_DIRS; a fresh interpreter composes the tiny fixture in it and runs
the command line, so the language is known to the model and to --lang as any other.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from checking import copy_tiny

from strategy.language.books import HERE, book

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
NBSP = "\u00a0"


def _shout(template: str) -> str:
    """A phrase with its words in capitals and a plural placeholder with three forms
    (one, two, many); placeholders and their names stay as they are."""
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        out.append(literal.upper().replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        if spec and spec.startswith("plural:"):
            one, other = spec.removeprefix("plural:").split("|")
            spec = f"plural:{one.upper()}|TWO {other.upper()}|{other.upper()}"
        out.append("{" + field + (f"!{conversion}" if conversion else "")
                   + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def _changed(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _changed(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_changed(v) for v in data]
    return _shout(data) if isinstance(data, str) else data


def _third_language(folders: Path) -> Path:
    xx = folders / "xx"
    shutil.copytree(HERE / "en", xx)
    for path in xx.glob("*.yaml"):
        if path.stem != "language":
            path.write_text(yaml.safe_dump(_changed(book("en", path.stem)), allow_unicode=True),
                            encoding="utf-8")
    language = copy.deepcopy(book("en", "language"))  # the loader's copy is shared
    language.update(name="English in capitals", tag="en-IE", fallback="en", plural={
        "forms": 3, "rule": "0 if n == 1 else 1 if n == 2 else 2"})
    language["typography"] = {
        **language["typography"], "decimal_mark": ",", "group_mark": ".",
        "amount": "PLN{nbsp}{number}".replace("{nbsp}", NBSP), "date": "{month} {day}, {year}",
        "months": [m.upper() for m in language["typography"]["months"]]}
    (xx / "language.yaml").write_text(yaml.safe_dump(language, allow_unicode=True),
                                      encoding="utf-8")
    return xx


COMPOSE = """
import json, sys
from pathlib import Path
from strategy.compose.compose import compose
from strategy.language.books import languages
from strategy.model.record import Record
from strategy.pipeline import load_and_validate

sections = Path(sys.argv[1])
validated = load_and_validate(sections)
doc = compose(validated.strategy, sections.parent / "assets", sections)
m = doc.meta
print(json.dumps({"markdown": doc.markdown, "languages": languages(),
                  "problems": [p.code for p in validated.problems],
                  "schema": Record.model_json_schema()["properties"]["language"]["enum"],
                  "meta": [m.bcp47, m.toc_title, m.draft_mark, m.version_line, m.date_text,
                           m.status_label]}))
"""


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("third")
    _third_language(tmp / "languages")
    sections = copy_tiny(tmp)  # beside a schema folder, as check expects
    record = sections / "strategy.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("language: pl", "language: xx"),
                      encoding="utf-8")
    env = {**os.environ, "STRATEGY_LANGUAGE_DIRS": str(tmp / "languages")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=300)

    composed = run("-c", COMPOSE, str(sections))
    assert composed.returncode == 0, composed.stderr
    check = run("build_strategy.py", "check", "--sections", str(sections), "--lang", "xx")
    broken = tmp / "broken"
    shutil.copytree(sections, broken)
    (broken / "strategy.yaml").write_text(record.read_text(encoding="utf-8").replace(
        'version: "0.2"', 'version: "two"'), encoding="utf-8")
    failed = run("build_strategy.py", "check", "--sections", str(broken))
    return {**json.loads(composed.stdout), "check": check, "failed": failed}


def _plain(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md).replace(NBSP, " ")


def test_the_folder_adds_a_language_the_model_and_the_schema_accept(third: dict) -> None:
    assert third["languages"] == ["pl", "en", "xx"]
    assert third["schema"] == ["pl", "en", "xx"]
    assert third["problems"] == []


def test_the_document_is_in_the_third_languages_words(third: dict) -> None:
    headings = [_plain(line) for line in third["markdown"].splitlines() if line.startswith("# ")]
    assert headings[0] == "# DOCUMENT INFORMATION {.unnumbered}"
    assert "# DIAGNOSIS OF THE SOCIAL, ECONOMIC AND SPATIAL SITUATION {#DIAGNOSIS}" in headings
    assert "# COMPLIANCE OF THE STRATEGY WITH LEGAL REQUIREMENTS {#ANNEX-READINESS .unnumbered}" \
        in headings
    text = _plain(third["markdown"])
    assert "| **TOTAL** |" in text and "SOURCE: PREPARED BY THE PARTNERSHIP" in text
    english = yaml.safe_load((HERE / "en" / "document.yaml").read_text(encoding="utf-8"))
    for sentence in ("The diagnosis covers the area", "Document information",
                     english["investments"]["sheet"]["source"], "Source:", "Total"):
        assert sentence not in text


def test_the_third_languages_plural_rule_and_typography_apply(third: dict) -> None:
    text = _plain(third["markdown"])
    assert "THE PARTNERSHIP PLANS 2 TWO INVESTMENTS WITH A TOTAL ESTIMATED COST OF " \
        "PLN 3.700.000,50." in text
    assert "BRINGS TOGETHER 3 LOCAL GOVERNMENT UNITS" in text
    assert "COMPRISED 1 REMOTE MEETING AND 1 IN-PERSON MEETING" in text
    assert "| 121,20 | 10.815 | 2019 |" in text, "grouping and decimal marks"
    assert "| 0.1 | MAY 27, 2021 | WORKING DRAFT |" in text


def test_words_still_held_in_code_come_in_the_fallback_language(third: dict) -> None:
    """The law's element names are {pl, en} in checks/readiness.py, not in a language
    folder: the third language names en as its fallback and prints them in English."""
    assert "| Conclusions of the diagnosis | art. 10e(3) with art. 10g(3)" in _plain(
        third["markdown"])


def test_the_document_meta_comes_from_the_folder(third: dict) -> None:
    assert third["meta"] == ["en-IE", "CONTENTS", "DRAFT – VERSION 0.2", "VERSION 0.2",
                             "JUNE 10, 2021", "DRAFT FOR THE PARTNERSHIP COUNCIL"]


def test_the_command_line_speaks_the_third_language(third: dict) -> None:
    assert third["check"].returncode == 0, third["check"].stderr
    assert "THE SECTIONS ARE VALID (0 WARNINGS)." in third["check"].stdout
    failed = third["failed"]
    assert failed.returncode == 1
    assert re.search(r"strategy\.yaml:\d+:\d+: ERROR: ", failed.stdout + failed.stderr), (
        failed.stdout + failed.stderr)


def test_no_file_of_the_package_was_added_for_it() -> None:
    assert not (HERE / "xx").exists()
    assert not list((ROOT / "strategy" / "compose" / "templates").glob("*/"))
