"""The officer's editor, for real: yaml-language-server (the engine of VS Code's YAML
extension, pinned in tests/editor/package-lock.json) is started over stdio and given the
section files as VS Code gives them. What it reports, shows on hover and offers in
completion comes from the schemas in schema/ (Polish) and schema/en/ (English).

Skips when node or the server is not installed (``npm ci --prefix tests/editor``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp import LanguageServer, server_command, server_version

REPO = Path(__file__).resolve().parent.parent
SECTIONS = REPO / "sections"
SHEET = SECTIONS / "investments" / "ipr-01-sciezki-rowerowe.yaml"

COMMAND = server_command()
pytestmark = pytest.mark.skipif(COMMAND is None, reason="node or yaml-language-server absent "
                                "(npm ci --prefix tests/editor)")
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True,
                     "format": {"enable": False}}}


@pytest.fixture(scope="module")
def server():
    assert COMMAND is not None
    ls = LanguageServer(COMMAND, REPO, SETTINGS)
    yield ls
    ls.close()


def _line(text: str, start: str) -> int:
    """The 0-based line (as LSP counts) of the first line starting with ``start``."""
    return next(i for i, line in enumerate(text.split("\n")) if line.startswith(start))


def test_the_pinned_server_is_the_one_the_yaml_extension_ships():
    assert server_version().startswith("1.25.")


@pytest.mark.parametrize("file", [SHEET, SECTIONS / "strategy.yaml", SECTIONS / "meetings.yaml",
                                  SECTIONS / "diagnosis" / "02-demografia.yaml"],
                         ids=lambda f: f.relative_to(SECTIONS).as_posix())
def test_a_valid_section_file_has_no_diagnostics(server, file):
    assert server.diagnostics(server.open(file)) == []


BROKEN = (SHEET.read_text(encoding="utf-8")
          .replace("cost: 38500000", "cost: 6 400 000 zł")
          .replace("status: concept", "status: koncepcja")
          .replace("location: Gminy", "locaton: Gminy")
          .replace("  - source: own\n    programme: Budżety członków partnerstwa\n"
                   "    amount: 7315000\n", "  - source: own\n    amount: \"7315000\"\n"))


def test_an_invalid_sheet_gets_located_polish_messages(server):
    uri = server.open(SHEET.with_name("zz-broken.yaml"), BROKEN)
    found = {(d["range"]["start"]["line"], d["message"]) for d in server.diagnostics(uri)}
    # A cost or an amount may be a number or {value, estimate, …} (model/common.py
    # Quantity): the server merges the two branches' type errors into its own English
    # words and takes no errorMessage for them, so only the place is the schema's here
    # (check says the Polish words, tests/test_broken_corpus.py).
    money = {_line(BROKEN, "cost:"), _line(BROKEN, "    amount: \"7315000\"")}
    union = {(line, m) for line, m in found if line in money and m.startswith("Incorrect type")}
    assert {line for line, _ in union} == money, found
    found -= union
    assert any(line == _line(BROKEN, "status:") and message.startswith("Dozwolone wartości: ")
               and "concept – koncepcja" in message for line, message in found), found
    assert any(line == _line(BROKEN, "locaton:") and message.startswith("Nieznane pole.")
               for line, message in found), found
    assert any("Brakuje wymaganego pola" in message and "location" in message
               for _, message in found), found
    assert not [m for _, m in found if "Incorrect type" in m or "not accepted" in m]


def test_hover_shows_the_polish_title_description_and_code_meanings(server):
    uri = server.open(SHEET)
    text = SHEET.read_text(encoding="utf-8")
    cost = server.hover(uri, _line(text, "cost:"), 1)
    assert "#### Koszt (zł)" in cost and "bez spacji" in cost
    status = server.hover(uri, _line(text, "status:"), 1)
    assert "#### Stan przygotowania" in status
    assert "`documentation`: dokumentacja w przygotowaniu" in status


def test_completion_of_a_code_tells_its_meaning(server):
    text = SHEET.read_text(encoding="utf-8").replace("status: concept", "status: ")
    uri = server.open(SHEET.with_name("zz-status.yaml"), text)
    items = {i["label"]: i.get("documentation") for i in server.completion(
        uri, _line(text, "status:"), len("status: "))}
    assert items["documentation"] == "dokumentacja w przygotowaniu"
    assert items["in_progress"] == "w realizacji"


@pytest.mark.parametrize(("file", "start", "snippet", "field"), [
    (SHEET, "  - source: own", "Źródło finansowania", "amount"),
    (SECTIONS / "meetings.yaml", "  - id: GR01", "Spotkanie", "form"),
    (SECTIONS / "diagnosis" / "02-demografia.yaml", "  - id: ", "Wskaźnik diagnozy", "values"),
], ids=["funding row", "meeting", "indicator"])
def test_a_new_list_item_is_offered_as_a_polish_snippet(server, file, start, snippet, field):
    text = file.read_text(encoding="utf-8")
    at = _line(text, start)
    lines = text.split("\n")
    lines.insert(at, "  - ")
    edited = "\n".join(lines)
    uri = server.open(file.with_name("zz-" + file.name), edited)
    items = server.completion(uri, at, 4)
    offered = {i["label"]: i for i in items}
    assert snippet in offered, sorted(offered)
    assert f"{field}:" in offered[snippet]["insertText"]


def test_an_empty_new_sheet_is_offered_a_whole_project_sheet(server):
    text = "# yaml-language-server: $schema=../../schema/investments-item.schema.json\n"
    uri = server.open(SHEET.with_name("zz-new.yaml"), text)
    offered = {i["label"]: i for i in server.completion(uri, 1, 0)}
    sheet = offered["Przedsięwzięcie (fiszka projektowa)"]["insertText"]
    for field in ("id:", "leader:", "cost:", "funding:", "status:"):
        assert field in sheet


def test_an_english_strategy_gets_english_messages_from_schema_en(server, tmp_path):
    text = BROKEN.replace("$schema=../../schema/investments-item.schema.json",
                          "$schema=../../schema/en/investments-item.schema.json")
    uri = server.open(SHEET.with_name("zz-english.yaml"), text)
    messages = [d["message"] for d in server.diagnostics(uri)]
    assert any("concept – concept" in m for m in messages)
    assert not [m for m in messages if "„" in m]
