"""`check` warns about a section file whose first line does not lead the editor to its
schema: missing, pointing nowhere, to another kind's schema or another language's. The
warning gives the very line to write."""

from __future__ import annotations

import shutil
from pathlib import Path

from checking import copy_tiny, edit, run_check, switch_language

REPO = Path(__file__).resolve().parent.parent
COMPLETION = REPO / "tests" / "fixtures" / "example_completion"


def _schema_warnings(root: Path, *options: str) -> list[tuple[str, int, str, str, str]]:
    return [(p["file"], p["line"], p["code"], p["message"], p["hint"])
            for p in run_check(root, *options).problems if p["code"].startswith("editor.")]


def test_a_tidy_copy_has_no_schema_warnings(tmp_path):
    assert _schema_warnings(copy_tiny(tmp_path)) == []


def test_the_example_sections_name_their_schemas():
    assert _schema_warnings(REPO / "sections") == []


def test_a_file_without_the_line_gets_the_line_to_add(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "swot.yaml", "# yaml-language-server: $schema=../schema/swot.schema.json\n", "")
    [(file, line, code, message, hint)] = _schema_warnings(root)
    assert (file, line, code) == ("swot.yaml", 1, "editor.schema_missing")
    assert hint.startswith("Dopisz na początku pliku: "
                           "# yaml-language-server: $schema=../schema/swot.schema.json")


def test_a_line_to_another_kinds_schema_is_named(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P2.yaml", "schema/investments-item.schema.json",
         "schema/investments.schema.json")
    [(file, _, code, message, hint)] = _schema_warnings(root)
    assert (file, code) == ("investments/P2.yaml", "editor.schema_wrong")
    assert "innej sekcji" in message and "investments-item.schema.json" in message
    assert hint.endswith("$schema=../../schema/investments-item.schema.json")


def test_a_line_that_leads_nowhere_is_named(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "$schema=../schema/goals", "$schema=../../schema/goals")
    [(file, _, code, message, _hint)] = _schema_warnings(root)
    assert (file, code) == ("goals.yaml", "editor.schema_wrong")
    assert "takiego pliku nie ma" in message


def test_an_english_strategy_wants_the_english_schemas(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "strategy.yaml", "language: pl", "language: en")
    warnings = _schema_warnings(root)
    assert len(warnings) == len(list(root.rglob("*.yaml")))
    file, _, code, message, hint = next(w for w in warnings if w[0] == "swot.yaml")
    assert code == "editor.schema_wrong" and "another language" in message
    assert hint.endswith("$schema=../schema/en/swot.schema.json")
    switch_language(root, "en")
    assert _schema_warnings(root) == []


def test_the_example_completion_files_carry_the_lines_of_their_place_in_sections(tmp_path):
    root = tmp_path / "sections"
    shutil.copytree(REPO / "sections", root)
    (tmp_path / "schema").symlink_to(REPO / "schema", target_is_directory=True)
    shutil.copy(COMPLETION / "consultation.yaml", root)
    shutil.copy(COMPLETION / "evaluation.yaml", root)
    shutil.copytree(COMPLETION / "review", root / "review")
    assert _schema_warnings(root) == []


def test_sections_kept_outside_the_repository_are_pointed_at_its_schemas(tmp_path):
    root = tmp_path / "moja-strategia"
    shutil.copytree(REPO / "tests" / "fixtures" / "tiny", root)
    warnings = _schema_warnings(root)
    assert warnings and all(w[2] == "editor.schema_wrong" for w in warnings)
    hint = next(w[4] for w in warnings if w[0] == "swot.yaml")
    line = hint.split("wierszem: ", 1)[1]
    target = (root / line.split("$schema=", 1)[1]).resolve()
    assert target == (REPO / "schema" / "swot.schema.json").resolve()
