"""The parts a ministry reviewer expects (issue 13): the summary, the list of
abbreviations, the goals × priorities matrix, one monitoring table of every indicator,
the programme and instrument of every project, a computed total row under every table
of sums, and a DOCX whose table of contents and lists are filled before Word opens it.

Read as a reader reads them: the composed document's tables through pandoc's AST, the
DOCX through python-docx and LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pypandoc
import pytest
import yaml
from checking import copy_tiny, edit, run_check
from docx import Document

from strategy.compose.compose import compose
from strategy.pipeline import Progress, build, load_and_validate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TOTAL = "Razem"


# --- reading the document as a reader does -------------------------------------------

def _inlines(items: list) -> str:
    out = []
    for node in items:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Strong", "Emph", "Span", "Link", "Quoted"):
            inner = content[-1] if kind in ("Span", "Link") else content
            inner = content[1] if kind == "Quoted" else inner
            out.append(_inlines(inner if kind != "Link" else content[1]))
    return "".join(out)


def _cell(cell: list) -> str:
    text = " ".join(_inlines(b["c"]) for b in cell[4] if b["t"] in ("Plain", "Para"))
    return " ".join(text.replace("\u00a0", " ").split())


def _tables(markdown: str) -> dict[str, list[list[str]]]:
    """Caption -> rows (header first) of every table of the document."""
    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    found: dict[str, list[list[str]]] = {}

    def walk(blocks: list) -> None:
        for b in blocks:
            if b["t"] == "Table":
                _attr, caption, _specs, head, bodies, _foot = b["c"]
                title = " ".join(_inlines(x["c"]) for x in caption[1]).replace("\u00a0", " ")
                rows = [[_cell(c) for c in r[1]] for r in head[1]]
                for body in bodies:
                    rows += [[_cell(c) for c in r[1]] for r in body[3]]
                found[title] = rows
            elif b["t"] == "Div":
                walk(b["c"][1])

    walk(ast["blocks"])
    return found


def _plain(markdown: str) -> str:
    """The document's text as a reader reads it, on one line."""
    text = pypandoc.convert_text(markdown, "plain", format="markdown",
                                 extra_args=["--wrap=none"])
    return " ".join(text.replace("\u00a0", " ").split())


def _headings(markdown: str) -> list[str]:
    return [line.split(" {")[0] for line in markdown.splitlines() if line.startswith("#")]


def _composed(sections: Path, tmp: Path):
    validated = load_and_validate(sections)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return compose(validated.strategy, tmp / "assets", sections, draw=False)


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("zł", "").replace("\u00a0", "").replace(" ", "")
                   .replace(",", ".").strip())


def _write(path: Path, data: object, schema: str) -> None:
    path.write_text(f"# yaml-language-server: $schema={schema}\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


CONSISTENCY = {
    "text": "Cele strategii wpisują się w dokumenty wyższego rzędu.",
    "documents": [
        {"id": "srwm", "title": "Strategia rozwoju województwa (dokument testowy)",
         "short": "SRW", "level": "voivodeship",
         "priorities": [{"id": "srwm-1", "title": "Priorytet społeczny", "goals": ["CS1"]},
                        {"id": "srwm-2", "title": "Priorytet przestrzenny",
                         "goals": ["CS2", "CS3"]},
                        {"id": "srwm-3", "title": "Priorytet bez celów"}]},
        {"id": "ksrr", "title": "Strategia krajowa (dokument testowy)", "short": "SK",
         "level": "national",
         "priorities": [{"id": "ksrr-1", "title": "Spójność", "goals": ["CS1", "CS3"]}]},
    ],
}


@pytest.fixture(scope="module")
def tiny_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny strategy with every new part: summary, abbreviations, consistency, and a
    project whose EU funding names its instrument and measure."""
    root = copy_tiny(tmp_path_factory.mktemp("parts"))
    _write(root / "summary.yaml", {"text": "Streszczenie strategii testowej."},
           "../schema/summary.schema.json")
    _write(root / "abbreviations.yaml", {"abbreviations": [
        {"short": "FEM", "full": "Fundusze Europejskie dla Mazowsza"},
        {"short": "BDL", "full": "Bank Danych Lokalnych"},
    ]}, "../schema/abbreviations.schema.json")
    _write(root / "consistency.yaml", CONSISTENCY, "../schema/consistency.schema.json")
    edit(root, "investments/P1.yaml", "programme: FEM 2021–2027, amount: 2125000",
         "programme: FEM 2021–2027, instrument: zit, measure: FEMA.06.01, amount: 2125000")
    return root


@pytest.fixture(scope="module")
def tiny_doc(tiny_parts: Path, tmp_path_factory: pytest.TempPathFactory):
    return _composed(tiny_parts, tmp_path_factory.mktemp("tiny-doc"))


@pytest.fixture(scope="module")
def example_doc(tmp_path_factory: pytest.TempPathFactory):
    return _composed(Path(__file__).parent.parent / "sections",
                     tmp_path_factory.mktemp("example-doc"))


# --- the summary and the list of abbreviations -----------------------------------------

def test_the_summary_and_the_abbreviations_open_the_document_after_its_contents(
        tiny_doc) -> None:
    heads = _headings(tiny_doc.markdown)
    assert heads.index("# Streszczenie") < heads.index("# Wykaz skrótów") < next(
        i for i, h in enumerate(heads) if h.startswith("# ") and "Wprowadzenie" in h)
    assert "Streszczenie strategii testowej." in _plain(tiny_doc.markdown)
    rows = _tables(tiny_doc.markdown)["Skróty użyte w strategii"]
    # in alphabetical order, whatever the order of the file
    assert rows == [["Skrót", "Rozwinięcie"], ["BDL", "Bank Danych Lokalnych"],
                    ["FEM", "Fundusze Europejskie dla Mazowsza"]]


def test_a_strategy_without_the_optional_parts_prints_none_of_them(tmp_path: Path) -> None:
    doc = _composed(copy_tiny(tmp_path), tmp_path)
    heads = _headings(doc.markdown)
    assert "# Streszczenie" not in heads and "# Wykaz skrótów" not in heads
    assert not any("Spójność z dokumentami" in h for h in heads)


def test_check_names_an_abbreviation_used_and_not_listed_at_its_line_and_one_listed_unused(
        tiny_parts: Path, tmp_path: Path) -> None:
    root = tmp_path / "sections"
    shutil.copytree(tiny_parts, root)
    shutil.copytree(tiny_parts.parent / "schema", tmp_path / "schema")
    edit(root, "abbreviations.yaml", "  full: Bank Danych Lokalnych\n",
         "  full: Bank Danych Lokalnych\n- short: XYZ\n  full: skrót, którego tekst nie używa\n")
    edit(root, "investments/P2.yaml", "scope: Adaptacja budynku na centrum usług.",
         "scope: Adaptacja budynku na centrum usług (CUS), zob. https://example.org/ABC.")
    run = run_check(root)
    found = {(p["code"], p["file"], p["line"]) for p in run.problems
             if p["code"].startswith("abbreviations.")}
    lines = (root / "investments" / "P2.yaml").read_text(encoding="utf-8").splitlines()
    scope_line = next(i for i, line in enumerate(lines, 1) if line.startswith("scope:"))
    unlisted = {p["message"].split()[1]: (p["file"], p["line"]) for p in run.problems
                if p["code"] == "abbreviations.unlisted"}
    assert unlisted["CUS"] == ("investments/P2.yaml", scope_line)
    assert "ABC" not in unlisted and "FEM" not in unlisted
    assert ("consistency.yaml", 6) in found or "SRW" in unlisted  # its short names count
    # XYZ is listed and no text uses it; FEM and BDL are used.
    unused = [p for p in run.problems if p["code"] == "abbreviations.unused"]
    assert [("XYZ" in p["message"], p["file"]) for p in unused] == [
        (True, "abbreviations.yaml")]


def test_the_example_lists_every_abbreviation_it_uses() -> None:
    run = run_check(Path(__file__).parent.parent / "sections")
    assert [p for p in run.problems if p["code"].startswith("abbreviations.")] == []


# --- consistency with higher-level documents ----------------------------------------------

def test_the_matrix_marks_the_goals_that_serve_each_priority_one_table_per_document(
        tiny_doc) -> None:
    tables = _tables(tiny_doc.markdown)
    srw = tables["Spójność celów strategii z dokumentem Strategia rozwoju województwa "
                 "(dokument testowy)"]
    assert srw == [["Priorytet – SRW", "CS1", "CS2", "CS3"],
                   ["Priorytet społeczny", "●", "", ""],
                   ["Priorytet przestrzenny", "", "●", "●"],
                   ["Priorytet bez celów", "", "", ""]]
    assert tables["Spójność celów strategii z dokumentem Strategia krajowa (dokument "
                  "testowy)"][1] == ["Spójność", "●", "", "●"]
    # the counts are computed: two of the three priorities of one, the one of the other
    assert ("Cele strategii służą: 2 z 3 priorytetów dokumentu SRW, 1 z 1 priorytetu "
            "dokumentu SK.") in _plain(tiny_doc.markdown)


def test_landscape_tables_that_follow_one_another_share_one_landscape_block(
        tmp_path: Path) -> None:
    """Three matrices too wide for a portrait page, one after another: one landscape
    block holds them all (a block each would start a Word section each, and LibreOffice
    shows an empty portrait page between two landscape sections)."""
    from large_fixture import large_sections
    root = large_sections(tmp_path / "sections", members=16, projects=16, parts=True)
    blocks = json.loads(pypandoc.convert_text(_composed(root, tmp_path).markdown, "json",
                                              format="markdown"))["blocks"]
    landscape = [b["t"] == "Div" and "landscape" in b["c"][0][1] for b in blocks]
    matrices = [b for b, wide in zip(blocks, landscape, strict=True) if wide and any(
        x["t"] == "Table" and "Spójność" in json.dumps(x["c"][1], ensure_ascii=False)
        for x in b["c"][1])]
    assert len(matrices) == 1
    tables = [x for x in matrices[0]["c"][1] if x["t"] == "Table"]
    assert len(tables) == 3
    assert not any(a and b for a, b in zip(landscape, landscape[1:], strict=False))


def test_the_matrix_has_a_column_per_operational_goal_when_a_priority_names_one(
        tiny_parts: Path, tmp_path: Path) -> None:
    root = tmp_path / "sections"
    shutil.copytree(tiny_parts, root)
    data = json.loads(json.dumps(CONSISTENCY))
    data["documents"][1]["priorities"][0]["goals"] = ["CO1.1"]
    _write(root / "consistency.yaml", data, "../schema/consistency.schema.json")
    doc = _composed(root, tmp_path)
    header = _tables(doc.markdown)["Spójność celów strategii z dokumentem Strategia "
                                   "krajowa (dokument testowy)"][0]
    # the other document still names strategic goals: both levels, in the goals' order
    assert header == ["Priorytet – SK", "CS1", "CO1.1", "CS2", "CS3"]


def test_a_priority_naming_an_unknown_goal_is_an_error_at_its_line(
        tiny_parts: Path, tmp_path: Path) -> None:
    root = tmp_path / "sections"
    shutil.copytree(tiny_parts, root)
    shutil.copytree(tiny_parts.parent / "schema", tmp_path / "schema")
    edit(root, "consistency.yaml", "- CS2\n", "- CS9\n")
    run = run_check(root)
    assert run.exit_code == 1
    dangling = [p for p in run.problems if p["code"] == "rule.dangling_reference"]
    assert [(p["file"], "CS9" in p["message"]) for p in dangling] == [
        ("consistency.yaml", True)]


# --- the monitoring table ---------------------------------------------------------------

def test_one_monitoring_table_holds_every_indicator_of_the_goals_and_the_projects(
        example_doc) -> None:
    sections = Path(__file__).parent.parent / "sections"
    goals = yaml.safe_load((sections / "goals.yaml").read_text(encoding="utf-8"))
    def tree(level):  # every goal of the tree, in reading order
        for g in level:
            yield g
            yield from tree(g.get("goals", []))
    goal_indicators = [i["name"] for g in tree(goals["goals"])
                       for i in [*(x for r in g.get("results", [])
                                   for x in r.get("indicators", [])),
                                 *g.get("indicators", [])]]
    project_indicators = []
    for path in sorted((sections / "investments").glob("*.yaml")):
        sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("output", "result"):
            project_indicators += [(i["name"], sheet["id"])
                                   for i in sheet.get("indicators", {}).get(kind, [])]
    rows = _tables(example_doc.markdown)["Wskaźniki monitorowania strategii"]
    assert rows[0] == ["Wskaźnik", "Rodzaj", "Cel albo przedsięwzięcie", "Jednostka",
                       "Wartość bazowa", "Wartość docelowa", "Źródło danych"]
    assert len(rows) - 1 == len(goal_indicators) + len(project_indicators)
    assert [r[0] for r in rows[1:len(goal_indicators) + 1]] == goal_indicators
    first = rows[1]
    assert first[1] == "rezultatu celu" and first[2] == "CS1"
    assert first[4] == "135* (2021)" and first[5] == "300 (2030)"  # marked illustrative
    project = rows[len(goal_indicators) + 1]
    assert (project[0], project[2]) == project_indicators[0]
    assert project[4] == "–" and project[6] == f"fiszka projektowa {project[2]}"
    lead = f"{len(goal_indicators)} wskaźników rezultatu celów i " \
           f"{len(project_indicators)} wskaźniki przedsięwzięć"
    assert lead in _plain(example_doc.markdown)


# --- the project list: programme, instrument, measure, and its total --------------------

def test_the_project_list_names_each_projects_programme_instrument_and_measure(
        tiny_doc) -> None:
    rows = _tables(tiny_doc.markdown)["Lista przedsięwzięć"]
    column = rows[0].index("Program: instrument, działanie")
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["P1"][column] == "FEM 2021–2027 (instrument: ZIT; działanie: FEMA.06.01)"
    # P2 has no EU funding: no programme to name
    assert by_id["P2"][column] == "–"


def test_an_eu_funded_project_without_instrument_says_brak_danych(example_doc) -> None:
    rows = _tables(example_doc.markdown)["Lista przedsięwzięć"]
    column = rows[0].index("Program: instrument, działanie")
    assert rows[1][column].endswith("(instrument i działanie: brak danych)")


@pytest.mark.parametrize("caption, amount_column", [
    ("Lista przedsięwzięć", 3),
    ("Ramy finansowe według źródeł finansowania", 1),
    ("Ramy finansowe według lat", -1),
    ("Ramy finansowe według podmiotów prowadzących przedsięwzięcia", 2),
])
def test_every_table_of_sums_ends_with_a_total_row_equal_to_the_sum_of_its_rows(
        example_doc, caption: str, amount_column: int) -> None:
    rows = _tables(example_doc.markdown)[caption]
    *body, total = rows[1:]
    assert total[0] == TOTAL
    assert sum(_amount(r[amount_column]) for r in body) == _amount(total[amount_column])
    sections = Path(__file__).parent.parent / "sections"
    costs = sum(Decimal(str(yaml.safe_load(p.read_text(encoding="utf-8"))["cost"]))
                for p in (sections / "investments").glob("*.yaml"))
    assert _amount(total[amount_column]) == costs


def test_the_year_table_totals_each_source_column(example_doc) -> None:
    rows = _tables(example_doc.markdown)["Ramy finansowe według lat"]
    *body, total = rows[1:]
    for column in range(1, len(rows[0])):
        assert sum(_amount(r[column]) for r in body) == _amount(total[column])


def test_the_leader_table_totals_the_count_of_projects(example_doc) -> None:
    rows = _tables(example_doc.markdown)["Ramy finansowe według podmiotów prowadzących "
                                         "przedsięwzięcia"]
    *body, total = rows[1:]
    sheets = len(list((Path(__file__).parent.parent / "sections" / "investments")
                      .glob("*.yaml")))
    assert sum(int(r[1]) for r in body) == int(total[1]) == sheets
    assert total[3] == "100,0%"


# --- the DOCX: the table of contents and the lists, filled ------------------------------

@pytest.fixture(scope="module")
def tiny_docx(tiny_parts: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny-docx")
    written, problems, _ = build(tiny_parts, out, {"docx"}, Progress(quiet=True))
    assert written, [p.message("en") for p in problems]
    return next(p for p in written if p.suffix == ".docx")


def _field_lists(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Instruction -> (entry text, link anchor) of every TOC field's result."""
    body = Document(str(path)).element.body
    found: dict[str, list[tuple[str, str]]] = {}
    for sdt in body.iter(f"{W}sdt"):
        paragraphs = list(sdt.iter(f"{W}p"))
        instr = "".join(t.text or "" for t in sdt.iter(f"{W}instrText")).strip()
        entries = []
        for p in paragraphs:
            for link in p.iter(f"{W}hyperlink"):
                entries.append(("".join(t.text or "" for t in link.iter(f"{W}t")),
                                link.get(f"{W}anchor")))
        found[instr] = entries
    return found


def test_the_docx_contents_list_every_heading_as_a_link_to_its_bookmark(
        tiny_docx: Path) -> None:
    doc = Document(str(tiny_docx))
    body = doc.element.body
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    lists = _field_lists(tiny_docx)
    toc = lists['TOC \\o "1-3" \\h \\z \\u']
    headings = [" ".join(p.text.replace("\t", " ").split()) for p in doc.paragraphs
                if p.style.style_id in ("Heading1", "Heading2", "Heading3")]
    assert [text for text, _ in toc] == headings
    assert "1. Wprowadzenie" in headings[:6] or any(h.endswith("Wprowadzenie") for h in headings)
    assert all(anchor in bookmarks for _, anchor in toc)
    # still a field Word refreshes (with its page numbers) when it opens the document
    xml = zipfile.ZipFile(tiny_docx).read("word/document.xml").decode()
    assert xml.count('w:dirty="true"') == 3


def test_the_docx_lists_of_tables_and_figures_hold_every_caption(tiny_docx: Path) -> None:
    doc = Document(str(tiny_docx))
    captions = {style: [" ".join("".join(t.text or "" for t in p._p.iter(f"{W}t")).split())
                        for p in doc.paragraphs if p.style.style_id == style]
                for style in ("TableCaption", "ImageCaption")}
    lists = _field_lists(tiny_docx)
    tables = lists['TOC \\h \\z \\c "Table"']
    figures = lists['TOC \\h \\z \\c "Figure"']
    assert [" ".join(t.split()) for t, _ in tables] == captions["TableCaption"]
    assert [" ".join(t.split()) for t, _ in figures] == captions["ImageCaption"]
    assert tables[0][0].startswith("Tabela") and figures[0][0].startswith("Rysunek")
    bookmarks = {b.get(f"{W}name") for b in doc.element.body.iter(f"{W}bookmarkStart")}
    assert all(anchor in bookmarks for _, anchor in tables + figures)


def test_libreoffice_shows_the_contents_and_its_links_before_word_refreshes_them(
        tiny_docx: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; it only cross-checks the DOCX")
    pypdf = pytest.importorskip("pypdf")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tiny_docx)], check=True, capture_output=True, timeout=300)
    reader = pypdf.PdfReader(str(tmp_path / (tiny_docx.stem + ".pdf")))
    page = next(p for p in reader.pages if "Spis treści" in (p.extract_text() or ""))
    text = page.extract_text()
    assert "Wprowadzenie" in text and "Streszczenie" in text
    links = [a.get_object() for a in page.get("/Annots", [])]
    assert sum(1 for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a) >= 5


# --- readiness: the law asks consistency with the voivodeship strategy ----------------

def _readiness(root: Path) -> dict:
    import contextlib
    import io

    from strategy.commands.cli import main
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out):
        main(["readiness", "--sections", str(root), "--format", "json"])
    return {e["id"]: e for e in json.loads(out.getvalue())["elements"]}


def test_a_matrix_without_the_voivodeship_strategy_leaves_the_consistency_element_incomplete(
        tiny_parts: Path, tmp_path: Path) -> None:
    root = tmp_path / "sections"
    shutil.copytree(tiny_parts, root)
    shutil.copytree(tiny_parts.parent / "schema", tmp_path / "schema")
    element = _readiness(root)["voivodeship"]
    assert element["status"] == "present"
    assert any("Spójność z dokumentami wyższego rzędu" in w for w in element["where"])
    edit(root, "consistency.yaml", "level: voivodeship", "level: programme")
    element = _readiness(root)["voivodeship"]
    assert element["status"] == "incomplete"
    assert "nie obejmuje strategii rozwoju województwa" in element["details"]


# --- the location map, early in the document -------------------------------------------

LOCATION = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"category": "area", "name": "Alfa"},
     "geometry": {"type": "Polygon", "coordinates": [[[22.0, 52.0], [22.5, 52.0],
                                                      [22.5, 52.3], [22.0, 52.3],
                                                      [22.0, 52.0]]]}},
    {"type": "Feature", "properties": {"category": "area", "name": "Beta"},
     "geometry": {"type": "Polygon", "coordinates": [[[22.5, 52.0], [23.0, 52.0],
                                                      [23.0, 52.3], [22.5, 52.3],
                                                      [22.5, 52.0]]]}}]}


def test_a_location_map_prints_in_the_chapter_on_the_partnership_not_in_the_graphic_part(
        tmp_path: Path) -> None:
    root = copy_tiny(tmp_path)
    (root / "maps").mkdir()
    (root / "maps" / "polozenie.geojson").write_text(json.dumps(LOCATION), encoding="utf-8")
    spatial = yaml.safe_load((root / "spatial.yaml").read_text(encoding="utf-8"))
    spatial["maps"] = spatial.get("maps", []) + [{
        "kind": "location", "file": "maps/polozenie.geojson",
        "caption": "Położenie obszaru partnerstwa", "source": "dane testowe",
        "alt": "Dwie gminy obok siebie: Alfa na zachodzie, Beta na wschodzie.",
        "layers": [{"category": "area", "label": "gmina członkowska"}]}]
    _write(root / "spatial.yaml", spatial, "../schema/spatial.schema.json")
    doc = _composed(root, tmp_path)
    lines = doc.markdown.splitlines()
    figure = next(i for i, line in enumerate(lines) if "Położenie obszaru partnerstwa" in line)
    members = next(i for i, line in enumerate(lines) if "Członkowie partnerstwa" in line)
    chapter2 = next(i for i, line in enumerate(lines) if line.startswith("# Diagnoza"))
    assert members < figure < chapter2
    assert sum("Położenie obszaru partnerstwa" in line for line in lines) == 1


def test_a_direction_naming_every_member_says_all_members_not_forty_names(
        tmp_path: Path) -> None:
    root = copy_tiny(tmp_path)
    members = [m["id"] for m in yaml.safe_load(
        (root / "partnership.yaml").read_text(encoding="utf-8"))["members"]]
    directions = yaml.safe_load((root / "directions.yaml").read_text(encoding="utf-8"))
    directions["directions"][0]["members"] = members
    _write(root / "directions.yaml", directions, "../schema/directions.schema.json")
    doc = _composed(root, tmp_path)
    rows = [r for caption, t in _tables(doc.markdown).items() if "ierunk" in caption
            for r in t[1:]]
    assert rows and rows[0][-1] == "wszyscy członkowie partnerstwa"
