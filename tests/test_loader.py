"""The load stage: reading one YAML file with marks (strategy.yamlsource) and a sections
folder into data per kind (strategy.load)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from checking import copy_tiny, edit, run_check

from strategy.problems import Mark
from strategy.sections.load import KEY, load
from strategy.sections.yamlsource import decode, parse, read

F = Path("test.yaml")


def _data(text: str):
    doc, problems = parse(F, text)
    assert problems == [], problems
    assert doc is not None
    return doc.data


# --- marks ------------------------------------------------------------------------------


NESTED = """\
# comment
title: Tytuł
members:
  - id: alfa
    values: {a: 1, żółw: [x, y]}
  - id: beta
    text: |
      wiersz
"""


def test_marks_point_at_nested_values_in_block_and_flow_style():
    doc, _ = parse(F, NESTED)
    assert doc is not None
    assert doc.marks[("title",)] == Mark(F, 2, 8)
    assert doc.marks[("members", 0, "id")] == Mark(F, 4, 9)
    assert doc.marks[("members", 0, "values", "a")] == Mark(F, 5, 17)
    assert doc.marks[("members", 0, "values", "żółw", 1)] == Mark(F, 5, 30)
    assert doc.marks[("members", 1, "text")] == Mark(F, 7, 11)


def test_key_marks_point_at_the_keys_themselves():
    doc, _ = parse(F, NESTED)
    assert doc is not None
    assert doc.key_marks[("members",)] == Mark(F, 3, 1)
    assert doc.key_marks[("members", 0, "values")] == Mark(F, 5, 5)
    assert doc.key_marks[("members", 0, "values", "żółw")] == Mark(F, 5, 20)


def test_columns_count_characters_not_bytes():
    doc, _ = parse(F, "żółć: [ąę, źń]\n")
    assert doc is not None
    assert doc.marks[("żółć", 1)] == Mark(F, 1, 12)


def test_a_mark_is_found_for_the_nearest_ancestor_when_the_value_is_absent(tmp_path):
    sections = load(copy_tiny(tmp_path))
    parent = sections.mark(("investments", "investments", 1))
    assert sections.mark(("investments", "investments", 1, "no", "such", 3)) == parent
    assert parent.file.name == "P2.yaml"


def test_a_path_ending_in_key_marks_the_key_not_the_value(tmp_path):
    sections = load(copy_tiny(tmp_path))
    path = ("diagnosis", "chapters", 0, "indicators", 0, "values", "beta")
    assert sections.mark(path) == Mark(sections.files["diagnosis"][0], 12, 37)
    assert sections.mark((*path, KEY)) == Mark(sections.files["diagnosis"][0], 12, 31)


# --- scalars ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("off", "off"), ("y", "y"), ("NO", "NO"),
    ("true", True), ("false", False), ("True", True),
    ("0123", "0123"), ("0410012", "0410012"), ("00", "00"), ("-01", "-01"), ("00.5", "00.5"),
    ("0", 0), ("123", 123), ("-5", -5), ("+7", 7), ("1410012", 1410012),
    ("1.5", 1.5), ("0.5", 0.5), (".5", 0.5), ("1e3", 1000.0), ("2500000.50", 2500000.5),
    ("1e400", "1e400"), (".inf", ".inf"), ("nan", "nan"), ("0x1F", "0x1F"), ("0o17", "0o17"),
    ("1_000", "1_000"), ("1 000", "1 000"), ("12,5", "12,5"),
    ("2021-05-27", dt.date(2021, 5, 27)), ("2021-02-30", "2021-02-30"),
    ("27.05.2021", "27.05.2021"), ("2021-05-27 10:00", "2021-05-27 10:00"),
    ("~", None), ("null", None), ("", None),
    ('"123"', "123"), ("'0.2'", "0.2"), ('"true"', "true"), ('"2021-05-27"', "2021-05-27"),
    ("!!int 5", 5), ('!!str 5', "5"), ("! 5", "5"),
], ids=lambda v: repr(v))
def test_plain_scalars_follow_a_yaml_1_2_like_schema(text, value):
    data = _data(f"k: {text}\n")
    assert data["k"] == value
    if type(value) is float:  # a float keeps the text typed, for an ID such as 2.10
        assert isinstance(data["k"], float) and data["k"].text == text
    else:
        assert type(data["k"]) is type(value)


def test_an_unquoted_number_keeps_the_text_an_id_needs():
    data = _data("ids: [2.1, 2.10, 3]\n")
    assert [d.text if isinstance(d, float) else d for d in data["ids"]] == ["2.1", "2.10", 3]


def test_a_teryt_code_with_a_leading_zero_never_becomes_a_number():
    data = _data("teryt: 0201011\npowiat: 0201\n")
    assert data == {"teryt": "0201011", "powiat": "0201"}


def test_keys_are_always_text():
    assert _data("2020: a\ntrue: b\nnull: c\n") == {"2020": "a", "true": "b", "null": "c"}


# --- what is refused ------------------------------------------------------------------


def test_duplicate_key_is_reported_with_both_lines():
    doc, problems = parse(F, "a: 1\nb: 2\na: 3\n")
    assert doc is not None and doc.data == {"a": 1, "b": 2}  # the first value is kept
    [problem] = problems
    assert (problem.code, problem.mark) == ("yaml.duplicate_key", Mark(F, 3, 1))
    assert problem.params == {"key": "a", "first_line": 1}


def test_duplicate_keys_found_before_a_syntax_error_are_still_reported():
    doc, problems = parse(F, "a: 1\na: 2\nb: [x\n")
    assert doc is None
    assert [p.code for p in problems] == ["yaml.duplicate_key", "yaml.unclosed_bracket"]


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system [echo x]\n",
    "a: !!python/name:os.system\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!timestamp 2021-05-27\n",
    "a: !Ref x\n",
    "a: !!map [x]\n",
    "a: !!int abc\n",
])
def test_object_constructing_and_unknown_tags_are_refused(text):
    doc, [problem] = parse(F, text)
    assert doc is None
    assert (problem.code, problem.mark) == ("yaml.tag", Mark(F, 1, 4))
    assert str(problem.params["tag"]).startswith("!")


def test_an_alias_bomb_is_refused_at_its_first_anchor_without_being_expanded():
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for n in range(1, 30):  # 10**30 items if expanded
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*{'a' if n == 1 else f'l{n - 1}'}"] * 10)
                     + "]")
    doc, [problem] = parse(F, "\n".join(lines) + "\n")
    assert doc is None
    assert (problem.code, problem.mark, problem.params) == ("yaml.alias", Mark(F, 1, 4),
                                                            {"name": "&a"})


def test_a_second_document_is_refused():
    doc, [problem] = parse(F, "a: 1\n---\nb: 2\n")
    assert doc is None
    assert (problem.code, problem.mark) == ("yaml.multiple_documents", Mark(F, 2, 1))


def test_an_explicit_single_document_is_fine():
    assert _data("---\na: 1\n...\n") == {"a": 1}


# --- encodings --------------------------------------------------------------------------


def test_utf8_with_bom_and_crlf_reads_like_plain_utf8_with_lf(tmp_path):
    plain, special = tmp_path / "a.yaml", tmp_path / "b.yaml"
    text = "tytuł: Zażółć\nlista:\n  - gęślą\n"
    plain.write_bytes(text.encode())
    special.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    (doc_a, pa), (doc_b, pb) = read(plain), read(special)
    assert pa == pb == []
    assert doc_a is not None and doc_b is not None
    assert doc_a.data == doc_b.data == {"tytuł": "Zażółć", "lista": ["gęślą"]}
    assert ({k: (m.line, m.column) for k, m in doc_a.marks.items()}
            == {k: (m.line, m.column) for k, m in doc_b.marks.items()})


def test_an_encoding_error_is_located_by_characters_on_its_line():
    text, problem = decode(F, "a: 1\nżółć: ".encode() + "źle".encode("cp1250"))
    assert text is None and problem is not None
    assert (problem.code, problem.mark) == ("file.encoding", Mark(F, 2, 7))
    assert problem.params["byte"] == "9F"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named_as_such(encoding):
    text, problem = decode(F, "a: żółw\n".encode(encoding))
    assert text is None and problem is not None
    assert problem.code == "file.utf16"


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    doc, [problem] = read(tmp_path / "nie-ma.yaml")
    assert doc is None and problem.code == "file.unreadable"


# --- the sections folder -----------------------------------------------------------------


def _project(ident: str) -> str:
    return f"id: '{ident}'\ntitle: T\n"


def test_a_split_folder_merges_its_files_in_name_order(tmp_path):
    folder = tmp_path / "investments"
    folder.mkdir()
    for name in ("b.yaml", "a.yml", "10.yaml", "2.yaml"):
        (folder / name).write_text(_project(name.split(".")[0].upper() or "X"), encoding="utf-8")
    sections = load(tmp_path)
    items = sections.data["investments"]["investments"]
    assert [i["id"] for i in items] == ["10", "2", "A", "B"]
    assert [p.name for p in sections.files["investments"]] == ["10.yaml", "2.yaml", "a.yml",
                                                               "b.yaml"]
    assert sections.mark(("investments", "investments", 2, "title")) == Mark(
        folder / "a.yml", 2, 8)
    assert sections.key_marks[("investments", "investments", 3, "title")] == Mark(
        folder / "b.yaml", 2, 1)
    assert sections.folders == {"investments"}


def test_hidden_and_underscore_files_and_folders_are_ignored(tmp_path):
    (tmp_path / "investments").mkdir()
    (tmp_path / "investments" / "P1.yaml").write_text(_project("P1"), encoding="utf-8")
    (tmp_path / "investments" / "_szkic.yaml").write_text("zepsute: [", encoding="utf-8")
    (tmp_path / "investments" / ".P1.yaml.swp").write_bytes(b"\x00\xff")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("x: 1", encoding="utf-8")
    (tmp_path / "_archiwum").mkdir()
    (tmp_path / "_archiwum" / "swot.yaml").write_text("[", encoding="utf-8")
    (tmp_path / "_notatki.yaml").write_text("[", encoding="utf-8")
    (tmp_path / ".swot.yaml").write_text("[", encoding="utf-8")
    sections = load(tmp_path)
    assert sections.problems == []
    assert list(sections.data) == ["investments"]
    assert [i["id"] for i in sections.data["investments"]["investments"]] == ["P1"]


def test_a_broken_file_in_a_split_folder_marks_the_kind_broken_and_keeps_the_others(tmp_path):
    (tmp_path / "investments").mkdir()
    (tmp_path / "investments" / "P1.yaml").write_text("id: [P1\ntitle: T\n", encoding="utf-8")
    (tmp_path / "investments" / "P2.yaml").write_text(_project("P2"), encoding="utf-8")
    sections = load(tmp_path)
    assert sections.broken == {"investments"}
    assert [p.code for p in sections.problems] == ["yaml.unclosed_bracket"]
    assert sections.problems[0].mark == Mark(tmp_path / "investments" / "P1.yaml", 1, 5)


def test_loading_the_tiny_strategy_finds_every_kind_and_no_problem(tmp_path):
    sections = load(copy_tiny(tmp_path))
    assert sections.problems == []
    assert sections.broken == set()
    assert {"strategy", "partnership", "investments", "swot"} <= set(sections.data)
    assert len(sections.data["investments"]["investments"]) == 2


def test_an_id_written_as_a_number_is_the_text_typed_and_a_bare_float_is_refused():
    from pydantic import TypeAdapter, ValidationError

    from strategy.model.common import Id

    ids = TypeAdapter(list[Id])
    assert ids.validate_python(_data("ids: [2.1, 2.10, 3]\n")["ids"]) == ["2.1", "2.10", "3"]
    with pytest.raises(ValidationError, match="id_number"):
        ids.validate_python([2.1])  # a float that lost the text it was typed as


def test_a_direction_numbered_2_10_unquoted_is_declared_and_referred_to_as_2_10(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "directions.yaml", "{id: K2,", "{id: 2.10,")
    edit(root, "areas.yaml", "directions: [K2]", "directions: [2.10]")
    run = run_check(root)
    assert run.exit_code == 0 and run.codes() == [], run.describe()
    edit(root, "areas.yaml", "directions: [2.10]", "directions: [2.1]")
    run = run_check(root)
    assert run.codes() == ["rule.dangling_reference"], run.describe()
    assert "2.1" in run.describe() and "2.10" in run.describe()
