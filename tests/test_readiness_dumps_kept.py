"""readiness after an edit reads an unchanged kind's plain data from what an earlier run
kept, instead of validating the kind again to dump its model: the same data, of the
same types, so the same report word for word.

A valid kind's data (``Validated.dump``: its ``model_dump`` once the indicators are
bound) is kept in the cache as JSON, never pickle, under the kind's files, the folder
around them and the tool, like what the check keeps of each kind; the diagnosis's also
under the statistics and the partnership its indicators take their values from. What
JSON would not give back exactly is not kept.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from checking import calls, copy_tiny, edit, every_readiness_output, readiness_output
from test_statistics_document import fixture_sections

from strategy.checks import kept, validate
from strategy.model.files import FileRefusal, ResolvedFile, SectionFile
from strategy.pipeline import load_and_validate


def fingerprint(value: object) -> bytes:
    """Every value with its type, however shared (pickle without its memo, as the places
    key hashes the dumps): only compared."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


def _file(text: str, resolved: ResolvedFile | None = None,
          refusal: FileRefusal | None = None) -> SectionFile:
    value = SectionFile(text)
    if resolved is not None:
        value.resolved = resolved
    if refusal is not None:
        value.refusal = refusal
    return value


def test_a_kinds_data_comes_back_with_its_dates_amounts_and_named_files():
    data = {
        "date": dt.date(2024, 5, 10), "cost": Decimal("1.50"), "big": Decimal("2.2E+9"),
        "share": 0.125, "count": 3, "final": True, "none": None, "items": [{"a": "b"}],
        "map": _file("maps/area.geojson", resolved=ResolvedFile(
            Path("/s/maps/area.geojson"), 64768, 1234, 512, "geojson")),
        "image": _file("missing.png", refusal=FileRefusal("file.missing", {"name": "x.png"})),
        "bare": _file("as typed.svg"),
    }
    found = kept.load_data(kept.dump_data(data))
    assert found is not None
    back = found[0]
    assert fingerprint(back) == fingerprint(data)  # every value, every type
    assert back["cost"] == Decimal("1.50") and str(back["cost"]) == "1.50"
    assert back["map"].resolved == data["map"].resolved and back["map"].refusal is None
    assert back["image"].refusal == data["image"].refusal and back["image"].resolved is None
    assert "resolved" not in vars(back["bare"]) and "refusal" not in vars(back["bare"])


@pytest.mark.parametrize("value", [
    {"pair": (1, 2)},  # a tuple would come back a list
    {"set": {1}},
    {1: "a number key"},
    {"\x00date": "2024-05-10"},  # a key that reads as a tag
    {"time": dt.datetime(2024, 5, 10, 12)},  # a type not listed
])
def test_what_json_would_not_give_back_exactly_is_not_kept(value):
    assert kept.dump_data(value) is None


@pytest.mark.parametrize("data", [
    b"not json", b"[]", b'[99, {}]', b'[1, {"d": {"\\u0000date": "yesterday"}}]',
    b'[1, {"d": {"\\u0000decimal": "many"}}]', b'[1, {"f": {"\\u0000file": ["x"]}}]',
])
def test_a_damaged_or_foreign_entry_is_refused(data):
    assert kept.load_data(data) is None


@pytest.fixture
def validated_again(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds validated again to make their models (their validation was kept)."""
    return calls(monkeypatch, validate, "_model_of", 1)


def test_readiness_after_an_edit_does_not_validate_an_unchanged_kind_again(
        tmp_path: Path, validated_again: list[str]):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    readiness_output(root, cache)
    edit(root, "introduction.yaml", "powstała w", "powstała we")
    validated_again.clear()
    code, text = readiness_output(root, cache)
    # Only the record, whose status and version the heading names, is made again.
    assert validated_again == ["strategy"]
    assert (code, text) == readiness_output(root, "off")
    assert every_readiness_output(root, cache) == every_readiness_output(root, "off")


def test_a_kept_kinds_data_is_its_dump_as_validated_now(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    root = copy_tiny(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    first = load_and_validate(root)
    fresh = {k: first.dump(k) for k in first.kinds}
    edit(root, "introduction.yaml", "powstała w", "powstała we")
    again = load_and_validate(root)
    kept_kinds = [k for k in again.kinds if not again.kinds.made(k)]
    assert "diagnosis" in kept_kinds and "introduction" not in kept_kinds
    for kind in kept_kinds:
        assert fingerprint(again.dump(kind)) == fingerprint(fresh[kind]), kind
        assert not again.kinds.made(kind)  # read without its model


def test_the_diagnosis_takes_changed_snapshot_values_though_its_file_is_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = fixture_sections(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    before = load_and_validate(root)
    first = before.dump("diagnosis")
    assert any(v is not None for v in _values(first)), "the fixture's diagnosis has bound values"
    snapshot = root / "statistics" / "pracujacy.yaml"
    text = snapshot.read_text(encoding="utf-8")
    snapshot.write_text(text.replace("value: ", "value: 1", 1), encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    expected = load_and_validate(root).dump("diagnosis")
    assert json.dumps(_values(expected), default=str) != json.dumps(_values(first), default=str)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    again = load_and_validate(root)
    assert fingerprint(again.dump("diagnosis")) == fingerprint(expected)
    # What the diagnosis's data was kept under names the snapshots it was bound from.
    assert again._dump_detail("diagnosis", True) != before._dump_detail("diagnosis", True)
    assert again._dump_detail("goals", True) == before._dump_detail("goals", True)


def _values(diagnosis: dict) -> list:
    return [ind.get("values") for chapter in diagnosis["chapters"]
            for ind in chapter.get("indicators", [])]


def test_work_for_a_later_run_is_done_at_once_or_after_the_answer():
    from strategy.language import kept as books_kept

    done: list[str] = []
    books_kept.later(lambda: done.append("now"))  # a process of its own: at once
    assert done == ["now"]
    books_kept.answer_first()  # as the warm process's fork does
    try:
        books_kept.later(lambda: done.append("after"))
        books_kept.later(lambda: 1 / 0)  # a failure leaves the rest to be done
        books_kept.later(lambda: done.append("last"))
        assert done == ["now"]
    finally:
        books_kept.do_later()
    assert done == ["now", "after", "last"]
    books_kept.later(lambda: done.append("again"))
    assert done[-1] == "again"


@pytest.mark.parametrize("fixture", ["sections", "tests/fixtures/tiny",
                                     "tests/fixtures/real/coastal",
                                     "tests/fixtures/real/metro_association",
                                     "tests/fixtures/real/metro_union"])
def test_every_kind_of_the_example_and_the_fixtures_comes_back_exactly(
        fixture: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    validated = load_and_validate(Path(__file__).resolve().parent.parent / fixture)
    assert validated.kinds
    for kind in validated.kinds:
        value = validated.dump(kind)
        data = kept.dump_data(value)
        assert data is not None, kind
        assert fingerprint(kept.load_data(data)[0]) == fingerprint(value), kind
