"""The final gate (issue 11, item 6): a final version is released only from final content.

Each kind of content that is not final (an illustrative number, placeholder text, text
announcing the consultation as still to come, a consultation on a version never
released, withdrawn or not a draft, dates out of order, an unanswered comment, an
element the law requires) refuses ``release --status final`` with where it is, all of
them at once, writing nothing; ``readiness`` lists the same blockers. A clean final
version is released, and leaves out the working annexes unless the record keeps them.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from checking import switch_language
from submission import complete_copy, rewrite, write_yaml

from strategy.commands.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "sections"
FINAL = ("--status", "final", "--date", "2021-10-20", "--format", "md")


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def release(root: Path, *args: str) -> tuple[int, str, str]:
    return run("release", "--sections", root, *(args or FINAL))


def line_of(path: Path, text: str, after: str = "") -> int:
    """The 1-based line of ``path`` holding ``text`` (the first after ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


@pytest.fixture
def ready(tmp_path: Path) -> Path:
    """The tiny strategy with everything a final version needs: version 0.3 released for
    consultation on 1 September 2021, the consultation until 6 October, its comments
    decided with reasons."""
    return complete_copy(tmp_path, status="consultation")


def _intro(text: str) -> Callable[[Path], tuple[str, str]]:
    def change(root: Path) -> tuple[str, str]:
        rewrite(root / "introduction.yaml", lambda d: d.update(text=d["text"] + "\n" + text))
        return "introduction.yaml", text.split()[-1]
    return change


def _consulted(version: str) -> Callable[[Path], tuple[str, str]]:
    def change(root: Path) -> tuple[str, str]:
        rewrite(root / "consultation.yaml", lambda d: d.update(version=version))
        return "consultation.yaml", "version:" if version else "start:"
    return change


def _comment(ident: str, **values: Any) -> Callable[[Path], tuple[str, str]]:
    def change(root: Path) -> tuple[str, str]:
        rewrite(root / "review" / f"{ident}.yaml", lambda d: d.update(values))
        return f"review/{ident}.yaml", f"{next(iter(values))}:"
    return change


def _history(**values: Any) -> Callable[[Path], tuple[str, str]]:
    def change(root: Path) -> tuple[str, str]:
        rewrite(root / "strategy.yaml", lambda d: d["history"][-1].update(values))
        return "consultation.yaml", "version:" if "withdrawn" in values else "start:"
    return change


def _illustrative(root: Path) -> tuple[str, str]:
    def mark(d: dict[str, Any]) -> None:
        d["chapters"][0]["indicators"][1].update(illustrative=True, values={
            "alfa": -2.5, "beta": -4.1, "powiat": None})
    rewrite(root / "diagnosis.yaml", mark)
    return "diagnosis.yaml", "alfa: -2.5"


def _estimated(root: Path) -> tuple[str, str]:
    rewrite(root / "investments" / "P1.yaml", lambda d: d.update(
        cost={"value": 2500000, "estimate": True, "precision": 100000}))
    return "investments/P1.yaml", "value: 2500000"


def _no_evaluation(root: Path) -> tuple[str, str]:
    (root / "evaluation.yaml").unlink()
    return "evaluation.yaml", ""


# kind, what is done, the message's words, more release options
BLOCKERS: dict[str, tuple[str, Callable[[Path], tuple[str, str]], str]] = {
    "illustrative number": ("illustrative", _illustrative,
                            "2 liczby oznaczone jako ilustracyjne w „saldo” (-2.5, -4.1)"),
    "estimated number": ("estimate", _estimated,
                         "1 liczba oznaczona jako szacunek w „P1” (2500000)"),
    "placeholder TODO": ("placeholder", _intro("Liczba mieszkańców: TODO"),
                         "Tekst do uzupełnienia w text: „…"),
    "placeholder do uzupełnienia": ("placeholder", _intro("Harmonogram do uzupełnienia"),
                                    "Tekst do uzupełnienia w text"),
    "placeholder ellipsis": ("placeholder", _intro("Członkowie: […]"), "Tekst do uzupełnienia"),
    "illustrative text": ("illustrative_text", _intro("Dane ilustracyjne"),
                          "Tekst mówi o danych ilustracyjnych lub do zastąpienia w text"),
    "consultation still to come": ("pending", _intro(
        "Projekt strategii zostanie poddany konsultacjom"), "ma dopiero nastąpić, w text"),
    "consultation names no version": ("consultation", _consulted(""),
                                      "nie wskazują, którą wersję projektu konsultowano"),
    "consultation on a version never released": (
        "consultation", _consulted("0.9"),
        "Konsultowana wersja 0.9 nie została wydana: nie ma jej w historii wersji ani w "
        "folderze releases/ (wersje: 0.1, 0.2, 0.3)"),
    "consultation on a working version": (
        "consultation", _consulted("0.1"), "Konsultowana wersja 0.1 ma status „wersja robocza”"),
    "consultation on a withdrawn version": (
        "consultation", _history(withdrawn={"date": "2021-09-02", "by": "Koordynator",
                                            "reason": "Pomyłka"}),
        "Konsultowaną wersję 0.3 wycofano"),
    "consultation before its version was released": (
        "dates", _history(date="2021-09-05"),
        "Konsultacje rozpoczęto 2021-09-01, zanim wydano konsultowaną wersję 0.3 (2021-09-05)"),
    "comment before the consultation": (
        "dates", _comment("K-01", date="2021-08-20"),
        "Uwaga K-01 ma datę 2021-08-20, wcześniejszą niż początek konsultacji (2021-09-01)"),
    "comment after the consultation": (
        "dates", _comment("K-03", date="2021-10-12"),
        "Uwaga K-03 ma datę 2021-10-12, późniejszą niż koniec konsultacji (2021-10-06)"),
    "comment on another version": (
        "consultation", _comment("K-02", version="0.4"),
        "Uwaga K-02 dotyczy wersji 0.4, a konsultowano wersję 0.3"),
    "open comment": ("comment", _comment("K-01", status="open"),
                     "Uwaga z konsultacji K-01 czeka na rozstrzygnięcie"),
    "comment without its reason": ("comment", _comment("K-02", response=""),
                                   "Uwaga z konsultacji K-02 ma rozstrzygnięcie bez uzasadnienia"),
    "readiness gap": ("readiness", _no_evaluation,
                      "Uprzednia ewaluacja (ex ante) trafności, przewidywanej skuteczności i "
                      "efektywności (art. 10a ust. 2 u.z.p.p.): brak"),
}


def _refused_untouched(root: Path, *args: str) -> str:
    record = (root / "strategy.yaml").read_bytes()
    code, out, err = release(root, *args)
    assert code == 1, out + err
    assert "Traceback" not in err
    assert (root / "strategy.yaml").read_bytes() == record
    releases = root.parent / "releases"
    assert not releases.exists() or not list(releases.iterdir())
    return err


@pytest.mark.parametrize("name", list(BLOCKERS))
def test_each_blocker_refuses_the_final_release_where_it_is(name: str, ready: Path):
    kind, change, words = BLOCKERS[name]
    file, marker = change(ready)
    err = _refused_untouched(ready)
    assert words in err, err
    line = line_of(ready / file, marker) if marker else 1
    assert f"{ready / file}:{line}:" in err, err
    first = err.splitlines()[0]
    assert first.startswith("błąd: Wersji ostatecznej nie wydano: 1 przeszkoda ("), first
    assert "niczego nie zapisano" in first
    # readiness lists the same blocker, at the same place, and is not ready.
    code, out, _ = run("readiness", "--sections", ready, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ready"] is False
    assert [(b["kind"], b["line"]) for b in report["final"]["blockers"]] == [(kind, line)]
    assert report["final"]["blockers"][0]["file"].endswith(file)
    assert report["final"]["blockers"][0]["hint"]


def test_a_final_version_before_the_consultation_ended_is_refused(ready: Path):
    err = _refused_untouched(ready, "--status", "final", "--date", "2021-10-01")
    assert "Konsultacje trwają do 2021-10-06, a wersja ostateczna ma datę 2021-10-01" in err
    assert f"{ready / 'consultation.yaml'}:{line_of(ready / 'consultation.yaml', 'end:')}:" in err


def test_every_blocker_is_listed_at_once(ready: Path):
    for name in ("illustrative number", "placeholder TODO", "consultation still to come",
                 "consultation on a version never released", "open comment", "readiness gap"):
        BLOCKERS[name][1](ready)
    err = _refused_untouched(ready)
    assert err.splitlines()[0] == (
        "błąd: Wersji ostatecznej nie wydano: 6 przeszkód (liczby ilustracyjne: 1, tekst do "
        "uzupełnienia: 1, tekst zapowiadający konsultacje: 1, konsultacje: 1, uwagi bez "
        "odpowiedzi: 1, elementy wymagane prawem: 1), wymienione niżej; niczego nie zapisano.")
    assert err.count(": błąd: ") == 6
    code, out, _ = run("readiness", "--sections", ready)
    assert code == 1
    assert "Przeszkody w wydaniu wersji ostatecznej (6: liczby ilustracyjne: 1," in out
    assert out.count(": błąd: ") == 6


def _bundled(root: Path, cost: dict[str, Any], kind: str = "bundle") -> str:
    """A package of ``kind`` known only by ``cost`` in packages.yaml; its cost's line."""
    write_yaml(root / "packages.yaml", {"packages": [{
        "id": "WK1", "title": "Kolej aglomeracyjna", "kind": kind, "cost": cost}]})
    return "packages.yaml"


def test_a_bundle_stated_by_its_order_of_magnitude_is_final_content(ready: Path):
    # how a final strategy states a "wiązka" of projects without sheets (domain.md):
    # "ok. 2,2 mld zł"; the estimate is what the strategy says, not a stand-in
    _bundled(ready, {"value": 2200000000, "estimate": True, "precision": 100000000})
    code, out, _ = run("readiness", "--sections", ready, "--format", "json")
    assert json.loads(out)["final"]["blockers"] == [], out
    code, _, err = release(ready)
    assert code == 0, err
    final = next((ready.parent / "releases" / "v1.0").glob("*.md")).read_text("utf-8")
    # printed marked and rounded, as the strategy states it
    assert "ramy finansowe ujmują pakiet jego własną wartością: ok. 2,2 mld zł." in (
        final.replace("\\", "").replace("\u00a0", " "))


@pytest.mark.parametrize("case", ["illustrative bundle", "estimated package"])
def test_other_marked_package_costs_still_block(case: str, ready: Path):
    if case == "illustrative bundle":
        file = _bundled(ready, {"value": 2200000000, "illustrative": True})
    else:
        file = _bundled(ready, {"value": 2200000000, "estimate": True,
                                "precision": 100000000}, kind="zpt_package")
    err = _refused_untouched(ready)
    assert f"{ready / file}:{line_of(ready / file, 'value: 2200000000')}:" in err, err


def test_force_lets_only_warnings_through(ready: Path):
    rewrite(ready / "partnership.yaml", lambda d: d["members"][1].pop("population_year"))
    _intro("Liczba mieszkańców: TODO")(ready)
    err = _refused_untouched(ready, *FINAL, "--force", "Rok ludności poda GUS.")
    assert "ostrzeżenia: 1" in err and "tekst do uzupełnienia: 1" in err
    rewrite(ready / "introduction.yaml", lambda d: d.update(text=d["text"].replace(
        "Liczba mieszkańców: TODO", "")))
    code, _, err = release(ready, *FINAL, "--force", "Rok ludności poda GUS.")
    assert code == 0, err


def _annexes(markdown: str) -> dict[str, bool]:
    headings = [line for line in markdown.splitlines() if line.startswith("# ")]
    return {"changes": any(h.startswith("# Zmiany względem wersji 0\\.4") for h in headings),
            "council": "# Uwagi Rady Partnerstwa i odpowiedzi grupy roboczej {#uwagi-council "
                       ".unnumbered}" in headings,
            "consultation": any(h.startswith("# Raport z konsultacji") for h in headings)}


def _council_draft_then_final(root: Path) -> tuple[str, str]:
    """A council comment answered, a council draft v0.4, then the final version: the
    Markdown of each."""
    write_yaml(root / "review" / "U-0.3-001.yaml", {
        "id": "U-0.3-001", "source": "council", "version": "0.3", "author": "Jan Kowalski",
        "date": "2021-09-10", "text": "Proszę dopisać młodzież.", "status": "accepted",
        "response": "Dopisano w misji."})
    code, _, err = release(root, "--status", "council", "--date", "2021-09-15",
                           "--format", "md")
    assert code == 0, err
    rewrite(root / "introduction.yaml", lambda d: d.update(
        text=d["text"] + "\nMłodzież wskazała potrzebę transportu.\n"))
    code, _, err = release(root)
    assert code == 0, err
    releases = root.parent / "releases"
    draft, final = (next((releases / v).glob("*.md")).read_text("utf-8").replace("\u00a0", " ")
                    for v in ("v0.4", "v1.0"))
    return draft, final


def test_a_clean_final_is_released_without_the_working_annexes(ready: Path):
    draft, final = _council_draft_then_final(ready)
    assert _annexes(draft)["council"]
    assert _annexes(final) == {"changes": False, "council": False, "consultation": True}
    code, out, _ = run("readiness", "--sections", ready)
    assert "Nic nie przeszkadza w wydaniu wersji ostatecznej." in out


def test_the_record_can_keep_the_working_annexes_in_the_final_version(ready: Path):
    rewrite(ready / "strategy.yaml", lambda d: d.update(keep_working_annexes=True))
    _, final = _council_draft_then_final(ready)
    assert _annexes(final) == {"changes": True, "council": True, "consultation": True}


def test_an_english_strategy_is_refused_in_english_with_its_own_words(ready: Path):
    switch_language(ready, "en")
    _intro("The draft will be submitted to public consultation")(ready)
    _intro("Population: to be completed")(ready)
    err = _refused_untouched(ready)
    assert err.splitlines()[0].startswith("error: The final version was not released: 2 "
                                          "blockers (text to be completed: 1, text announcing "
                                          "the consultation: 1)")
    assert "speaks of the consultation or of the draft as still to come in text" in err
    assert "hint: In the final version describe the consultation as held" in err


def test_the_example_council_draft_is_refused_as_final_with_a_readable_list(tmp_path: Path):
    sections = tmp_path / "sections"
    shutil.copytree(EXAMPLE, sections)
    err = _refused_untouched(sections, "--status", "final", "--format", "md")
    first, *rest = err.splitlines()
    assert first.startswith("błąd: Wersji ostatecznej nie wydano: ")
    for kind in ("liczby ilustracyjne: 59", "tekst o danych ilustracyjnych",
                 "tekst zapowiadający konsultacje", "elementy wymagane prawem: 3"):
        assert kind in first, first
    # Every blocker on one line with its place, each followed by its hint.
    problems = [line for line in rest if not line.startswith("    ")]
    hints = [line for line in rest[1:] if line.startswith("    wskazówka: ")]
    assert len(problems) == len(hints) == int(first.split(": ")[2].split()[0])
    assert all(line.startswith(str(sections)) and ": błąd: " in line for line in problems)
    intro = sections / "introduction.yaml"
    assert any(line.startswith(f"{intro}:{line_of(intro, 'zostanie poddany konsultacjom')}:")
               and "ma dopiero nastąpić" in line for line in problems)
    demography = sections / "diagnosis" / "02-demografia.yaml"
    assert (f"{demography}:{line_of(demography, 'losice: -2.9')}:15: błąd: 17 liczb "
            "oznaczonych jako ilustracyjne w „zmiana-ludnosci”") in err


def _matches(lang: str, text: str) -> set[str]:
    from strategy.checks.final import patterns

    return {kind for kind, found in patterns(lang).items() if any(p.search(text) for p in found)}


@pytest.mark.parametrize(("lang", "text", "kinds"), [
    ("pl", "Członkowie: […]", {"placeholder"}),
    ("pl", "Gmina [nazwa gminy] przyjęła strategię.", {"placeholder"}),
    ("pl", "Koszt: ????", {"placeholder"}),
    ("pl", "Źródło: ankieta (ilustracyjne dane testowe)", {"illustrative_text"}),
    ("pl", "Niniejsza wersja 0.3 jest projektem dla Rady.", {"pending"}),
    ("pl", "Przed konsultacjami dane zostaną zastąpione.", {"pending"}),
    ("en", "Population: to be completed.", {"placeholder"}),
    ("en", "The draft will be submitted to public consultation.", {"pending"}),
    ("en", "Illustrative data, to be replaced.", {"illustrative_text"}),
    # Final text that only looks like it: an elided quotation, a resolution's Roman
    # numeral, "uzupełnić" as "complement", a consultation held, photographs.
    ("pl", "Art. 10e ust. 3 […] stosuje się odpowiednio.", set()),
    ("pl", "Uchwała nr XXX/245/2021 Rady Gminy Łosice.", set()),
    ("pl", "Transport zbiorowy ma uzupełnić połączenia kolejowe.", set()),
    ("pl", "Projekt strategii poddano konsultacjom od 1 września 2021 r.", set()),
    ("pl", "Zdjęcia mają charakter poglądowy; materiał ilustracyjny: LGD.", set()),
    ("en", "The draft was consulted from 1 September 2021.", set()),
])
def test_what_counts_as_text_that_is_not_final_is_data_per_language(lang, text, kinds):
    assert _matches(lang, text) == kinds


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_each_text_is_searched_once_for_all_of_a_kinds_words_with_the_same_findings(lang):
    """The gate passes over a text holding none of a kind's words in one search of all
    of them joined (a word of its own flags too, "(?m)…$" as "(?m:…$)"), and finds in
    the others just what the words one by one find."""
    from strategy.checks.final import _any_of, _first, patterns

    texts = ["Członkowie: […]", "Członkowie:\n[…]\nGminy podpisały porozumienie.",
             "Wstęp […] dalej", "Koszt: ????", "Koszt: ???", "TODO: policzyć",
             "ToDo", "autodo", "Population: to be completed.", "[…]\n", "Zob. [1]",
             "Przed konsultacjami dane zostaną zastąpione.", "", "\n\n"]
    for kind, found in patterns(lang).items():
        joined = _any_of(found)
        assert joined is not None, kind
        for text in texts:
            one_by_one = next((m for p in found if (m := p.search(text))), None)
            first = _first(text, found, joined)
            assert (first and first.span()) == (one_by_one and one_by_one.span()), (kind, text)
            assert bool(joined.search(text)) == (one_by_one is not None), (kind, text)
