"""`check --format sarif`: the problems as SARIF 2.1.0, valid against the official OASIS
schema (vendored in tests/sarif/), with every problem located relative to where check ran,
in the strategy's language."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from checking import copy_tiny, edit, run_check

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(
    encoding="utf-8"))


def _broken(tmp_path: Path) -> Path:
    root = copy_tiny(tmp_path)
    edit(root, "swot.yaml", "threats:", "threat:")
    edit(root, "investments/P1.yaml", "amount: 375000", "amount: 370000")
    edit(root, "diagnosis.yaml", ", powiat: 30895}", "}")
    (root / "notatki.yaml").write_text("todo: wszystko\n", encoding="utf-8")
    return root


def _sarif(root: Path, *options: str) -> dict:
    run = run_check(root, *options, fmt="sarif")
    return json.loads(run.stdout)


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_report_is_valid_sarif_2_1_0(tmp_path, lang):
    log = _sarif(_broken(tmp_path), "--lang", lang)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert errors == []
    assert log["version"] == "2.1.0"


def test_every_problem_is_a_located_result_with_its_level_and_hint(tmp_path):
    root = _broken(tmp_path)
    expected = run_check(root).problems
    [run] = _sarif(root)["runs"]
    results = run["results"]
    assert len(results) == len(expected) == 4
    for result, problem in zip(results, expected, strict=True):
        assert result["ruleId"] == problem["code"]
        assert result["level"] == problem["severity"]
        assert result["message"]["text"].startswith(problem["message"])
        assert f"wskazówka: {problem['hint']}" in result["message"]["text"]
        [location] = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert (artifact["uri"], artifact["uriBaseId"]) == (problem["file"], "SRCROOT")
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (problem["line"], problem["column"])
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == root.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["language"] == "pl-PL"


def test_an_empty_report_is_valid_too(tmp_path):
    log = _sarif(copy_tiny(tmp_path))
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log)) == []
    assert log["runs"][0]["results"] == []
