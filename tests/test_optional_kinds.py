"""Which section kinds a strategy must have is its legal profile's rule, not the model's.

The model requires only what every strategy needs to be a document at all: its record
(strategy.yaml: title, period, version, language, legal profile) and who writes it
(partnership.yaml). Every other kind may be left out, and the document then leaves out
its chapter cleanly: no empty heading, no sentence about it, no reference to it. Whether
the law requires the kind is said by the profile the record names (strategy/law/):
``check`` warns, naming the profile and each element with its legal basis, at the
record's ``profile:`` line or at the file to write; ``readiness`` lists the element as
missing; the final gate refuses a final version without it.

What the profiles require today (the tests below read it from the law files, so that a
profile that changes is tested as it then stands): a supra-local strategy (art. 10e
u.s.g.) the diagnosis, its conclusions, goals, directions, the spatial model and
recommendations, the OSI, the implementation system and the financial framework, and,
through art. 29(1) CPR, the register of meetings; a territorial strategy (art. 29 CPR) and
a ZIT strategy only the diagnosis, the directions and the meetings. No profile requires
an introduction, surveys, a SWOT file or project sheets.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from checking import copy_tiny, edit, run_check

from strategy.checks import readiness
from strategy.commands.cli import main
from strategy.compose.compose import compose
from strategy.compose.outline import outline
from strategy.language.books import phrase
from strategy.law.profiles import names, profile
from strategy.model import KINDS
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"
REQUIRED = ("strategy", "partnership")
# The kinds the tiny strategy has that the model no longer requires.
OPTIONAL = ("meetings", "introduction", "diagnosis", "surveys", "swot", "conclusions",
            "goals", "directions", "investments", "spatial", "areas", "implementation",
            "financing")


def say(key: str, variant: str | None = None) -> str:
    return str(phrase("pl", "document", key, variant))


def _remove(root: Path, kind: str) -> None:
    for path in (root / f"{kind}.yaml", root / kind):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _drop(root: Path, file: str, pattern: str) -> None:
    """Take every match of ``pattern`` out of ``file`` (a reference to a removed kind)."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert re.search(pattern, text), (file, pattern)
    path.write_text(re.sub(pattern, "", text), encoding="utf-8")


def without(root: Path, kind: str) -> Path:
    """The strategy at ``root`` without ``kind``, and without what refers to it (as a
    working group that has not written it yet would have): a reference to a kind that
    is not there is an error of its own (see the last tests)."""
    _remove(root, kind)
    if kind == "meetings":
        _drop(root, "strategy.yaml", r", meeting: M\d")
    elif kind == "diagnosis":
        _drop(root, "conclusions.yaml", r", chapter: \w+")
    elif kind == "conclusions":
        _drop(root, "directions.yaml", r", conclusions: \[[^\]]*\]")
    elif kind == "goals":
        _drop(root, "directions.yaml", r", goal: [\w.]+")
    elif kind == "directions":
        _remove(root, "investments")  # a project sheet names the directions it serves
        _drop(root, "areas.yaml", r"\n    directions: \[[^\]]*\]")
    return root


def _with_profile(root: Path, name: str) -> Path:
    record = root / "strategy.yaml"
    record.write_text(record.read_text(encoding="utf-8") + f"profile: {name}\n",
                      encoding="utf-8")
    return root


def requiring(kind: str) -> list[str]:
    """The profiles that require ``kind`` of a strategy that has every other kind of the
    tiny one (read from the law files: the profile is the rule)."""
    data = {k: v for k, v in _tiny_data().items() if k != kind}
    found = []
    for name in names():
        data["strategy"] = {**data["strategy"], "profile": name}
        if any(k == kind for k, _ in readiness.required_kinds(data)):
            found.append(name)
    return found


def _tiny_data() -> dict:
    data: dict = {}
    for path in TINY.glob("*.yaml"):
        data[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["investments"] = {"investments": [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((TINY / "investments").glob("*.yaml"))]}
    return data


def composed(root: Path, tmp: Path) -> str:
    validated = load_and_validate(root)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return compose(validated.strategy, tmp / "assets", root, draw=False).markdown


def body(markdown: str) -> str:
    """The document's text without its readiness annex, whose very task is to say what
    the law requires and the strategy lacks (Markdown's escapes and the non-breaking
    spaces of typography taken out, so that it reads as the reader reads it)."""
    start = markdown.index("{#zal-gotowosc")
    start = markdown.rindex("\n# ", 0, start)
    end = markdown.index("\n# ", start + 1)
    text = markdown[:start] + markdown[end:]
    return re.sub(r"\\(.)", r"\1", text).replace("\u00a0", " ")


# What shows that a chapter or part of a kind is in the document: its heading and the
# words of its data in the tiny strategy.
TRACES = {
    "meetings": [say("intro.work.caption"), "Prace nad strategią prowadzono",
                 "Przyjęta na spotkaniu"],
    "introduction": ["Strategia powstała w partnerstwie dwóch gmin"],
    "diagnosis": ["Demografia", "Diagnoza obejmuje", "Ludność ogółem"],
    "surveys": [say("diagnosis.surveys.heading"), "W badaniach społecznych",
                "Badanie ankietowe mieszkańców"],
    "swot": [say("diagnosis.swot.heading"), "Czyste środowisko"],
    "conclusions": [say("diagnosis.conclusions.heading"), "traci mieszkańców",
                    "Odpowiada na wnioski", "wnioskami z diagnozy", "wnioski z diagnozy odp"],
    "goals": [say("goals.vision"), "Aktywni mieszkańcy", "cele strategiczne ("],
    "directions": ["Rozwój usług społecznych", "# Kierunki działań", "kierunki działań (3)"],
    "investments": [say("investments.heading"), "P1. Wspólna linia", "fiszek",
                    "przedsięwzięć, z jednostką"],
    "spatial": ["Model struktury funkcjonalno", "Chronić dolinę",
                say("statutory.recommendations.heading")],
    "areas": [say("statutory.areas.heading"), "Obszar wymagający wsparcia"],
    "implementation": ["System realizacji", say("statutory.guidelines"),
                       "Dokumenty wykonawcze wskazują"],
    "financing": ["# Ramy finansowe", "Ramy finansowe według"],
}


def test_the_model_requires_only_the_record_and_the_partnership():
    assert [n for n, k in KINDS.items() if k.required] == list(REQUIRED)
    assert set(OPTIONAL) <= {n for n, k in KINDS.items() if not k.required}


def test_what_each_profile_requires_of_the_kinds():
    # The spatial parts of art. 10e u.s.g. are the supra-local profile's, not the CPR's.
    for kind in ("diagnosis", "conclusions", "goals", "directions", "spatial", "areas",
                 "implementation", "financing"):
        assert "supra_local" in requiring(kind), kind
    for kind in ("conclusions", "goals", "spatial", "areas", "implementation", "financing",
                 "introduction", "surveys", "swot", "investments"):
        assert "territorial" not in requiring(kind), kind
        assert "zit" not in requiring(kind), kind
    for kind in ("introduction", "surveys", "swot", "investments"):
        assert requiring(kind) == [], kind
    # A CPR strategy too needs the analysis and the integrated approach of art. 29(1).
    for kind in ("diagnosis", "directions"):
        assert set(requiring(kind)) == set(names()), kind


@pytest.mark.parametrize("kind", OPTIONAL)
def test_without_the_kind_check_passes_under_a_profile_that_does_not_require_it(
        tmp_path, kind):
    root = without(copy_tiny(tmp_path), kind)
    free = [p for p in names() if p not in requiring(kind)]
    if free:
        _with_profile(root, free[0])
    run = run_check(root)
    assert run.exit_code == 0, run.describe()
    assert not [p for p in run.problems if p["severity"] == "error"], run.describe()
    said = [p for p in run.problems if p["code"] == "law.kind_required"]
    # Only where every profile requires it (a CPR strategy's diagnosis) does check warn.
    assert bool(said) == (not free), run.describe()
    assert all(p["message"].startswith(f"Brak sekcji „{kind}”") for p in said), run.describe()


@pytest.mark.parametrize("kind", OPTIONAL)
def test_without_the_kind_the_document_has_no_trace_of_its_chapter(tmp_path, kind):
    full = body(composed(copy_tiny(tmp_path / "full"), tmp_path / "full"))
    markdown = composed(without(copy_tiny(tmp_path / "less"), kind), tmp_path / "less")
    text = body(markdown)
    for trace in TRACES[kind]:
        assert trace in full, (kind, trace)  # the trace is one of the full document's
        assert trace not in text, (kind, trace)
    headings = outline(markdown)
    # No heading stands empty: each is followed by text, a table or a heading under it.
    lines = [x for x in markdown.splitlines() if x.strip()]
    for i, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        if level:
            after = lines[i + 1] if i + 1 < len(lines) else "#"
            deeper = len(after) - len(after.lstrip("#")) if after.startswith("#") else 99
            assert deeper > level, f"empty heading: {line!r}"
    # Every chapter the readiness annex points to is in the document.
    numbers = {h.number for h in headings if h.number}
    for number in re.findall(r"rozdz\\?\. ([\d.]+\d)", markdown):
        assert number in numbers, (kind, number)
    assert "\ue000" not in markdown and "brak sekcji" not in text


def test_a_kind_left_out_renumbers_the_chapters_after_it(tmp_path):
    full = [h.title for h in outline(composed(copy_tiny(tmp_path / "a"), tmp_path / "a"))
            if h.level == 1 and h.number]
    less = outline(composed(without(copy_tiny(tmp_path / "b"), "spatial"), tmp_path / "b"))
    chapters = [(h.number, h.title) for h in less if h.level == 1 and h.number]
    assert [t for _, t in chapters] == [t for t in full if not t.startswith(
        ("Model struktury", "Ustalenia i rekomendacje"))]
    assert [n for n, _ in chapters] == [str(i) for i in range(1, len(chapters) + 1)]


def test_without_an_implementation_system_the_monitoring_is_a_chapter_of_its_own(tmp_path):
    markdown = composed(without(copy_tiny(tmp_path), "implementation"), tmp_path)
    monitoring = [h for h in outline(markdown)
                  if h.title == say("statutory.monitoring.heading")]
    assert [h.level for h in monitoring] == [1]


def test_without_project_sheets_the_monitoring_counts_no_projects(tmp_path):
    markdown = composed(without(copy_tiny(tmp_path), "investments"), tmp_path)
    assert "3 wskaźniki rezultatu celów, z jednostką" in markdown
    assert "0 wskaźników" not in markdown


# --- the profile that requires the kind says so ------------------------------------------

REQUIRED_PAIRS = [(kind, name) for kind in OPTIONAL for name in requiring(kind)]


@pytest.mark.parametrize(("kind", "name"), REQUIRED_PAIRS)
def test_a_profile_that_requires_the_kind_says_so_in_check_at_the_profile_line(
        tmp_path, kind, name):
    root = _with_profile(without(copy_tiny(tmp_path), kind), name)
    run = run_check(root)
    assert run.exit_code == 0, run.describe()  # a warning: the draft still builds
    said = [p for p in run.problems if p["code"] == "law.kind_required"]
    assert len(said) == 1, run.describe()
    problem = said[0]
    assert problem["severity"] == "warning"
    lines = (root / "strategy.yaml").read_text(encoding="utf-8").splitlines()
    assert problem["file"] == "strategy.yaml"
    assert lines[problem["line"] - 1] == f"profile: {name}"
    assert profile(name).title["pl"] in problem["message"]
    elements = readiness.required_kinds(
        {k: v for k, v in {**_tiny_data(), "strategy": {"profile": name}}.items()
         if k != kind})[(kind, name)]
    for element in elements:
        assert f"{element.name['pl']} ({element.basis['pl']})" in problem["message"]
    assert f"{kind}.yaml" in problem["hint"] and "profile:" in problem["hint"]


@pytest.mark.parametrize("kind", ["spatial", "diagnosis"])
def test_under_the_default_profile_check_points_at_the_file_to_write(tmp_path, kind):
    root = without(copy_tiny(tmp_path), kind)
    run = run_check(root, "--lang", "en")
    said = [p for p in run.problems if p["code"] == "law.kind_required"]
    assert [(p["file"], p["line"]) for p in said] == [(f"{kind}.yaml", 1)], run.describe()
    assert profile("supra_local").title["en"] in said[0]["message"]
    if KINDS[kind].split:
        assert f"{kind}/" in said[0]["hint"]


def test_readiness_lists_the_element_of_the_missing_kind_with_its_basis(tmp_path):
    root = _with_profile(without(copy_tiny(tmp_path), "spatial"), "supra_local")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["readiness", "--sections", str(root)])
    assert code == 1
    text = out.getvalue()
    assert text.splitlines()[0].startswith(
        "Gotowość strategii do przekazania (strategia ponadlokalna)")
    line = next(x for x in text.splitlines() if "Model struktury funkcjonalno-przestrzennej"
                in x and x.startswith("[brak]"))
    assert "art. 10e ust. 3 pkt 4 w zw. z art. 10g ust. 3 u.s.g." in line


def test_a_territorial_strategy_without_the_spatial_parts_is_ready_for_them(tmp_path):
    root = copy_tiny(tmp_path)
    for kind in ("spatial", "areas", "surveys", "implementation", "financing"):
        without(root, kind)
    _with_profile(root, "territorial")
    run = run_check(root)
    assert run.exit_code == 0 and not [p for p in run.problems
                                       if p["code"] == "law.kind_required"], run.describe()
    items = {i.element.id: i for i in readiness.evaluate(
        readiness.plain_data(load_and_validate(root)))}
    assert not {"spatial_model", "regional_osi", "implementation", "financing"} & set(items)


def _cpr_needs(root: Path) -> readiness.Item:
    return next(i for i in readiness.evaluate(readiness.plain_data(load_and_validate(root)))
                if i.element.id == "cpr_needs")


def test_without_a_swot_file_the_needs_and_potential_may_be_a_chapter_of_the_diagnosis(
        tmp_path):
    # Art. 29(1)(b) CPR asks for an analysis of the needs and potential, not a SWOT file.
    root = _with_profile(without(copy_tiny(tmp_path), "swot"), "territorial")
    edit(root, "diagnosis.yaml", "    title: Demografia\n",
         "    title: Demografia\n    covers: [social, economic, environmental, functional_areas]\n")
    lacking = _cpr_needs(root)
    assert lacking.status == "incomplete"
    assert "potrzeb i potencjału obszaru" in lacking.finding.text("pl")
    edit(root, "diagnosis.yaml", "functional_areas]", "functional_areas, needs_potential]")
    assert _cpr_needs(root).status == "present"


def test_a_reference_to_a_kind_that_is_not_there_dangles(tmp_path):
    # The register of meetings left out, the record still names a meeting: an error at
    # the reference, not a silently printed ID.
    root = copy_tiny(tmp_path)
    _remove(root, "meetings")
    run = run_check(root)
    dangling = [p for p in run.problems if p["code"] == "rule.dangling_reference"]
    assert run.exit_code == 1 and {p["file"] for p in dangling} == {"strategy.yaml"}


def test_an_empty_folder_of_an_optional_kind_is_a_warning(tmp_path):
    root = copy_tiny(tmp_path)
    for sheet in (root / "investments").glob("*.yaml"):
        sheet.unlink()
    run = run_check(root)
    empty = [p for p in run.problems if p["code"] == "file.empty_folder"]
    assert run.exit_code == 0 and [p["severity"] for p in empty] == ["warning"]


# --- the smallest strategy: the record, the partnership, goals and directions ------------

MINIMAL = ("strategy", "partnership", "goals", "directions")


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("minimal")
    root = copy_tiny(tmp)
    for kind in OPTIONAL:
        if kind not in MINIMAL:
            _remove(root, kind)
    edit(root, "strategy.yaml", ", meeting: M1}", "}")
    edit(root, "strategy.yaml", ", meeting: M2}", "}")
    _drop(root, "directions.yaml", r", conclusions: \[[^\]]*\]")
    _with_profile(root, "territorial")
    out = tmp / "out"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["build", "--sections", str(root), "--out", str(out),
                     "--format", "all"]) == 0
    return root, out


def test_the_minimal_strategy_has_only_the_files_it_was_given(minimal):
    root, _ = minimal
    assert sorted(p.stem for p in root.glob("*.yaml")) == sorted(MINIMAL)
    assert not [p for p in root.iterdir() if p.is_dir()]


def test_the_minimal_strategy_builds_a_docx_whose_headings_are_its_chapters(minimal):
    from docx import Document

    _, out = minimal
    docx = next(out.glob("*.docx"))
    headings = [p.text for p in Document(str(docx)).paragraphs
                if p.style.name.startswith("Heading") and p.text.strip()]
    chapters = [h for h in headings if not h.startswith(("Metryka", "Spis", "Wykaz"))]
    assert chapters[0].endswith(say("intro.heading"))
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    for kind in OPTIONAL:
        if kind in MINIMAL:
            continue
        for trace in TRACES[kind]:
            assert trace.lstrip("# ") not in text, (kind, trace)
    assert "Aktywni mieszkańcy" in text and "Rozwój usług społecznych" in text


def test_the_minimal_strategy_builds_a_pdf_without_the_left_out_chapters(minimal):
    from pypdf import PdfReader

    _, out = minimal
    reader = PdfReader(str(next(out.glob("*.pdf"))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for absent in ("Diagnoza obejmuje", "Analiza SWOT", "Model struktury funkcjonalno",
                   "Ramy finansowe według", "Spotkania, na których", "Wspólne przedsięwzięcia"):
        assert absent not in text, absent
    assert "Aktywni mieszkańcy" in text
    outline_titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    assert any("Kierunki działań" in t for t in outline_titles)
    assert not any("Diagnoza" in t for t in outline_titles)


def test_a_document_without_a_figure_has_no_list_of_figures(minimal):
    _, out = minimal
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "![" not in markdown and "{.lof}" not in markdown
    assert "# Wykaz rysunków" not in markdown and "# Wykaz tabel" in markdown


def test_the_minimal_strategy_builds_html_and_markdown_too(minimal):
    _, out = minimal
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "Aktywni mieszkańcy" in html and "Analiza SWOT" not in html
    assert next(out.glob("*.md")).read_text(encoding="utf-8").count("\n# ") >= 4


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"strategy"}))  # the record: required
def test_check_asks_the_judges_whenever_a_kind_the_law_requires_may_be_absent(kind: str) -> None:
    # check judges the profiles' tests only where applied.required_absent says a kind they
    # read is absent (validate._kinds_required): it must say so wherever one is required.
    from strategy.checks.applied import required_absent

    data = {k: v for k, v in _tiny_data().items() if k != kind}
    for name in names():
        data["strategy"] = {**data["strategy"], "profile": name}
        if readiness.required_kinds(data):
            assert required_absent(data), (kind, name)
