"""A meeting series, end to end: what the coordinator and the council go through.

The working group releases a draft for the council (v0.3), changes it after the
meeting (v0.4: a cost, a direction renamed and one added, the vision), changes it again
(v0.5 for consultation: an investment dropped, a member joins, an operational goal
merged away, two numbers corrected), files the council's Word comments, answers them,
and finally releases v1.0 despite one comment left open, saying why.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from submission import complete
from test_release_support import (
    SOFFICE,
    cli,
    differences,
    edit,
    libreoffice_odt,
    libreoffice_texts,
    new_project,
    pandoc_read,
    pandoc_words,
    plain_docx,
    review_docx,
    tracked_changes,
)

AUTHOR = "Grupa robocza Partnerstwa Testowego"
STEM = "strategia-testowa"

CHANGES_0_3_TO_0_4 = """\
# Zmiany w wersji 0.4 względem wersji 0.3

## Spotkania

- Dodano spotkanie M4 „8 lipca 2021 r.”.

## Kierunki działań

- Zmieniono kierunek działań K2 „Wsparcie lokalnej przedsiębiorczości”:
    - tytuł: Wsparcie przedsiębiorczości → Wsparcie lokalnej przedsiębiorczości
- Dodano kierunek działań K4 „Cyfrowe usługi”.

## Wspólne przedsięwzięcia

- Zmieniono przedsięwzięcie P1 „Wspólna linia autobusowa Alfa–Beta”:
    - szacunkowy koszt: 2 500 000 zł → 2 700 000 zł (+200 000 zł)
    - finansowanie – Fundusze UE (program regionalny), FEM 2021–2027: {eu_change}
    - finansowanie – Wkład własny: 375 000 zł → 405 000 zł (+30 000 zł)

## Koszty i źródła finansowania

- Łączny szacunkowy koszt przedsięwzięć: 3 700 000,50 zł → 3 900 000,50 zł (+200 000 zł)
- Fundusze UE (program regionalny): 2 125 000 zł → 2 295 000 zł (+170 000 zł)
- Wkład własny: 575 000,50 zł → 605 000,50 zł (+30 000 zł)

## Pozostałe części dokumentu

Zmieniono także treść tych części: wizja.
""".format(eu_change="2 125 000 zł → 2 295 000 zł (+170 000 zł)")

CHANGES_0_4_TO_0_5 = """\
# Zmiany w wersji 0.5 względem wersji 0.4

## Członkowie partnerstwa

- Dodano członka partnerstwa gamma „Gmina Gamma”.

## Spotkania

- Dodano spotkanie M5 „15 lipca 2021 r.”.

## Cele operacyjne

- Usunięto cel operacyjny CO1.1 „Lepsze usługi społeczne”.

## Wskaźniki osiągnięcia celów

- Zmieniono wskaźnik WR1 „Liczba uczestników zajęć”:
    - wartość docelowa: 300 (2030) → 350 (2030)

## Wskaźniki diagnozy

- Zmieniono wskaźnik ludnosc „Ludność ogółem”:
    - wartość – Gmina Beta: 2814 → 2790

## Kierunki działań

- Zmieniono kierunek działań K1 „Rozwój usług społecznych”:
    - cel: CO1.1 → CS1

## Wspólne przedsięwzięcia

- Usunięto przedsięwzięcie P2 „Centrum usług społecznych”.

## Koszty i źródła finansowania

- Łączny szacunkowy koszt przedsięwzięć: 3 900 000,50 zł → 2 700 000 zł (−1 200 000,50 zł)
- Środki krajowe: 1 000 000 zł → 0 zł (−1 000 000 zł)
- Wkład własny: 605 000,50 zł → 405 000 zł (−200 000,50 zł)
"""

GAMMA = """\
  - id: gamma
    name: Gmina Gamma
    kind: rural
    teryt: "1410032"
    powiat: łosicki
    source: GUS TERC
council:"""


def _meeting(ident: str, date: str, body: str = "council") -> str:
    return (f"  - id: {ident}\n    date: {date}\n    form: in_person\n    place: Alfa\n"
            f"    body: {body}\n    agenda: [Projekt strategii]\n")


def _add_meeting(sections, ident: str, date: str) -> None:
    path = sections / "meetings.yaml"
    path.write_text(path.read_text(encoding="utf-8") + _meeting(ident, date), encoding="utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """The project after three releases: v0.3, v0.4 and v0.5."""
    from strategy.commands.cli import main

    root = new_project(tmp_path_factory.mktemp("series"))
    s = root / "sections"

    def run(*argv: str) -> int:
        return main([str(a) for a in argv])

    # The partnership names its two levels of goals, so that merging its one operational
    # goal into its strategic goal (v0.5) keeps the level, with no goal in it.
    edit(s / "goals.yaml", "mission: Współpraca dla rozwoju.\n", "mission: Współpraca dla "
         "rozwoju.\nlevels:\n  - {singular: cel strategiczny, plural: cele strategiczne}\n"
         "  - {singular: cel operacyjny, plural: cele operacyjne}\n")
    _add_meeting(s, "M3", "2021-06-24")
    assert run("release", "--sections", s, "--status", "council", "--meeting", "M3",
               "--note", "Projekt dla Rady", "--date", "2021-06-24") == 0
    # After the council's meeting: a cost, a direction renamed and one added, the vision.
    edit(s / "investments" / "P1.yaml", "cost: 2500000", "cost: 2700000")
    edit(s / "investments" / "P1.yaml", "amount: 2125000", "amount: 2295000")
    edit(s / "investments" / "P1.yaml", "amount: 375000}", "amount: 405000}")
    edit(s / "directions.yaml", "title: Wsparcie przedsiębiorczości",
         "title: Wsparcie lokalnej przedsiębiorczości")
    edit(s / "directions.yaml", "actions: [Wspólna linia autobusowa]}\n",
         "actions: [Wspólna linia autobusowa]}\n"
         "  - {id: K4, title: Cyfrowe usługi, goal: CS1, conclusions: [W2]}\n")
    edit(s / "goals.yaml", "w którym warto mieszkać i pracować.",
         "w którym dobrze się mieszka i pracuje.")
    _add_meeting(s, "M4", "2021-07-08")
    assert run("release", "--sections", s, "--status", "council", "--meeting", "M4",
               "--note", "Po posiedzeniu Rady", "--date", "2021-07-08") == 0
    # Before the consultation: P2 dropped, Gamma joins, CO1.1 merged into CS1, numbers.
    (s / "investments" / "P2.yaml").unlink()
    edit(s / "partnership.yaml", "council:", GAMMA)
    edit(s / "goals.yaml", "    goals:\n      - {id: CO1.1, title: Lepsze usługi "
         "społeczne}\n", "")
    edit(s / "directions.yaml", "goal: CO1.1", "goal: CS1")
    edit(s / "goals.yaml", "target: {value: 300, year: 2030}", "target: {value: 350, year: 2030}")
    edit(s / "diagnosis.yaml", "beta: 2814", "beta: 2790")
    _add_meeting(s, "M5", "2021-07-15")
    assert run("release", "--sections", s, "--status", "consultation", "--meeting", "M5",
               "--note", "Projekt do konsultacji", "--date", "2021-07-15") == 0
    return root


def _release(root, version):
    return root / "releases" / f"v{version}"


# --- releases ------------------------------------------------------------------------

def test_each_release_bumps_the_draft_version_and_is_archived_with_a_manifest(root):
    assert sorted(p.name for p in (root / "releases").iterdir()) == ["v0.3", "v0.4", "v0.5"]
    manifest = json.loads((_release(root, "0.4") / "manifest.json").read_text("utf-8"))
    assert (manifest["version"], manifest["status"], manifest["date"], manifest["meeting"],
            manifest["previous"]) == ("0.4", "council", "2021-07-08", "M4", "0.3")
    assert sorted(manifest["outputs"]) == [
        f"{STEM}-v0.4-rada-zmiany-od-v0.3.docx", f"{STEM}-v0.4-rada.docx",
        f"{STEM}-v0.4-rada.md", f"{STEM}-v0.4-rada.pdf"]
    assert "strategy.yaml" in manifest["sections"] and "investments/P1.yaml" in manifest[
        "sections"]
    assert {"python", "pandoc", "typst", "python-docx", "code"} <= set(manifest["tools"])


def test_the_history_of_versions_is_recorded_in_the_users_own_file(root):
    text = (root / "sections" / "strategy.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")  # the user's lines stay
    assert "  - {version: \"0.1\", date: 2021-05-27, status: working, note: Pierwszy szkic" in text
    record = yaml.safe_load(text)
    assert (record["version"], record["status"], str(record["date"])) == (
        "0.5", "consultation", "2021-07-15")
    assert [(h["version"], h.get("meeting"), h.get("note")) for h in record["history"][2:]] == [
        ("0.3", "M3", "Projekt dla Rady"), ("0.4", "M4", "Po posiedzeniu Rady"),
        ("0.5", "M5", "Projekt do konsultacji")]


def test_a_release_records_its_own_sections_including_the_new_history(root):
    recorded = yaml.safe_load((_release(root, "0.4") / "sections" / "strategy.yaml")
                              .read_text("utf-8"))
    assert recorded["version"] == "0.4" and recorded["history"][-1]["version"] == "0.4"
    assert (_release(root, "0.4") / "sections" / "investments" / "P2.yaml").is_file()
    assert not (_release(root, "0.5") / "sections" / "investments" / "P2.yaml").exists()


def test_the_documents_of_a_release_carry_the_changes_since_the_previous_release(root):
    md = (_release(root, "0.4") / f"{STEM}-v0.4-rada.md").read_text("utf-8").replace(
        "\u00a0", " ")
    annex = md[md.index("# Zmiany względem wersji 0\\.3"):md.index("# Wykaz tabel")]
    assert "Dodano kierunek działań K4 „Cyfrowe usługi”" in annex
    assert "(\\+200 000 zł)" in annex
    first = (_release(root, "0.3") / f"{STEM}-v0.3-rada.md").read_text("utf-8")
    assert "Zmiany względem wersji" not in first  # nothing to compare the first release with
    docx_text = pandoc_read(_release(root, "0.4") / f"{STEM}-v0.4-rada.docx", "accept")
    assert "Zmiany względem wersji 0.3" in docx_text


# --- diff: the changelog ----------------------------------------------------------------

def test_diff_prints_the_changes_between_two_releases_field_by_field(root, capsys, tmp_path):
    result = cli(capsys, "diff", "v0.3", "v0.4", "--sections", root / "sections", "--out",
                 tmp_path)
    assert result.code == 0, result.err
    assert result.out == CHANGES_0_3_TO_0_4


def test_diff_lists_removed_added_and_changed_items_with_negative_deltas(root, capsys,
                                                                        tmp_path):
    result = cli(capsys, "diff", "v0.4", "v0.5", "--sections", root / "sections", "--out",
                 tmp_path)
    assert result.code == 0, result.err
    assert result.out == CHANGES_0_4_TO_0_5


def test_diff_writes_the_same_redline_the_release_archived(root, capsys, tmp_path):
    result = cli(capsys, "diff", "v0.3", "v0.4", "--sections", root / "sections", "--out",
                 tmp_path)
    name = f"{STEM}-v0.4-rada-zmiany-od-v0.3.docx"
    assert str(tmp_path / name) in result.err
    assert (tmp_path / name).read_bytes() == (_release(root, "0.4") / name).read_bytes()


def test_diff_against_the_current_sections_says_so(root, capsys, tmp_path):
    result = cli(capsys, "diff", "v0.4", "--sections", root / "sections", "--out", tmp_path,
                 "--date", "2021-07-20")
    assert result.code == 0, result.err
    assert result.out.startswith("# Zmiany w bieżących sekcjach względem wersji 0.4\n")
    assert (tmp_path / f"{STEM}-robocza-zmiany-od-v0.4.docx").is_file()


# --- the redline --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_versions(root, tmp_path_factory):
    """Each release's document as the redline shows it (no annex of changes)."""
    out = tmp_path_factory.mktemp("plain")
    return {v: plain_docx(_release(root, v) / "sections", out / f"v{v}.docx")
            for v in ("0.3", "0.4", "0.5")}


# What each release changed (the changelogs above), as the older text and the newer.
CONTENT = {
    "0.4": [("Wsparcie przedsiębiorczości", "Wsparcie lokalnej przedsiębiorczości"),
            ("warto mieszkać i pracować", "dobrze się mieszka i pracuje"),
            ("2 500 000 zł", "2 700 000 zł"), (None, "Cyfrowe usługi")],
    "0.5": [("Centrum usług społecznych", None), (None, "Gmina Gamma"),
            ("Lepsze usługi społeczne", None), ("300 (2030)", "350 (2030)"),
            ("2814", "2790")],
}


@pytest.mark.parametrize(("old", "new"), [("0.3", "0.4"), ("0.4", "0.5")])
def test_accepting_every_tracked_change_gives_the_newer_version_rejecting_the_older(
        root, plain_versions, old, new):
    status = "rada" if new == "0.4" else "konsultacje"
    redline = _release(root, new) / f"{STEM}-v{new}-{status}-zmiany-od-v{old}.docx"
    assert pandoc_words(redline, "accept") == pandoc_words(plain_versions[new], "accept")
    older = pandoc_words(plain_versions[old], "accept")
    rejected = pandoc_words(redline, "reject")
    # Rejecting every change gives the older content; what follows from it (totals,
    # counts, shares) and from the release (its version and status) is the newer text.
    text = " ".join(rejected)
    for before, after in CONTENT[new]:
        assert before is None or before in text
        assert after is None or after not in text
    different = " | ".join(f"{a} -> {b}" for a, b in differences(older, rejected))
    assert not [w for pair in CONTENT[new] for w in pair if w and w in different]


def test_tracked_changes_are_signed_with_the_newer_release_and_mark_words_not_blocks(root):
    redline = _release(root, "0.4") / f"{STEM}-v0.4-rada-zmiany-od-v0.3.docx"
    changes = tracked_changes(redline)
    assert {(author, date) for _, _, author, date in changes} == {
        (AUTHOR, "2021-07-08T00:00:00Z")}
    found = [(kind, text) for kind, text, _, _ in changes]
    # Prose word by word: the vision keeps "Obszar, w którym".
    assert ("deletion", "warto mieszkać i pracować.") in found
    assert ("insertion", "dobrze się mieszka i pracuje.") in found
    # A table cell by cell: only the amount in the project sheet changes.
    assert ("deletion", "2 500 000 zł") in found and ("insertion", "2 700 000 zł") in found
    assert ("insertion", "lokalnej") in found  # the renamed direction, one word
    assert ("insertion", "K4. Cyfrowe usługi") in found  # the new direction's heading
    assert not [t for _, t, _, _ in changes if "Obszar" in t or "Liczba ludności" in t]


def test_a_removed_investment_is_one_deletion_of_its_sheet(root):
    redline = _release(root, "0.5") / f"{STEM}-v0.5-konsultacje-zmiany-od-v0.4.docx"
    deleted = " ".join(t for kind, t, _, _ in tracked_changes(redline) if kind == "deletion")
    assert "P2. Centrum usług społecznych" in deleted
    assert "Adaptacja budynku na centrum usług." in deleted


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_redline_with_the_same_changes(root, plain_versions, tmp_path):
    redline = _release(root, "0.4") / f"{STEM}-v0.4-rada-zmiany-od-v0.3.docx"
    accepted, rejected, regions = libreoffice_texts(libreoffice_odt(redline, tmp_path / "r"))
    new, _, none = libreoffice_texts(libreoffice_odt(plain_versions["0.4"], tmp_path / "n"))
    old, _, _ = libreoffice_texts(libreoffice_odt(plain_versions["0.3"], tmp_path / "o"))
    assert none == 0 and regions >= 10
    assert accepted == new
    text = " ".join(rejected)
    different = " | ".join(f"{a} -> {b}" for a, b in differences(old, rejected))
    for before, after in CONTENT["0.4"]:
        assert before is None or before in text
        assert after is None or after not in text
        assert not [w for w in (before, after) if w and w in different]


# --- comments back from the council --------------------------------------------------------

@pytest.fixture(scope="module")
def filed(root, tmp_path_factory):
    from strategy.commands.cli import main

    out = tmp_path_factory.mktemp("review")
    reviewed = review_docx(
        _release(root, "0.5") / f"{STEM}-v0.5-konsultacje.docx", out / "Kowalski.docx",
        comments=[("dobrze się mieszka", "Wizja powinna mówić o młodych.", "Jan Kowalski",
                   dt.date(2021, 7, 20))],
        insertions=[("Współpraca dla rozwoju", " całego obszaru", "Ewa Radna",
                     dt.date(2021, 7, 21))],
        deletions=[("lokalnej ", "Ewa Radna", dt.date(2021, 7, 21))])
    assert main(["comments", str(reviewed), "--sections", str(root / "sections")]) == 0
    return root / "sections" / "review"


def test_comments_and_tracked_changes_are_filed_one_per_file(filed):
    files = sorted(p.name for p in filed.iterdir())
    assert files == ["U-0.5-001.yaml", "U-0.5-002.yaml", "U-0.5-003.yaml"]
    first = (filed / "U-0.5-001.yaml").read_text("utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../schema/review-item.schema.json")
    items = [yaml.safe_load((filed / f).read_text("utf-8")) for f in files]
    assert [(i["kind"], i["author"], str(i["date"]), i["section"], i["status"]) for i in items] == [
        ("comment", "Jan Kowalski", "2021-07-20", "3.1. Wizja", "open"),
        ("insertion", "Ewa Radna", "2021-07-21", "3.2. Misja", "open"),
        ("deletion", "Ewa Radna", "2021-07-21",
         "4.2. K2. Wsparcie lokalnej przedsiębiorczości", "open")]
    assert items[0]["quoted"] == "dobrze się mieszka"
    assert items[0]["text"] == "Wizja powinna mówić o młodych."
    assert (items[1]["text"], items[2]["text"]) == ("całego obszaru", "lokalnej")
    assert items[0]["version"] == "0.5" and items[0]["source"] == "council"


def test_check_warns_about_every_open_comment(filed, capsys):
    result = cli(capsys, "check", "--sections", filed.parent, "--format", "json")
    open_ones = [p for p in json.loads(result.out) if p["code"] == "review.comment_open"]
    assert [(p["file"].rsplit("/", 1)[-1], p["severity"]) for p in open_ones] == [
        ("U-0.5-001.yaml", "warning"), ("U-0.5-002.yaml", "warning"),
        ("U-0.5-003.yaml", "warning")]
    assert "czeka na odpowiedź grupy roboczej" in open_ones[0]["message"]


def test_the_next_build_lists_the_comments_and_answers_in_an_annex(filed, capsys, tmp_path):
    edit(filed / "U-0.5-001.yaml", "status: open\nresponse: ''",
         "status: partly\nresponse: Dopisano młodych w misji.")
    edit(filed / "U-0.5-002.yaml", "status: open\nresponse: ''",
         "status: accepted\nresponse: Zgoda.")
    result = cli(capsys, "build", "--sections", filed.parent, "--out", tmp_path, "--format",
                 "md")
    assert result.code == 0, result.err
    md = next(tmp_path.glob("*.md")).read_text("utf-8").replace("\u00a0", " ")
    annex = md[md.index("# Uwagi Rady Partnerstwa i odpowiedzi grupy roboczej"):]
    assert "Wizja powinna mówić o młodych\\." in annex
    assert "uwzględniona częściowo | Dopisano młodych w misji\\." in annex
    assert "Propozycja dopisania\\: całego obszaru" in annex
    assert "do rozpatrzenia" in annex  # U-0.5-003 is still open


def test_a_final_version_is_refused_while_a_comment_is_open_even_forced_until_answered(
        filed, capsys):
    s = complete(filed.parent)  # a final version needs every element the law requires (#5)
    refused = cli(capsys, "release", "--sections", s, "--status", "final", "--date",
                  "2021-10-20")
    assert refused.code == 1
    assert "Wersji ostatecznej nie wydano: 4 przeszkody (uwagi bez odpowiedzi: 1, " \
        "ostrzeżenia: 3)" in refused.err
    assert "review/U-0.5-003.yaml:" in refused.err
    assert "Uwaga Rady U-0.5-003 (Ewa Radna) czeka na rozstrzygnięcie." in refused.err
    assert not (s.parent / "releases" / "v1.0").exists()
    # An unanswered comment is not a warning: --force does not let it through.
    reason = "Zmiany przyjęte przez Radę wprowadzi grupa robocza po przyjęciu."
    forced = cli(capsys, "release", "--sections", s, "--status", "final", "--date",
                 "2021-10-20", "--force", reason)
    assert forced.code == 1 and not (s.parent / "releases" / "v1.0").exists()
    edit(s / "review" / "U-0.5-003.yaml", "status: open\nresponse: ''",
         "status: rejected\nresponse: Skreślenie zmieniłoby sens wizji.")
    released = cli(capsys, "release", "--sections", s, "--status", "final", "--date",
                   "2021-10-20", "--force", reason)  # only the warnings are left
    assert released.code == 0, released.err
    history = yaml.safe_load((s / "strategy.yaml").read_text("utf-8"))["history"]
    assert history[-1]["version"] == "1.0" and history[-1]["forced"] == reason
    verified = cli(capsys, "verify", "v1.0", "--sections", s)
    assert verified.code == 0, verified.out + verified.err


# --- verify ---------------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["v0.3", "v0.4", "v0.5"])
def test_verify_reproduces_every_release_byte_for_byte(root, capsys, version):
    result = cli(capsys, "verify", version, "--sections", root / "sections")
    assert result.code == 0, result.err
    assert "odtworzono" in result.out and "RÓŻNY" not in result.out


def test_a_redline_is_named_in_the_strategys_language(tmp_path):
    """Its name is the newer version's file name and labels' redline_file: an English
    strategy's redline carries no Polish word."""
    from checking import copy_tiny
    from checking import edit as edit_file

    from strategy.pipeline import load_and_validate
    from strategy.release.redline import redline_name

    root = copy_tiny(tmp_path)
    polish = load_and_validate(root).strategy
    assert redline_name(polish, "0.1") == "strategia-testowa-v0.2-rada-zmiany-od-v0.1.docx"
    edit_file(root, "strategy.yaml", "language: pl", "language: en")
    english = load_and_validate(root).strategy
    assert redline_name(english, "0.1") == (
        "strategia-testowa-v0.2-council-changes-since-v0.1.docx")
