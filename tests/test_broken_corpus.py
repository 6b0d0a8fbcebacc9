"""A corpus of broken copies of the tiny strategy: each mistake a user can make is applied
to a fresh copy, and `check` must report it at its file, line and column, with a
catalogued message that names the key or value involved, a hint, the right exit code,
and no traceback.

Locations are given as text to find in the edited file (the line holding one text, the
column where another starts), so a case reads as what the user would see in the editor.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from checking import TINY, CheckRun, copy_tiny, run_check

# --- how a mistake is made -----------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One change to one file (or folder) of the sections.

    ``old``/``new``: replace the single occurrence of ``old``; ``text``: write the file
    (encoded with ``encoding``); ``data``: write raw bytes; none of them: delete it."""

    file: str
    old: str | None = None
    new: str | None = None
    text: str | None = None
    encoding: str = "utf-8"
    data: bytes | None = None

    def apply(self, root: Path) -> str | None:
        """Make the change; return the file's text as the user sees it, for locating."""
        path = root / self.file
        if self.old is not None:
            assert self.new is not None
            before = path.read_text(encoding="utf-8")
            assert before.count(self.old) == 1, (
                f"the mistake does not apply: {self.old!r} occurs {before.count(self.old)} "
                f"times in {self.file}")
            after = before.replace(self.old, self.new)
            path.write_bytes(after.encode("utf-8"))
            return after
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.text is not None:
            path.write_bytes(self.text.encode(self.encoding))
            return self.text
        if self.data is not None:
            path.write_bytes(self.data)
            return self.data.decode("utf-8", errors="replace")
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        return None


def replace(file: str, old: str, new: str) -> Edit:
    return Edit(file, old=old, new=new)


def write(file: str, text: str, encoding: str = "utf-8") -> Edit:
    return Edit(file, text=text, encoding=encoding)


def write_bytes(file: str, data: bytes) -> Edit:
    return Edit(file, data=data)


def delete(file: str) -> Edit:
    return Edit(file)


# --- what check must say ---------------------------------------------------------------

Where = str | int  # text found in the file, or a number


@dataclass(frozen=True)
class Expect:
    file: str  # relative to the sections folder
    code: str
    line: Where = 1  # the first line holding this text
    column: Where | None = None  # where this text starts on that line; None: not checked
    severity: str = "error"
    says: tuple[str | dict[str, str], ...] = ()  # in the message ({lang: text} per language)
    hint_says: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mistake:
    name: str
    edits: tuple[Edit, ...]
    expect: Expect
    also: tuple[str, ...] = ()  # codes of the other problems this mistake rightly causes

    @property
    def exit_code(self) -> int:
        return 1 if self.expect.severity == "error" else 0


def mistake(name: str, *edits: Edit, expect: Expect, also: Iterable[str] = ()) -> Mistake:
    return Mistake(name, edits, expect, tuple(also))


def both(pl: str, en: str) -> dict[str, str]:
    return {"pl": pl, "en": en}


SWOT = """\
# yaml-language-server: $schema=../schema/swot.schema.json
strengths: [Czyste środowisko]
weaknesses: [Odpływ młodych]
opportunities: [Fundusze UE 2021-2027]
threats: [Starzenie się ludności]
"""
BOMB = """\
strengths: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
weaknesses: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
opportunities: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
threats: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""
# A supporting partner, as partnership.yaml of the tiny fixture would list it.
PARTNER = """partners:
  - id: lgd
    name: Stowarzyszenie „Lokalna Grupa Działania Testowa”
    kind: lgd
    role: animacja współpracy, projekty społeczne
    regon: "123456785"
    krs: "0000123456"
"""
INTRODUCTION = (TINY / "introduction.yaml").read_text(encoding="utf-8")
GOALS = (TINY / "goals.yaml").read_text(encoding="utf-8")
CS3_RESULTS = GOALS[GOALS.index("    results:\n      - text: Krótszy"):]
FIGURE = """  text: Ośrodkiem obszaru jest Alfa.
  figures:
    - {file: obrazy/mapa.png, caption: Mapa obszaru, alt: Mapa gmin, source: opracowanie własne}"""

CORPUS: list[Mistake] = [
    # --- YAML syntax ---------------------------------------------------------------
    mistake(
        "bad indentation makes a colon unexpected",
        replace("goals.yaml", "    title: Silna gospodarka", "      title: Silna gospodarka"),
        expect=Expect("goals.yaml", "yaml.colon", "title: Silna gospodarka", ": Silna")),
    mistake(
        "list item indented less than its siblings",
        replace("partnership.yaml", "  - id: beta", " - id: beta"),
        expect=Expect("partnership.yaml", "yaml.indentation", "- id: beta", "- id: beta")),
    mistake(
        "tab used for indentation",
        replace("swot.yaml", "weaknesses: [Odpływ młodych]", "weaknesses:\n\t- Odpływ młodych"),
        expect=Expect("swot.yaml", "yaml.tab", "\t- Odpływ", 1)),
    mistake(
        "unclosed quote",
        replace("swot.yaml", "weaknesses: [Odpływ młodych]", 'weaknesses: ["Odpływ młodych]'),
        expect=Expect("swot.yaml", "yaml.unclosed_quote", "weaknesses:", '"Odpływ')),
    mistake(
        "unclosed bracket",
        replace("swot.yaml", "weaknesses: [Odpływ młodych]", "weaknesses: [Odpływ młodych"),
        expect=Expect("swot.yaml", "yaml.unclosed_bracket", "weaknesses:", "[", says=("[",),
                      hint_says=("]",))),
    mistake(
        "colon missing after a key",
        replace("goals.yaml", "    dimensions: [economic]", "    dimensions [economic]"),
        expect=Expect("goals.yaml", "yaml.no_colon", "dimensions [economic]", "dimensions")),
    mistake(
        "duplicate key in swot",
        replace("swot.yaml", "threats: [Starzenie się ludności]",
                "threats: [Starzenie się ludności]\nstrengths: [Rzeka]"),
        expect=Expect("swot.yaml", "yaml.duplicate_key", "strengths: [Rzeka]", 1,
                      says=("strengths", "2"))),
    mistake(
        "duplicate key inside a one-line mapping",
        replace("conclusions.yaml", "{id: W2, text:", "{id: W2, id: W3, text:"),
        expect=Expect("conclusions.yaml", "yaml.duplicate_key", "id: W3", "id: W3",
                      says=("id",))),
    mistake(
        "python object tag is refused",
        replace("swot.yaml", "threats: [Starzenie się ludności]",
                "threats: !!python/object/apply:os.system [echo hacked]"),
        expect=Expect("swot.yaml", "yaml.tag", "threats:", "!!python",
                      says=("!!python/object/apply:os.system",))),
    mistake(
        "custom tag is refused",
        replace("swot.yaml", "threats: [Starzenie się ludności]", "threats: !include zagrozenia"),
        expect=Expect("swot.yaml", "yaml.tag", "threats:", "!include", says=("!include",))),
    mistake(
        "text tag on a list is refused",
        replace("swot.yaml", "threats: [Starzenie się ludności]",
                "threats: !!str [Starzenie się ludności]"),
        expect=Expect("swot.yaml", "yaml.tag", "threats:", "!!str", says=("!!str",))),
    mistake(
        "anchor and alias are refused",
        replace("swot.yaml", "strengths: [Czyste środowisko]", "strengths: &s [Czyste środowisko]"),
        replace("swot.yaml", "threats: [Starzenie się ludności]", "threats: *s"),
        expect=Expect("swot.yaml", "yaml.alias", "strengths:", "&s", says=("&s",))),
    mistake(
        "billion laughs alias bomb is refused",
        write("swot.yaml", BOMB),
        expect=Expect("swot.yaml", "yaml.alias", "strengths:", "&a", says=("&a",))),
    mistake(
        "two documents in one file",
        replace("swot.yaml", "threats: [Starzenie się ludności]",
                "threats: [Starzenie się ludności]\n---\nstrengths: [Rzeka]"),
        expect=Expect("swot.yaml", "yaml.multiple_documents", "---", 1)),
    mistake(
        "empty file",
        write("swot.yaml", ""),
        expect=Expect("swot.yaml", "file.empty", 1, 1)),
    mistake(
        "file with nothing but a comment",
        write("swot.yaml", "# SWOT do uzupełnienia\n"),
        expect=Expect("swot.yaml", "file.empty", 1, 1)),
    # --- encodings -------------------------------------------------------------------
    mistake(
        "Windows-1250 bytes of Polish text",
        write("introduction.yaml", INTRODUCTION, encoding="cp1250"),
        expect=Expect("introduction.yaml", "file.encoding", "powstała", "ła w",
                      says=("0xB3", "ł", "Windows-1250"), hint_says=("UTF-8",))),
    mistake(
        "Latin-2 bytes of Polish text",
        write("swot.yaml", SWOT, encoding="iso-8859-2"),
        expect=Expect("swot.yaml", "file.encoding", "strengths:", "środowisko",
                      says=("0xB6", "ś", "ISO-8859-2"))),
    mistake(
        "UTF-16 with BOM",
        write("swot.yaml", SWOT, encoding="utf-16"),
        expect=Expect("swot.yaml", "file.utf16", 1, 1, says=("UTF-16",), hint_says=("UTF-8",))),
    mistake(
        "UTF-16 without BOM",
        write("swot.yaml", SWOT, encoding="utf-16-le"),
        expect=Expect("swot.yaml", "file.utf16", 1, 1)),
    mistake(
        "invisible control character pasted from Word",
        replace("swot.yaml", "[Czyste środowisko]", "[Czyste\x0bśrodowisko]"),
        expect=Expect("swot.yaml", "yaml.control_character", "strengths:", "\x0b",
                      says=("U+000B",))),
    # --- keys and the shape of values ----------------------------------------------
    mistake(
        "unknown key with a close known key",
        replace("swot.yaml", "threats:", "threat:"),
        expect=Expect("swot.yaml", "value.unknown_key", "threat:", 1, says=("threat",),
                      hint_says=("threats", "strengths"))),
    mistake(
        "misspelt key in a project sheet",
        replace("investments/P1.yaml", "amount: 375000", "ammount: 375000"),
        expect=Expect("investments/P1.yaml", "value.unknown_key", "ammount", "ammount",
                      says=("ammount",), hint_says=("amount", "programme"))),
    mistake(
        "missing required field",
        replace("partnership.yaml", "    name: Gmina Beta\n    kind: rural\n",
                "    name: Gmina Beta\n"),
        expect=Expect("partnership.yaml", "value.missing", "- id: beta", "id: beta",
                      says=("kind",), hint_says=("kind",))),
    mistake(
        "text where a number is expected",
        replace("partnership.yaml", "population: 2814", "population: ok. 2800"),
        expect=Expect("partnership.yaml", "value.type", "population: ok", "ok.",
                      says=("population", "ok. 2800"))),
    mistake(
        "amount with spaces between thousands",
        replace("investments/P1.yaml", "cost: 2500000", "cost: 2 500 000"),
        expect=Expect("investments/P1.yaml", "value.type", "cost:", "2 500",
                      says=("cost", "2 500 000"), hint_says=("2500000",))),
    mistake(
        "unquoted TERYT code is a number, not text",
        replace("partnership.yaml", 'teryt: "1410012"', "teryt: 1410012"),
        expect=Expect("partnership.yaml", "value.type", "teryt: 1410012", "1410012",
                      says=(both("members nr 2 (beta) › teryt", "members no. 2 (beta) › teryt"),
                            "1410012", both("kod TERYT", "TERYT code")),
                      hint_says=('"1410012"',))),
    mistake(
        "unquoted version number is a number, not text",
        replace("strategy.yaml", 'version: "0.2"\n', "version: 0.2\n"),
        expect=Expect("strategy.yaml", "value.type", "version: 0.2", "0.2",
                      says=("version", "0.2"))),
    mistake(
        "impossible date",
        replace("meetings.yaml", "date: 2021-06-10", "date: 2021-06-31"),
        expect=Expect("meetings.yaml", "value.type", "2021-06-31", "2021-06-31",
                      says=(both("meetings nr 2 (M2) › date", "meetings no. 2 (M2) › date"),
                            "2021-06-31"), hint_says=("2021-05-27",))),
    mistake(
        "date written the Polish way",
        replace("meetings.yaml", "date: 2021-05-27", "date: 27.05.2021"),
        expect=Expect("meetings.yaml", "value.type", "27.05.2021", "27.05.2021",
                      says=("date", "27.05.2021"))),
    mistake(
        "value that is not one of the choices",
        replace("meetings.yaml", "form: remote", "form: online"),
        expect=Expect("meetings.yaml", "value.choice", "form: online", "online",
                      says=("form", "online"), hint_says=("remote", "in_person"))),
    mistake(
        "ID with a space",
        replace("conclusions.yaml", "{id: W2,", "{id: W 2,"),
        expect=Expect("conclusions.yaml", "value.type", "W 2", "W 2", says=("id", "W 2"),
                      hint_says=("CS1",))),
    mistake(
        "ID longer than 40 characters",
        replace("diagnosis.yaml", "- id: saldo",
                "- id: saldo-migracji-na-tysiac-mieszkancow-w-roku"),
        expect=Expect("diagnosis.yaml", "value.too_long", "id: saldo", "saldo",
                      says=("id", "40"))),
    mistake(
        "member ID in indicator values that is not an ID",
        replace("diagnosis.yaml", "values: {alfa: 10815", "values: {-alfa: 10815"),
        expect=Expect("diagnosis.yaml", "value.type", "-alfa", "-alfa", says=("-alfa",))),
    mistake(
        "empty list where at least one item is required",
        replace("swot.yaml", "threats: [Starzenie się ludności]", "threats: []"),
        expect=Expect("swot.yaml", "value.too_short", "threats:", "[]", says=("threats",))),
    mistake(
        "implementation without guidelines",
        replace("implementation.yaml",
                "guidelines:\n  - Dokumenty wykonawcze wskazują cele strategii, którym służą.",
                "guidelines: []"),
        expect=Expect("implementation.yaml", "value.too_short", "guidelines", "[]",
                      says=("guidelines",))),
    mistake(
        "negative cost",
        replace("investments/P1.yaml", "cost: 2500000", "cost: -2500000"),
        expect=Expect("investments/P1.yaml", "value.range", "cost:", "-2500000",
                      says=("cost", "-2500000", both("większa od 0", "greater than 0")))),
    mistake(
        "share above 100 percent",
        replace("surveys.yaml", "share: 41.5", "share: 141.5"),
        expect=Expect("surveys.yaml", "value.range", "141.5", "141.5",
                      says=("share", "141.5", "100"))),
    mistake(
        "infinite number",
        replace("partnership.yaml", "area_km2: 121.2", "area_km2: 1e400"),
        expect=Expect("partnership.yaml", "value.type", "1e400", "1e400",
                      says=("area_km2", "1e400"))),
    mistake(
        "whole file is a list instead of fields",
        write("swot.yaml", "# yaml-language-server: $schema=../schema/swot.schema.json\n"
              "- Czyste środowisko\n- Odpływ młodych\n"),
        expect=Expect("swot.yaml", "value.type", 2, 1, says=("swot",))),
    mistake(
        "table cell that is a mapping",
        replace("introduction.yaml", "  - cele i kierunki.\n",
                "  - cele i kierunki.\ntables:\n  - caption: Dane\n    columns: [Gmina]\n"
                "    rows: [[{Alfa: 1}]]\n    source: GUS\n"),
        expect=Expect("introduction.yaml", "value.type", "rows:", "{Alfa",
                      says=(both("tables nr 1 › rows nr 1", "tables no. 1 › rows no. 1"),))),
    mistake(
        "the only files of a folder do not parse",
        replace("investments/P1.yaml", "title: Wspólna", 'title: "Wspólna'),
        replace("investments/P2.yaml", "title: Centrum", 'title: "Centrum'),
        expect=Expect("investments/P2.yaml", "yaml.unclosed_quote", "title:", '"Centrum'),
        also=["yaml.unclosed_quote"]),
    # --- numbers as an officer types them ----------------------------------------------
    mistake(
        "decimal comma inside a one-line mapping",
        replace("goals.yaml", "target: {value: 850, year: 2030}",
                "target: {value: 8,5, year: 2030}"),
        expect=Expect("goals.yaml", "value.comma_in_number", "{value: 8,5", "8,5",
                      says=("8,5", "8"), hint_says=("8.5",))),
    mistake(
        "decimal comma in a value of its own",
        replace("partnership.yaml", "area_km2: 121.2", "area_km2: 121,2"),
        expect=Expect("partnership.yaml", "value.type", "area_km2: 121,2", "121,2",
                      says=("121,2",), hint_says=("121.2",))),
    mistake(
        "amount with the currency",
        replace("investments/P1.yaml", "cost: 2500000", "cost: 2 500 000 zł"),
        expect=Expect("investments/P1.yaml", "value.type", "cost:", "2 500",
                      says=("2 500 000 zł",), hint_says=("2500000", "zł"))),
    mistake(
        "amount in millions with a decimal comma",
        replace("investments/P1.yaml", "cost: 2500000", "cost: 2,5 mln zł"),
        expect=Expect("investments/P1.yaml", "value.type", "cost:", "2,5",
                      says=("2,5 mln zł",), hint_says=("2500000", "mln"))),
    mistake(
        "amount in quotes",
        replace("investments/P1.yaml", "cost: 2500000", 'cost: "2500000"'),
        expect=Expect("investments/P1.yaml", "value.type", "cost:", '"2500000"',
                      says=("2500000",), hint_says=("2500000",))),
    # --- empty values and misindented lines -------------------------------------------
    mistake(
        "empty optional text",
        replace("partnership.yaml", "    seat: Beta\n", "    seat:\n"),
        expect=Expect("partnership.yaml", "value.empty", "seat:\n", "seat",
                      says=("seat",), hint_says=("seat:",))),
    mistake(
        "empty required text",
        replace("partnership.yaml", "    powiat: łosicki\n    seat: Beta",
                "    powiat:\n    seat: Beta"),
        expect=Expect("partnership.yaml", "value.empty", "powiat:\n    seat: Beta", "powiat",
                      says=("powiat",))),
    mistake(
        "quoted TERYT code with a digit too few",
        replace("partnership.yaml", 'teryt: "1410012"', 'teryt: "141001"'),
        expect=Expect("partnership.yaml", "value.type", '"141001"', '"141001"',
                      says=("141001",), hint_says=("1410022", "eteryt"))),
    mistake(
        "first list item moved left",
        replace("partnership.yaml", "  - id: alfa", " - id: alfa"),
        expect=Expect("partnership.yaml", "yaml.indentation", "- id: alfa", "- id: alfa")),
    mistake(
        "empty folder of a split kind",
        delete("investments/P1.yaml"), delete("investments/P2.yaml"),
        # A warning: the kind is optional in the model (the profile decides), so the
        # document is built without the chapter until the folder has its files.
        expect=Expect("investments", "file.empty_folder", 1, 1, severity="warning",
                      says=("investments/",), hint_says=("investments-item.schema.json",))),
    # --- identifiers and references ---------------------------------------------------
    mistake(
        "ID used twice across files",
        replace("investments/P2.yaml", "id: P2", "id: P1"),
        expect=Expect("investments/P2.yaml", "rule.duplicate_id", "id: P1", "P1",
                      says=("P1", "investments/P1.yaml:2"))),
    mistake(
        "ID used twice in different kinds",
        replace("spatial.yaml", "{id: R1,", "{id: W2,"),
        expect=Expect("spatial.yaml", "rule.duplicate_id", "id: W2", "W2",
                      says=("W2", "conclusions.yaml:4"))),
    mistake(
        "dangling goal in a direction",
        replace("directions.yaml", "goal: CS2", "goal: CS9"),
        expect=Expect("directions.yaml", "rule.dangling_reference", "CS9", "CS9",
                      says=("CS9", both("celu", "goal")), hint_says=("CS3",)),
        also=["rule.goal_without_direction"]),
    mistake(
        "dangling conclusion in a direction",
        replace("directions.yaml", "conclusions: [W2]", "conclusions: [W3]"),
        expect=Expect("directions.yaml", "rule.dangling_reference", "W3", "W3",
                      says=("W3", both("wniosku", "conclusion")), hint_says=("W2",))),
    mistake(
        "dangling member in a direction",
        replace("directions.yaml", "members: [alfa, beta]", "members: [alfa, gamma]"),
        expect=Expect("directions.yaml", "rule.dangling_reference", "gamma", "gamma",
                      says=("gamma", both("członka", "member")), hint_says=("powiat",))),
    mistake(
        "dangling leader of a project",
        replace("investments/P1.yaml", "leader: alfa", "leader: alpha"),
        expect=Expect("investments/P1.yaml", "rule.dangling_reference", "leader:", "alpha",
                      says=("alpha",), hint_says=("alfa",))),
    mistake(
        "dangling partner of a project",
        replace("investments/P1.yaml", "partners: [beta]", "partners: [beta, delta]"),
        expect=Expect("investments/P1.yaml", "rule.dangling_reference", "partners:", "delta",
                      says=("delta",))),
    mistake(
        "dangling direction in a project",
        replace("investments/P1.yaml", "directions: [K3]", "directions: [K4]"),
        expect=Expect("investments/P1.yaml", "rule.dangling_reference", "directions:", "K4",
                      says=("K4", both("kierunku", "direction")), hint_says=("K3",))),
    mistake(
        "dangling meeting in the history",
        replace("strategy.yaml", "meeting: M2", "meeting: M3"),
        expect=Expect("strategy.yaml", "rule.dangling_reference", "M3", "M3",
                      says=("M3", both("spotkania", "meeting")), hint_says=("M2",))),
    mistake(
        "dangling chapter in a conclusion",
        replace("conclusions.yaml", "chapter: demografia", "chapter: gospodarka"),
        expect=Expect("conclusions.yaml", "rule.dangling_reference", "gospodarka", "gospodarka",
                      says=("gospodarka", both("rozdziału", "chapter")),
                      hint_says=("demografia",))),
    mistake(
        "dangling member in indicator values",
        replace("diagnosis.yaml", "values: {alfa: 10815", "values: {alpha: 10815"),
        expect=Expect("diagnosis.yaml", "rule.dangling_reference", "alpha", "alpha",
                      says=("alpha",), hint_says=("alfa",)),
        also=["rule.indicator_missing_members"]),
    mistake(
        "dangling participant of a meeting",
        replace("meetings.yaml", "participants: [alfa, beta]\n", "participants: [alfa, betta]\n"),
        expect=Expect("meetings.yaml", "rule.dangling_reference", "betta", "betta",
                      says=("betta",), hint_says=("beta",))),
    mistake(
        "dangling member of a council seat",
        replace("partnership.yaml", "Wójt Gminy Beta, member: beta}",
                "Wójt Gminy Beta, member: gmina-beta}"),
        expect=Expect("partnership.yaml", "rule.dangling_reference", "gmina-beta", "gmina-beta",
                      says=("gmina-beta",))),
    mistake(
        "dangling direction of an area of strategic intervention",
        replace("areas.yaml", "directions: [K2]", "directions: [K7]"),
        expect=Expect("areas.yaml", "rule.dangling_reference", "K7", "K7", says=("K7",))),
    mistake(
        "unknown section in a meeting's drafted list",
        replace("meetings.yaml", "drafted: [diagnosis]", "drafted: [diagnoza]"),
        expect=Expect("meetings.yaml", "rule.unknown_section", "diagnoza", "diagnoza",
                      says=("diagnoza",), hint_says=("diagnosis",))),
    # --- money, years and sums --------------------------------------------------------
    mistake(
        "funding does not add up to cost",
        replace("investments/P1.yaml", "amount: 375000", "amount: 370000"),
        expect=Expect("investments/P1.yaml", "rule.funding_sum", "funding:", 1,
                      says=("P1", "2 495 000,00", "2 500 000,00", "5 000,00"))),
    mistake(
        "project years outside the strategy period",
        replace("investments/P1.yaml", "years: {first: 2023, last: 2025}",
                "years: {first: 2023, last: 2031}"),
        expect=Expect("investments/P1.yaml", "rule.year_outside_period", "years:", "2031",
                      says=("2031", "2022", "2030"))),
    mistake(
        "project years reversed",
        replace("investments/P1.yaml", "years: {first: 2023, last: 2025}",
                "years: {first: 2025, last: 2023}"),
        expect=Expect("investments/P1.yaml", "rule.year_order", "years:", "2023",
                      says=("2023", "2025"))),
    mistake(
        "strategy period reversed is reported once",
        replace("strategy.yaml", "period: {first: 2022, last: 2030}",
                "period: {first: 2030, last: 2022}"),
        expect=Expect("strategy.yaml", "rule.year_order", "period:", "2022}",
                      says=("2022", "2030"))),
    mistake(
        "project years past the period but within its horizon are fine; past it are not",
        replace("strategy.yaml", "period: {first: 2022, last: 2030}",
                "period: {first: 2022, last: 2027, horizon: 2030}"),
        replace("investments/P1.yaml", "years: {first: 2023, last: 2025}",
                "years: {first: 2023, last: 2031}"),
        expect=Expect("investments/P1.yaml", "rule.year_outside_period", "years:", "2031",
                      says=("2031", both("2022–2027 z perspektywą do 2030 r.",
                                         "2022–2027 with a perspective to 2030")))),
    mistake(
        "horizon not after the period",
        replace("strategy.yaml", "period: {first: 2022, last: 2030}",
                "period: {first: 2022, last: 2030, horizon: 2030}"),
        expect=Expect("strategy.yaml", "rule.horizon_within_period", "period:", "2030}",
                      says=("2030",))),
    mistake(
        "project indicator year outside the period",
        replace("investments/P1.yaml", "target: 40000, year: 2026", "target: 40000, year: 2036"),
        expect=Expect("investments/P1.yaml", "rule.year_outside_period", "2036", "2036",
                      says=("2036",))),
    mistake(
        "indicator target year outside the period",
        replace("goals.yaml", "target: {value: 850, year: 2030}",
                "target: {value: 850, year: 2035}"),
        expect=Expect("goals.yaml", "rule.year_outside_period", "2035", "2035",
                      says=("2035", "2022", "2030"))),
    mistake(
        "indicator baseline not before its target",
        replace("goals.yaml", "baseline: {value: 780, year: 2020}",
                "baseline: {value: 780, year: 2030}"),
        expect=Expect("goals.yaml", "rule.baseline_after_target", "{value: 780", "2030",
                      says=("WR2", "2030"))),
    mistake(
        "survey ends before it starts",
        replace("surveys.yaml", "period: {start: 2021-04-01, end: 2021-04-30}",
                "period: {start: 2021-05-01, end: 2021-04-30}"),
        expect=Expect("surveys.yaml", "rule.date_order", "period:", "2021-04-30",
                      says=("2021-04-30", "2021-05-01"))),
    mistake(
        "history has a version twice",
        replace("strategy.yaml", '{version: "0.1", date: 2021-05-27',
                '{version: "0.2", date: 2021-05-27'),
        expect=Expect("strategy.yaml", "rule.duplicate_version", "date: 2021-06-10, status",
                      '"0.2"', says=("0.2",))),
    # --- the partnership --------------------------------------------------------------
    mistake(
        "an old file marks the leader on a member (the coordinator is named once now)",
        replace("partnership.yaml", "coordinator: alfa\n", ""),
        replace("partnership.yaml", "    seat: Alfa\n", "    seat: Alfa\n    leader: true\n"),
        expect=Expect("partnership.yaml", "partnership.leader_retired", "leader: true",
                      "leader", says=("leader", "alfa"), hint_says=("coordinator: alfa",))),
    mistake(
        "the coordinator is neither a member nor a partner",
        replace("partnership.yaml", "coordinator: alfa", "coordinator: alpha"),
        expect=Expect("partnership.yaml", "rule.dangling_reference", "coordinator:", "alpha",
                      says=("alpha",), hint_says=("alfa",))),
    mistake(
        "a supporting partner named where a territory is meant (the members of a direction)",
        replace("partnership.yaml", "council:\n", PARTNER + "council:\n"),
        replace("directions.yaml", "members: [alfa, beta]", "members: [alfa, lgd]"),
        expect=Expect("directions.yaml", "rule.partner_not_territory", "members: [alfa, lgd]",
                      "lgd]", says=("lgd",), hint_says=("alfa", "beta", "powiat"))),
    mistake(
        "a local action group has no TERYT code",
        replace("partnership.yaml", "council:\n",
                PARTNER.replace("    krs:", '    teryt: "1411"\n    krs:') + "council:\n"),
        expect=Expect("partnership.yaml", "rule.teryt_not_local_government", 'teryt: "1411"',
                      '"1411"', says=("lgd", "1411"))),
    mistake(
        "a REGON with a wrong check digit",
        replace("partnership.yaml", "council:\n",
                PARTNER.replace('regon: "123456785"', 'regon: "123456786"') + "council:\n"),
        expect=Expect("partnership.yaml", "rule.regon_checksum", "regon:", '"123456786"',
                      says=("123456786",))),
    mistake(
        "a KRS number without its leading zeros",
        replace("partnership.yaml", "council:\n",
                PARTNER.replace('krs: "0000123456"', 'krs: "123456"') + "council:\n"),
        expect=Expect("partnership.yaml", "value.type", "krs:", '"123456"',
                      says=("123456",), hint_says=("0000123456",))),
    mistake(
        "a gmina without its TERYT code (its area is unknown)",
        replace("partnership.yaml", '    teryt: "1410012"\n', ""),
        expect=Expect("partnership.yaml", "rule.teryt_missing", "kind: rural", "rural",
                      severity="warning", says=("beta",))),
    mistake(
        "a TERYT code of no voivodeship",
        replace("partnership.yaml", 'teryt: "1410012"', 'teryt: "1510012"'),
        expect=Expect("partnership.yaml", "rule.teryt_voivodeship", '"1510012"', '"1510012"',
                      says=("1510012",))),
    mistake(
        "a city with powiat rights given an ordinary gmina's code",
        replace("partnership.yaml", "kind: rural", "kind: city-county"),
        replace("partnership.yaml", 'teryt: "1410012"', 'teryt: "1410011"'),
        expect=Expect("partnership.yaml", "rule.teryt_kind", '"1410011"', '"1410011"',
                      says=("1410011", "city-county"))),
    mistake(
        "a member's figures without any source",
        replace("partnership.yaml",
                "    population_year: 2019\n    source: GUS TERC (ilustracyjne dane testowe)\n"
                "  - id: beta", "    population_year: 2019\n  - id: beta"),
        expect=Expect("partnership.yaml", "rule.member_source_missing", "- id: alfa", "alfa",
                      severity="warning", says=("Miasto i Gmina Alfa",))),
    mistake(
        "an association listed among the members that adopt the strategy",
        replace("partnership.yaml", "kind: powiat", "kind: association"),
        replace("partnership.yaml", '    teryt: "1410"\n', ""),
        expect=Expect("partnership.yaml", "rule.member_not_a_government", "kind: association",
                      "association", severity="warning", says=("Powiat Testowy",))),
    mistake(
        "TERYT code does not match the kind of gmina",
        replace("partnership.yaml", "kind: rural", "kind: urban"),
        expect=Expect("partnership.yaml", "rule.teryt_kind", '"1410012"', '"1410012"',
                      says=("1410012", "urban"))),
    mistake(
        "TERYT code used twice",
        replace("partnership.yaml", 'kind: rural\n    teryt: "1410012"',
                'kind: urban-rural\n    teryt: "1410023"'),
        expect=Expect("partnership.yaml", "rule.duplicate_teryt",
                      '"1410023"\n    powiat: łosicki\n    seat: Beta', '"1410023"',
                      says=("1410023", "alfa"))),
    # --- the logic of the strategy ----------------------------------------------------
    mistake(
        "no goal in the spatial dimension",
        replace("goals.yaml", "dimensions: [spatial]", "dimensions: [social]"),
        expect=Expect("goals.yaml", "rule.dimensions", "- id: CS1", "- id: CS1",
                      says=(both("przestrzenny", "spatial"),))),
    mistake(
        "goals nested three levels deep",
        replace("goals.yaml", "      - {id: CO1.1, title: Lepsze usługi społeczne}",
                "      - id: CO1.1\n        title: Lepsze usługi społeczne\n        goals:\n"
                "          - {id: CO1.1.1, title: Za głęboko}"),
        expect=Expect("goals.yaml", "rule.goal_too_deep", "{id: CO1.1.1", "{id: CO1.1.1",
                      says=("CO1.1.1",))),
    mistake(
        "a level of goals without a name where the partnership names its levels",
        replace("goals.yaml", "mission: Współpraca dla rozwoju.\n",
                "mission: Współpraca dla rozwoju.\nlevels:\n  - {singular: priorytet, "
                "plural: priorytety}\n"),
        expect=Expect("goals.yaml", "rule.goal_level_unnamed", "{id: CO1.1", "{id: CO1.1",
                      says=("CO1.1",))),
    mistake(
        "a direction that names no goal while there are goals",
        replace("directions.yaml", "goal: CS2, conclusions", "conclusions"),
        expect=Expect("directions.yaml", "rule.direction_without_goal", "{id: K2", "K2",
                      severity="warning", says=("K2",)),
        also=["rule.goal_without_direction"]),
    mistake(
        "a package with neither project sheets nor an estimate",
        write("packages.yaml", "# yaml-language-server: $schema=../schema/packages.schema.json\n"
              "packages:\n  - {id: PK1, title: Kolej, kind: bundle}\n"),
        expect=Expect("packages.yaml", "rule.package_without_cost", "{id: PK1", "PK1",
                      severity="warning", says=("PK1",))),
    mistake(
        "a package with an estimate beside the sheets that name it",
        write("packages.yaml", "# yaml-language-server: $schema=../schema/packages.schema.json\n"
              "packages:\n  - {id: PK1, title: Usługi, kind: zpt_package, joint: true,"
              " cost: 5000000}\n"),
        replace("investments/P1.yaml", "status:", "package: PK1\nstatus:"),
        expect=Expect("packages.yaml", "rule.package_estimate_and_sheets", "{id: PK1",
                      "5000000", severity="warning", says=("PK1",))),
    mistake(
        "goals.yaml of the old shape (strategic_goals)",
        replace("goals.yaml", "\ngoals:\n", "\nstrategic_goals:\n"),
        expect=Expect("goals.yaml", "value.retired.strategic_goals", "strategic_goals:",
                      "strategic_goals", hint_says=("goals:", "dimensions: [social]"))),
    mistake(
        "a goal with the old single dimension",
        replace("goals.yaml", "dimensions: [economic]", "dimension: economic"),
        expect=Expect("goals.yaml", "value.retired.dimension", "dimension: economic",
                      "dimension", hint_says=("dimensions: [social]",))),
    # --- files and folders -------------------------------------------------------------
    mistake(
        "unknown section file name with a suggestion",
        delete("swot.yaml"), write("swto.yaml", SWOT),
        expect=Expect("swto.yaml", "file.unknown_kind", 1, 1, says=("swto.yaml",),
                      hint_says=("swot",))),
    mistake(
        "unknown section file name without a suggestion",
        write("notatki.yaml", "todo: wszystko\n"),
        expect=Expect("notatki.yaml", "file.unknown_kind", 1, 1, says=("notatki.yaml",),
                      hint_says=("strategy", "financing"))),
    mistake(
        "figure file missing",
        replace("spatial.yaml", "  text: Ośrodkiem obszaru jest Alfa.", FIGURE),
        expect=Expect("spatial.yaml", "path.missing", "obrazy/mapa.png", "obrazy",
                      says=("obrazy/mapa.png",))),
    mistake(
        "a file and a folder for the same kind",
        write("investments.yaml", "investments: []\n"),
        expect=Expect("investments.yaml", "file.both_forms", 1, 1, says=("investments",))),
    mistake(
        "a folder for a kind that cannot be split",
        write("swot/mocne.yaml", "strengths: [Rzeka]\n"),
        expect=Expect("swot", "file.folder_not_allowed", 1, 1, says=("swot",),
                      hint_says=("swot.yaml",))),
    # The model requires only the record and the partnership; any other kind is
    # required by the legal profile, whose warning names it and the provision.
    mistake(
        "missing file of a whole kind",
        delete("partnership.yaml"),
        expect=Expect("partnership.yaml", "file.missing_kind", 1, 1, says=("partnership",),
                      hint_says=("partnership.yaml",))),
    mistake(
        "missing file of a kind the legal profile requires",
        delete("spatial.yaml"),
        expect=Expect("spatial.yaml", "law.kind_required", 1, 1, severity="warning",
                      says=("spatial", "strategia rozwoju ponadlokalnego",
                            {"pl": "art. 10e ust. 3 pkt 4", "en": "art. 10e(3)(4)"}),
                      hint_says=("spatial.yaml", "profile:"))),
    mistake(
        "missing file of a split kind the legal profile requires",
        delete("diagnosis.yaml"), replace("conclusions.yaml", ", chapter: demografia}", "}"),
        expect=Expect("diagnosis.yaml", "law.kind_required", 1, 1, severity="warning",
                      says=("diagnosis", {"pl": "art. 10a ust. 1 u.z.p.p.", "en": "art. 10a(1)"},
                            {"pl": "art. 29 ust. 1 lit. b", "en": "art. 29(1)(b)"}),
                      hint_says=("diagnosis/",))),
    # --- warnings: the document would be incomplete, not wrong ---------------------------
    mistake(
        "goal without direction",
        replace("directions.yaml", "goal: CS2", "goal: CO1.1"),
        expect=Expect("goals.yaml", "rule.goal_without_direction", "- id: CS2", "CS2",
                      "warning", says=("CS2",))),
    mistake(
        "direction without conclusion",
        replace("directions.yaml", ", conclusions: [W2]", ""),
        expect=Expect("directions.yaml", "rule.direction_without_conclusion", "{id: K3", "K3",
                      "warning", says=("K3",), hint_says=("conclusions",))),
    mistake(
        "indicator missing baseline",
        replace("goals.yaml", "            baseline: {value: 780, year: 2020}\n", ""),
        expect=Expect("goals.yaml", "rule.indicator_no_baseline", "- id: WR2", "id: WR2",
                      "warning", says=("WR2",), hint_says=("baseline",))),
    mistake(
        "indicator missing target",
        replace("goals.yaml", "            target: {value: 35, year: 2030}\n", ""),
        expect=Expect("goals.yaml", "rule.indicator_no_target", "- id: WR3", "id: WR3",
                      "warning", says=("WR3",))),
    mistake(
        "indicator missing member values",
        replace("diagnosis.yaml", ", powiat: 30895}", "}"),
        expect=Expect("diagnosis.yaml", "rule.indicator_missing_members", "values: {alfa",
                      "{alfa", "warning", says=("ludnosc", "powiat"), hint_says=("null",))),
    mistake(
        "project leader also listed as partner",
        replace("investments/P1.yaml", "partners: [beta]", "partners: [alfa, beta]"),
        expect=Expect("investments/P1.yaml", "rule.leader_is_partner", "partners:", "[alfa",
                      "warning", says=("alfa",))),
    mistake(
        "project without indicators",
        replace("investments/P2.yaml",
                "indicators:\n  output: [{name: Przebudowane budynki, unit: szt., target: 1}]\n",
                ""),
        expect=Expect("investments/P2.yaml", "rule.investment_without_indicators", "id: P2",
                      "id", "warning", says=("P2",))),
    mistake(
        "goal without expected results",
        replace("goals.yaml", CS3_RESULTS, ""),
        expect=Expect("goals.yaml", "rule.goal_without_results", "- id: CS3", "id: CS3",
                      "warning", says=("CS3",), hint_says=("results",))),
    mistake(
        "population without its year",
        replace("partnership.yaml", "    population: 2814\n    population_year: 2019\n",
                "    population: 2814\n"),
        expect=Expect("partnership.yaml", "rule.population_year", "population: 2814", "2814",
                      "warning", says=("Gmina Beta",), hint_says=("population_year",))),
]


def _line_and_column(text: str, line: Where, column: Where | None) -> tuple[int, int | None]:
    if isinstance(line, int):
        number = line
    else:
        at = text.index(line)
        number = text.count("\n", 0, at) + 1
    if column is None or isinstance(column, int):
        return number, column
    line_text = text.split("\n")[number - 1]
    assert column in line_text, f"{column!r} is not on line {number}: {line_text!r}"
    return number, line_text.index(column) + 1


def _texts(root: Path, edits: Iterable[Edit]) -> dict[str, str]:
    """Each edited file's text as the user sees it; an unedited file is read as it is."""
    return {e.file: t for e in edits if (t := e.apply(root)) is not None}


def assert_reported(run: CheckRun, expect: Expect, texts: dict[str, str], root: Path,
                    lang: str) -> None:
    text = texts.get(expect.file)
    if text is None and (root / expect.file).is_file():
        text = (root / expect.file).read_text(encoding="utf-8")
    line, column = _line_and_column(text or "", expect.line, expect.column)
    candidates = [p for p in run.problems if p["code"] == expect.code]
    assert candidates, f"no {expect.code} reported; got:\n{run.describe()}"
    at = [p for p in candidates if p["file"] == expect.file and p["line"] == line
          and (column is None or p["column"] == column) and p["severity"] == expect.severity]
    assert at, (f"{expect.code} not at {expect.file}:{line}:{column} ({expect.severity}); "
                f"got:\n{run.describe()}")
    problem = at[0]
    for said in expect.says:
        word = said[lang] if isinstance(said, dict) else said
        assert word in problem["message"], f"{word!r} not in {problem['message']!r}"
    assert problem["hint"], f"no hint for {expect.code}"
    for text in (problem["message"], problem["hint"]):  # no programmer's words leak through
        assert not any(leak in text for leak in ("None", "Input should", "<unicode")), text
        assert not re.search(r"\{[a-z_]+\}", text), text  # an unfilled placeholder
    for said in expect.hint_says:
        assert said in problem["hint"], f"{said!r} not in hint {problem['hint']!r}"


def test_the_corpus_has_at_least_35_distinct_mistakes():
    names = [m.name for m in CORPUS]
    assert len(set(names)) == len(names) >= 35


def test_the_unbroken_tiny_strategy_passes(tmp_path):
    run = run_check(copy_tiny(tmp_path))
    assert (run.exit_code, run.problems) == (0, [])


@pytest.mark.parametrize("mistake", CORPUS, ids=lambda m: m.name)
def test_mistake_is_reported_at_its_file_line_and_column(mistake: Mistake, tmp_path):
    root = copy_tiny(tmp_path)
    texts = _texts(root, mistake.edits)
    for lang in ("pl", "en"):
        run = run_check(root, "--lang", lang)
        assert "Traceback" not in run.stderr + run.stdout
        assert_reported(run, mistake.expect, texts, root, lang)
        # Exactly the consequences the case names: no cascade of false alarms.
        assert run.codes() == sorted([mistake.expect.code, *mistake.also]), run.describe()
        assert run.exit_code == mistake.exit_code


# Ten mistakes or more, each in another file, that do not hide one another.
AT_ONCE = [
    "duplicate key in swot",
    "colon missing after a key",
    "value that is not one of the choices",
    "duplicate key inside a one-line mapping",
    "funding does not add up to cost",
    "TERYT code does not match the kind of gmina",
    "dangling member in indicator values",
    "history has a version twice",
    "dangling direction of an area of strategic intervention",
    "figure file missing",
    "survey ends before it starts",
    "implementation without guidelines",
    "unknown section file name without a suggestion",
    "Windows-1250 bytes of Polish text",
]


def test_every_mistake_is_reported_in_one_run(tmp_path):
    by_name = {m.name: m for m in CORPUS}
    chosen = [by_name[name] for name in AT_ONCE]
    files = [e.file for m in chosen for e in m.edits]
    assert len(set(files)) == len(files) >= 10, "each mistake goes to a file of its own"
    root = copy_tiny(tmp_path)
    texts: dict[str, str] = {}
    for m in chosen:
        texts.update(_texts(root, m.edits))
    run = run_check(root)
    assert run.exit_code == 1
    for m in chosen:
        assert_reported(run, m.expect, texts, root, "pl")


ACCEPTED = [
    pytest.param(write_bytes("swot.yaml", b"\xef\xbb\xbf" + SWOT.encode()), id="UTF-8 with BOM"),
    pytest.param(write_bytes("swot.yaml", SWOT.replace("\n", "\r\n").encode()),
                 id="CRLF line ends"),
    pytest.param(write_bytes("swot.yaml", b"\xef\xbb\xbf" + SWOT.replace("\n", "\r\n").encode()),
                 id="UTF-8 with BOM and CRLF"),
    pytest.param(write("investments/_szkic.yaml", "id: [niedokończone\n"),
                 id="underscore draft in a split folder"),
    pytest.param(write(".swot.yaml.swp", "\x00\x01"), id="hidden editor file"),
    pytest.param(write_bytes("obrazy/mapa.png", b"\x89PNG\r\n"), id="folder of images"),
    pytest.param(write("investments/notatki.txt", "nie YAML"), id="non-YAML file in a folder"),
    pytest.param(replace("partnership.yaml", 'teryt: "1410012"', "teryt: 0410012"),
                 id="unquoted TERYT with a leading zero stays text"),
]


@pytest.mark.parametrize("change", ACCEPTED)
def test_accepted_variation_passes_check(change: Edit, tmp_path):
    root = copy_tiny(tmp_path)
    change.apply(root)
    run = run_check(root)
    assert (run.exit_code, run.problems) == (0, []), run.describe()


def test_a_line_in_a_crlf_file_with_bom_is_counted_like_any_other(tmp_path):
    root = copy_tiny(tmp_path)
    text = SWOT.replace("threats:", "threat:").replace("\n", "\r\n")
    write_bytes("swot.yaml", b"\xef\xbb\xbf" + text.encode()).apply(root)
    run = run_check(root)
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in run.problems] == [
        ("swot.yaml", 5, 1, "value.unknown_key")]
