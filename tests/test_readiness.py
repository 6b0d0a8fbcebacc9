"""Readiness: every element the law requires of a supra-local strategy, judged present,
incomplete or missing, with its legal basis and its chapter; a final release is refused
while any is missing. One test per statutory element: take it out of a complete copy,
and readiness names that element (and no other) with its article, and release refuses."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from checking import composed_text
from submission import complete_copy, rewrite, write_yaml

from strategy.checks import readiness
from strategy.checks.readiness import plain_data
from strategy.commands.cli import main
from strategy.compose.typography import NBSP
from strategy.pipeline import load_and_validate


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def judged(root: Path) -> dict[str, readiness.Item]:
    return {i.element.id: i for i in readiness.evaluate(plain_data(load_and_validate(root)))}


def not_present(root: Path) -> set[str]:
    return {ident for ident, item in judged(root).items() if item.status != "present"}


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    return complete_copy(tmp_path)


# --- the complete strategy ----------------------------------------------------------------

def test_the_table_covers_every_article_the_law_names():
    bases = " ".join(e.basis["pl"] for e in readiness.ELEMENTS)
    for point in range(1, 10):
        assert f"art. 10e ust. 3 pkt {point} w zw. z art. 10g ust. 3 u.s.g." in bases
    for article in ("art. 10e ust. 2 ", "art. 10e ust. 4 ", "art. 10a ust. 1 u.z.p.p.",
                    "art. 10a ust. 2 u.z.p.p.", "art. 6 ust. 3–5 u.z.p.p.",
                    "art. 6 ust. 6 u.z.p.p.", "art. 10e ust. 3 w zw."):
        assert article in bases, article
    for letter in "abcd":
        assert f"art. 29 ust. 1 lit. {letter} rozporządzenia (UE) 2021/1060" in bases
    assert len({e.id for e in readiness.ELEMENTS}) == len(readiness.ELEMENTS) == 22


def test_the_complete_strategy_is_ready_and_every_element_has_its_chapter(complete: Path):
    code, out, _ = run("readiness", "--sections", str(complete), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ready"] is True and report["errors"] == 0
    statuses = {e["id"]: e["status"] for e in report["elements"]}
    assert set(statuses.values()) == {"present"}
    where = {e["id"]: e["where"] for e in report["elements"]}
    assert where["conclusions"] == ["rozdz. 2.6 (Wnioski z diagnozy)"]
    assert where["spatial_model"] == ["rozdz. 6 (Model struktury funkcjonalno-przestrzennej)"]
    assert where["map_model"] == where["spatial_model"]
    assert where["ex_ante"] == ["rozdz. 9.2 (Ewaluacja ex ante)"]
    assert where["consultation_report"] == ["Raport z konsultacji"]
    assert where["map_local_osi"] == []  # none identified: nothing to map


def test_chapter_numbers_are_those_the_document_prints(complete: Path, tmp_path: Path):
    """Level-1 headings without {.unnumbered}, in order, as pandoc and typst number them."""
    code, out, _ = run("build", "--sections", str(complete), "--out", str(tmp_path / "b"),
                       "--format", "md")
    assert code == 0
    md = next((tmp_path / "b").glob("*.md")).read_text(encoding="utf-8")
    chapters = [line for line in md.splitlines()
                if line.startswith("# ") and "unnumbered" not in line]
    assert chapters[5].startswith("# Model struktury funkcjonalno")  # rozdz. 6
    assert chapters[8].startswith("# System realizacji")  # rozdz. 9


def test_the_text_report_gives_element_basis_status_and_place_on_each_line(complete: Path):
    code, out, _ = run("readiness", "--sections", str(complete))
    assert code == 0
    line = next(x for x in out.splitlines() if "Wnioski z diagnozy (" in x)
    assert line.startswith("[jest]")
    assert "(art. 10e ust. 3 w zw. z art. 10g ust. 3 u.s.g.): rozdz. 2.6" in line
    assert "Wszystkie 22 elementy wymagane prawem są w dokumencie." in out


def test_the_report_speaks_english_when_asked(complete: Path):
    code, out, _ = run("readiness", "--sections", str(complete), "--lang", "en")
    assert code == 0
    assert "[present]" in out and "art. 29(1)(d) of Regulation (EU) 2021/1060" in out
    assert "chapter 2.6" in out


def test_the_document_carries_the_report_as_an_annex(complete: Path, tmp_path: Path):
    run("build", "--sections", str(complete), "--out", str(tmp_path / "b"), "--format", "md")
    md = next((tmp_path / "b").glob("*.md")).read_text(encoding="utf-8")
    annex = md.split("{#zal-gotowosc .unnumbered}")[1].split("\n# ")[0].replace(NBSP, " ")
    assert "Dokument zawiera wszystkie te elementy." in annex
    assert r"| Wnioski z diagnozy | art\. 10e ust\. 3 w zw\. z art\. 10g ust\. 3 u\.s\.g\. " \
           r"| jest | rozdz\. 2\.6 |" in annex
    assert "\ue000" not in md and "\ue001" not in md, "every placeholder was replaced"


def test_a_draft_lists_what_is_still_missing_in_its_annex(tmp_path: Path):
    root = complete_copy(tmp_path, status="consultation")
    (root / "evaluation.yaml").unlink()
    run("build", "--sections", str(root), "--out", str(tmp_path / "b"), "--format", "md")
    md = next((tmp_path / "b").glob("*.md")).read_text(encoding="utf-8")
    annex = md.split("{#zal-gotowosc .unnumbered}")[1].split("\n# ")[0].replace(NBSP, " ")
    assert "trzeba uzupełnić przed wydaniem wersji ostatecznej" in annex
    # The document says what is missing in the reader's words, never a file or a key;
    # the command's report says where to fix it (readiness.kind_missing).
    assert "| brak | brak uprzedniej oceny \\(ewaluacji ex ante\\) |" in annex
    assert ".yaml" not in annex and "evaluation" not in annex


def test_sections_with_errors_are_still_judged_and_point_to_files(complete: Path):
    (complete / "conclusions.yaml").unlink()
    code, out, _ = run("readiness", "--sections", str(complete), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ready"] is False and report["errors"] > 0
    goals = next(e for e in report["elements"] if e["id"] == "goals")
    assert goals["status"] == "present" and goals["where"] == []
    assert goals["files"] == ["goals.yaml"] or goals["files"][0].endswith("goals.yaml")


def test_missing_returns_nothing_for_a_complete_strategy(complete: Path):
    assert readiness.missing(load_and_validate(complete).strategy) == []


# --- one test per statutory element --------------------------------------------------------

def _set(file: str, change: Callable[[Any], None]) -> Callable[[Path], None]:
    return lambda root: rewrite(root / file, change)


def _delete(file: str) -> Callable[[Path], None]:
    return lambda root: (root / file).unlink()


def _chapter(d: dict[str, Any], covers: list[str], title: str) -> None:
    chapter = next(c for c in d["chapters"] if c["id"] == "przestrzen")
    chapter.update(covers=covers, title=title)


def _local_osi(scope: str | None, with_map: bool) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        def areas(d: dict[str, Any]) -> None:
            osi = {"id": "OSIL1", "name": "Dolina rzeki", "basis": "diagnoza partnerstwa",
                   "members": ["alfa"]}
            if scope:
                osi["scope"] = scope
            d["local"] = [osi]
            if with_map:
                d["maps"].append({"kind": "local_osi", "file": "maps/osi.png",
                                  "caption": "OSI lokalne", "alt": "Dolina rzeki w gminie Alfa.",
                                  "source": "opracowanie własne"})
        rewrite(root / "areas.yaml", areas)
    return change


def _open_comment(root: Path) -> None:
    rewrite(root / "review" / "K-03.yaml", lambda d: d.update(status="open", response=""))


# element id -> (how it is taken out, the article the report must name)
REMOVALS: dict[str, tuple[Callable[[Path], None], str]] = {
    "diagnosis": (_set("diagnosis.yaml", lambda d: _chapter(
        d, ["environmental", "functional_areas"], "Środowisko i powiązania funkcjonalne")),
        "art. 10a ust. 1 u.z.p.p."),
    "conclusions": (_delete("conclusions.yaml"), "art. 10e ust. 3 w zw. z art. 10g ust. 3"),
    "goals": (_set("goals.yaml", lambda d: d["goals"][2].update(dimensions=["economic"])),
              "art. 10e ust. 3 pkt 1"),
    "directions": (_set("directions.yaml", lambda d: d["directions"].pop(0)),
                   "art. 10e ust. 3 pkt 2"),
    "results": (_set("goals.yaml", lambda d: d["goals"][2]["results"][0].update(
        spatial=False)), "art. 10e ust. 3 pkt 3"),
    "spatial_model": (_set("spatial.yaml", lambda d: d["model"].update(text="")),
                      "art. 10e ust. 3 pkt 4"),
    "spatial_policy": (_set("spatial.yaml", lambda d: d.update(recommendations=[])),
                       "art. 10e ust. 3 pkt 5"),
    "regional_osi": (_set("areas.yaml", lambda d: d["regional"][0].pop("scope")),
                     "art. 10e ust. 3 pkt 6"),
    "local_osi": (_local_osi(None, with_map=True), "art. 10e ust. 3 pkt 7"),
    "implementation": (_set("implementation.yaml", lambda d: d.update(guidelines=[])),
                       "art. 10e ust. 3 pkt 8"),
    "financing": (_delete("financing.yaml"), "art. 10e ust. 3 pkt 9"),
    "map_model": (_set("spatial.yaml", lambda d: d.pop("maps")),
                  "art. 10e ust. 4 w zw. z ust. 3 pkt 4"),
    "map_osi": (_set("areas.yaml", lambda d: d.pop("maps")),
                "art. 10e ust. 4 w zw. z ust. 3 pkt 6"),
    "map_local_osi": (_local_osi("Ochrona i udostępnienie doliny.", with_map=False),
                      "art. 10e ust. 4 w zw. z ust. 3 pkt 7"),
    "voivodeship": (_set("areas.yaml", lambda d: d["regional"][0].update(
        basis="uchwała zarządu partnerstwa")), "art. 10e ust. 2"),
    "ex_ante": (_delete("evaluation.yaml"), "art. 10a ust. 2 u.z.p.p."),
    "consultation": (_set("consultation.yaml", lambda d: d.update(end="2021-10-05")),
                     "art. 6 ust. 3–5 u.z.p.p."),
    "consultation_report": (_open_comment, "art. 6 ust. 6 u.z.p.p."),
    "cpr_area": (_set("partnership.yaml", lambda d: d.update(members=[])),
                 "art. 29 ust. 1 lit. a rozporządzenia (UE) 2021/1060"),
    "cpr_needs": (_set("diagnosis.yaml", lambda d: _chapter(
        d, ["spatial", "functional_areas"], "Przestrzeń i powiązania funkcjonalne")),
        "art. 29 ust. 1 lit. b rozporządzenia (UE) 2021/1060"),
    "cpr_integrated": (_set("investments/P1.yaml", lambda d: d.update(partners=[])),
                       "art. 29 ust. 1 lit. c rozporządzenia (UE) 2021/1060"),
    "cpr_partners": (_set("partnership.yaml", lambda d: d.update(council=d["council"][:3])),
                     "art. 29 ust. 1 lit. d rozporządzenia (UE) 2021/1060"),
}


def test_every_element_of_the_table_has_its_removal_test():
    assert set(REMOVALS) == {e.id for e in readiness.ELEMENTS}


@pytest.mark.parametrize("element", list(REMOVALS))
def test_taking_out_one_statutory_element_names_it_and_refuses_the_final_release(
        element: str, tmp_path: Path):
    root = complete_copy(tmp_path, status="consultation")
    take_out, article = REMOVALS[element]
    take_out(root)
    assert not_present(root) == {element}

    code, out, _ = run("readiness", "--sections", str(root))
    assert code == 1
    name = next(e.name["pl"] for e in readiness.ELEMENTS if e.id == element)
    line = next(x for x in out.splitlines() if f" {name} (" in x)
    assert line.startswith(("[brak]", "[niekompletne]")) and article in line, line

    code, _, err = run("release", "--sections", str(root), "--releases",
                       str(tmp_path / "releases"), "--status", "final", "--date", "2021-10-20",
                       "--force", "the test forces past warnings, never past the law")
    assert code == 1, err
    assert not (tmp_path / "releases" / "v1.0").exists()


def test_the_final_release_names_the_missing_element_and_its_article(tmp_path: Path):
    root = complete_copy(tmp_path, status="consultation")
    (root / "evaluation.yaml").unlink()
    code, _, err = run("release", "--sections", str(root), "--releases",
                       str(tmp_path / "releases"), "--status", "final", "--date", "2021-10-20",
                       "--force", "forced")
    assert code == 1
    assert "evaluation.yaml:1:1: błąd: Uprzednia ewaluacja (ex ante)" in err
    assert "(art. 10a ust. 2 u.z.p.p.): brak – brak sekcji „evaluation”" in err
    assert "elementy wymagane prawem: 1" in err


def test_a_draft_release_is_not_held_back_by_missing_elements(tmp_path: Path):
    root = complete_copy(tmp_path, status="consultation")
    (root / "evaluation.yaml").unlink()
    code, _, err = run("release", "--sections", str(root), "--releases",
                       str(tmp_path / "releases"), "--status", "council", "--date", "2021-10-20",
                       "--format", "md")
    assert code == 0, err
    assert (tmp_path / "releases" / "v0.4").is_dir()


def test_local_osi_are_required_only_where_identified(complete: Path):
    items = judged(complete)  # areas.yaml says "local: []"
    assert items["local_osi"].status == "present"
    assert items["local_osi"].finding.text("pl").startswith("nie zidentyfikowano")
    assert items["map_local_osi"].finding.text("en").startswith("not applicable")


def test_a_section_that_does_not_say_whether_local_osi_were_identified_is_not_ready(
        complete: Path, tmp_path: Path):
    """Left out, ``local`` says nothing: neither readiness nor the document may read it as
    "none identified"."""
    rewrite(complete / "areas.yaml", lambda d: d.pop("local"))
    items = judged(complete)
    for element in ("local_osi", "map_local_osi"):
        assert items[element].status == "incomplete", element
        assert items[element].finding.text("pl").endswith(
            "wpisz je w „local” albo „local: []”, jeżeli nie zidentyfikowano żadnego")
    code, out, _ = run("readiness", "--sections", str(complete))
    assert code == 1 and "areas.yaml nie mówi, czy zidentyfikowano OSI kluczowe" in out
    text = composed_text(complete, tmp_path)
    # The document's table of the law's elements says what it lacks, in its own words.
    assert ("strategia nie rozstrzyga, czy zidentyfikowano obszary strategicznej interwencji "
            "kluczowe dla obszaru") in text
    assert "nie zidentyfikowano obszarów strategicznej interwencji o znaczeniu lokalnym" not in text
    assert "## Obszary strategicznej interwencji o znaczeniu lokalnym" not in text


def test_the_document_says_none_were_identified_only_when_the_section_says_so(
        complete: Path, tmp_path: Path):
    sentence = ("W obszarze partnerstwa nie zidentyfikowano obszarów strategicznej interwencji "
                "o znaczeniu lokalnym.")
    assert sentence in composed_text(complete, tmp_path / "stated")
    # A map of local areas without the list: the maps under their heading, no sentence.
    rewrite(complete / "areas.yaml", lambda d: (d.pop("local"), d["maps"].append(
        {**d["maps"][0], "kind": "local_osi", "caption": "Mapa OSI lokalnych"})))
    text = composed_text(complete, tmp_path / "maps")
    assert sentence not in text
    heading = text.index("## Obszary strategicznej interwencji o znaczeniu lokalnym")
    assert text.index("Mapa OSI lokalnych", heading) > heading


def test_a_diagnosis_chapter_may_declare_what_it_covers(complete: Path):
    rewrite(complete / "diagnosis.yaml", lambda d: _chapter(
        d, ["spatial", "environmental", "functional_areas"], "Rozdział trzeci"))
    assert not_present(complete) == set()
    rewrite(complete / "diagnosis.yaml", lambda d: _chapter(d, [], "Rozdział trzeci"))
    assert not_present(complete) == {"diagnosis", "cpr_needs"}


def test_an_empty_register_leaves_nothing_to_answer_and_says_what_it_holds(complete: Path):
    """Not that nobody commented: the register is empty, and no totals say otherwise."""
    shutil.rmtree(complete / "review")
    items = judged(complete)
    assert items["consultation_report"].status == "present"
    assert items["consultation_report"].finding.text("pl") == (
        "w rejestrze nie zapisano uwag z konsultacji")


def test_a_decision_without_justification_leaves_the_report_incomplete(complete: Path):
    rewrite(complete / "review" / "K-01.yaml", lambda d: d.update(response=""))
    item = judged(complete)["consultation_report"]
    assert item.status == "incomplete"
    assert item.finding.text("pl") == "rozstrzygnięcia bez uzasadnienia: K-01"


def test_council_comments_do_not_count_towards_the_consultation_report(complete: Path):
    write_yaml(complete / "review" / "R-01.yaml", {
        "id": "R-01", "source": "council", "author": "Jan Kowalski", "date": "2021-06-20",
        "text": "Uwaga Rady", "status": "open"})
    assert judged(complete)["consultation_report"].status == "present"


@pytest.mark.parametrize("junk", ["text", "[1, 2]", "{x: 1}", "- a\n- b"])
def test_readiness_judges_sections_of_any_shape_without_a_traceback(tmp_path: Path, junk: str):
    root = complete_copy(tmp_path)
    for kind in ("goals", "areas", "spatial", "implementation", "consultation", "evaluation",
                 "partnership", "meetings", "conclusions", "financing"):
        (root / f"{kind}.yaml").write_text(f"{kind}: {junk}\n" if junk.startswith("{")
                                           else junk + "\n", encoding="utf-8")
    code, out, err = run("readiness", "--sections", str(root), "--format", "json")
    assert code == 1 and "Traceback" not in err
    report = json.loads(out)
    assert report["errors"] > 0 and len(report["elements"]) == 22


@pytest.mark.parametrize("change", [
    lambda d: d["members"][0].update(id=[d["members"][0]["id"]]),
    lambda d: d["members"][0].update(id={"a": d["members"][0]["id"]}),
    lambda d: d.setdefault("council", [{}])[0].update(member=["x"], role=["ngo"]),
], ids=["member id as a list", "member id as a map", "council seat as lists"])
def test_an_identifier_of_the_wrong_type_is_a_located_problem_never_a_traceback(
        tmp_path, change):
    # readiness judges sections that do not validate too: a value of the wrong type in a
    # place the judges read is the check's located error, and the rest is still judged.
    root = complete_copy(tmp_path)
    rewrite(root / "partnership.yaml", change)
    code, out, err = run("readiness", "--sections", str(root))
    assert code == 1
    assert "Traceback" not in out + err
    assert "Sekcje mają" in out and "python build_strategy.py check" in out
    code, out, err = run("check", "--sections", str(root))
    assert code == 1 and "partnership.yaml:" in out + err
