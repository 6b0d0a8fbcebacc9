"""Tables kept from an earlier build (compose/kepttables.py): a kept table is taken only
for the very arguments it was made from, gives the same Markdown as making it, and a
damaged or foreign entry is nothing known."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from strategy.compose import markdown
from strategy.compose.compose import compose
from strategy.compose.kepttables import KeptTables
from strategy.compose.markdown import Md
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"
COLUMNS = ["Gmina", "Ludność"]
ROWS = [["Alfa", Md("1 200")], ["Beta", None]]


class Counting:
    """markdown.table, counting the tables it makes."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self, *args, **kw) -> Md:
        self.made += 1
        return markdown.table(*args, **kw)


def _again(kept: KeptTables) -> KeptTables:
    """What the next build reads of what this one kept."""
    return KeptTables.from_json(kept.to_json())


def test_a_table_made_once_is_taken_the_next_time_with_the_same_markdown():
    make, first = Counting(), KeptTables()
    made = first.table(make, COLUMNS, ROWS, "Ludność", "GUS", lang="pl", align="lr")
    second = _again(first)
    taken = second.table(make, COLUMNS, ROWS, "Ludność", "GUS", lang="pl", align="lr")
    assert make.made == 1
    assert taken == made == markdown.table(COLUMNS, ROWS, "Ludność", "GUS", lang="pl",
                                           align="lr")
    assert isinstance(taken, Md)


def test_a_kept_table_never_answers_for_other_arguments():
    """Any argument markdown.table reads makes another key: a cell's text, a cell given
    as Markdown instead of text, an empty cell, the caption, the source, the alignment,
    row headers, the language, the source's word."""
    base = (COLUMNS, ROWS, "Ludność", "GUS")
    options = {"lang": "pl", "align": "lr"}
    variants = [
        ((COLUMNS, [["Alfa", Md("1 201")], ["Beta", None]], "Ludność", "GUS"), options),
        ((COLUMNS, [["Alfa", "1 200"], ["Beta", None]], "Ludność", "GUS"), options),
        ((COLUMNS, [["Alfa", Md("1 200")], ["Beta", "–"]], "Ludność", "GUS"), options),
        ((COLUMNS, [["Alfa", Md("1 200")]], "Ludność", "GUS"), options),
        ((["Gmina", "Mieszkańcy"], ROWS, "Ludność", "GUS"), options),
        ((COLUMNS, ROWS, Md("Ludność"), "GUS"), options),
        ((COLUMNS, ROWS, "Ludność 2", "GUS"), options),
        ((COLUMNS, ROWS, "Ludność", "BDL"), options),
        (base, {"lang": "pl", "align": "ll"}),
        (base, {**options, "row_headers": True}),
        (base, {"lang": "en", "align": "lr"}),
        (base, {**options, "source_word": "Źródło danych"}),
    ]
    first = KeptTables()
    first.table(Counting(), *base, **options)
    for args, kw in variants:
        make = Counting()
        table = _again(first).table(make, *args, **kw)
        assert make.made == 1, (args, kw)
        assert table == markdown.table(*args, **kw)


def test_a_damaged_or_foreign_entry_is_nothing_known():
    kept = KeptTables()
    kept.table(Counting(), COLUMNS, ROWS, "Ludność", "GUS")
    good = kept.to_json()
    for data in (None, b"", b"\xff\xfe", good[:-3], b"[]", b'{"format": 0, "tables": {}}',
                 good.replace(b'"format":1', b'"format":2'),
                 b'{"format": 1, "tables": {"k": 1}}', b'{"format": 1, "tables": []}'):
        make = Counting()
        KeptTables.from_json(data).table(make, COLUMNS, ROWS, "Ludność", "GUS")
        assert make.made == 1, data


def test_a_document_composed_with_the_tables_of_another_is_the_document_composed_anew(
        tmp_path):
    """Tables kept from a strategy whose members, projects and numbers differ answer only
    where a table's arguments are the same: the document is byte for byte the one
    composed without them, and a second compose takes every table."""
    other = tmp_path / "other"
    shutil.copytree(TINY, other)
    path = other / "partnership.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["members"][0]["name"] = "Gmina Zmieniona"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")

    def composed(sections: Path, kept: KeptTables | None) -> str:
        strategy = load_and_validate(sections, cache=False).strategy
        assert strategy is not None
        work = tmp_path / f"assets-{sections.name}-{kept is not None}"
        return compose(strategy, work, sections, draw=False, kept_tables=kept).markdown

    of_other = KeptTables()
    assert composed(other, of_other) == composed(other, None)
    kept = _again(of_other)
    assert composed(TINY, kept) == composed(TINY, None)
    assert kept.used and set(kept.used) != set(of_other.used)  # some tables differ

    again = _again(kept)
    expected = composed(TINY, None)
    made = []
    real = markdown.table
    try:
        markdown.table = lambda *a, **k: made.append(a) or real(*a, **k)  # type: ignore
        assert composed(TINY, again) == expected
    finally:
        markdown.table = real  # type: ignore[assignment]
    assert not made  # every table taken
