"""`build_strategy.py comments reviewed.docx`: the council's Word comments and tracked
changes into the review register, each with the section file and field that hold its
text; anything that is not a comment on a released draft of this strategy is refused
with a clear message, and then nothing is written anywhere. (Threads, replacements,
moves, earlier drafts and redlines: test_council_review.py.)"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from test_release_support import cli, edit, new_project, review_docx, snapshot

from strategy.commands.cli import main

STEM = "strategia-testowa"
DAY = dt.date(2021, 7, 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Two council drafts, v0.3 and v0.4 (a renamed direction between them)."""
    root = new_project(tmp_path_factory.mktemp("comments"))
    s = root / "sections"
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-20", "--format", "docx"]) == 0
    edit(s / "directions.yaml", "title: Transport zbiorowy", "title: Wspólny transport zbiorowy")
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-27", "--format", "docx"]) == 0
    return root


@pytest.fixture
def work(project, tmp_path) -> Path:
    """A copy of the project a test may change."""
    shutil.copytree(project, tmp_path / "p")
    return tmp_path / "p"


def _draft(root: Path, version: str = "0.4") -> Path:
    return root / "releases" / f"v{version}" / f"{STEM}-v{version}-rada.docx"


def _refused(capsys, root: Path, docx: Path, *phrases: str) -> None:
    """The import is refused with a message holding ``phrases``; nothing changes."""
    before = snapshot(root / "sections", root / "releases")
    result = cli(capsys, "comments", docx, "--sections", root / "sections")
    assert result.code != 0
    for phrase in phrases:
        assert phrase in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(root / "sections", root / "releases") == before


# --- what is filed ----------------------------------------------------------------------

def test_a_comment_is_filed_with_author_date_quoted_text_and_section(work, capsys, tmp_path):
    reviewed = review_docx(_draft(work), tmp_path / "r.docx", comments=[
        ("Wspólny transport zbiorowy", "Dodać kolej.", "Jan Kowalski", DAY)])
    result = cli(capsys, "comments", reviewed, "--sections", work / "sections")
    assert result.code == 0, result.err
    assert "Zarejestrowano 1 uwagę" in result.out
    item = yaml.safe_load((work / "sections" / "review" / "U-0.4-001.yaml").read_text("utf-8"))
    assert item == {
        "id": "U-0.4-001", "source": "council", "version": "0.4", "author": "Jan Kowalski",
        "date": DAY, "kind": "comment", "section": "4.3. K3. Wspólny transport zbiorowy",
        "file": "directions.yaml", "field": "directions[K3].title",
        "quoted": "Wspólny transport zbiorowy", "text": "Dodać kolej.", "status": "open",
        "response": ""}


def test_a_tracked_insertion_and_deletion_are_filed_as_proposed_changes(work, capsys,
                                                                       tmp_path):
    reviewed = review_docx(_draft(work), tmp_path / "r.docx",
                           insertions=[("Współpraca dla rozwoju", " obszaru", "Ewa Radna", DAY)],
                           deletions=[("Wspólny ", "Ewa Radna", DAY)])
    assert cli(capsys, "comments", reviewed, "--sections", work / "sections").code == 0
    folder = work / "sections" / "review"
    items = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.glob("*.yaml"))]
    # The words around each change are the section's own (a heading's number is not).
    assert [(i["kind"], i["text"], i["file"], i["field"], i["quoted"], i["proposed"])
            for i in items] == [
        ("insertion", "obszaru", "goals.yaml", "mission", "Współpraca dla rozwoju.",
         "Współpraca dla rozwoju obszaru."),
        ("deletion", "Wspólny", "directions.yaml", "directions[K3].title",
         "Wspólny transport zbiorowy", "transport zbiorowy")]
    assert items[1]["section"] == "4.3. K3. Wspólny transport zbiorowy"


def test_importing_the_same_file_again_files_nothing_new(work, capsys, tmp_path):
    reviewed = review_docx(_draft(work), tmp_path / "r.docx", comments=[
        ("Wspólny transport zbiorowy", "Dodać kolej.", "Jan Kowalski", DAY)])
    assert cli(capsys, "comments", reviewed, "--sections", work / "sections").code == 0
    again = cli(capsys, "comments", reviewed, "--sections", work / "sections")
    assert again.code == 0
    assert "Nie ma nowych uwag (pominięto już zarejestrowane: 1)" in again.out
    assert len(list((work / "sections" / "review").glob("*.yaml"))) == 1


def test_numbering_continues_after_the_comments_already_filed(work, capsys, tmp_path):
    first = review_docx(_draft(work), tmp_path / "a.docx", comments=[
        ("Wspólny transport zbiorowy", "Dodać kolej.", "Jan Kowalski", DAY)])
    second = review_docx(_draft(work), tmp_path / "b.docx", comments=[
        ("Współpraca dla rozwoju", "Za ogólne.", "Ewa Radna", DAY)])
    for reviewed in (first, second):
        assert cli(capsys, "comments", reviewed, "--sections", work / "sections").code == 0
    assert sorted(p.name for p in (work / "sections" / "review").iterdir()) == [
        "U-0.4-001.yaml", "U-0.4-002.yaml"]


# --- bad input: refused, nothing written ------------------------------------------------------

def test_a_file_that_is_not_a_docx_is_refused(project, capsys, tmp_path):
    fake = tmp_path / "uwagi.docx"
    fake.write_text("To nie jest dokument Word.", encoding="utf-8")
    _refused(capsys, project, fake, "To nie jest dokument Word (DOCX).")


def test_a_missing_file_is_a_usage_error(project, capsys, tmp_path):
    result = cli(capsys, "comments", tmp_path / "brak.docx", "--sections", project / "sections")
    assert result.code == 2 and "Nie ma takiego pliku." in result.err


def test_a_docx_of_another_strategy_is_refused(project, capsys, tmp_path):
    other = new_project(tmp_path / "other")
    edit(other / "sections" / "strategy.yaml", "Partnerstwa Testowego na lata",
         "Partnerstwa Innego na lata")
    assert main(["release", "--sections", str(other / "sections"), "--status", "council",
                 "--date", "2021-06-20", "--format", "docx"]) == 0
    reviewed = review_docx(_draft(other, "0.3"), tmp_path / "r.docx", comments=[
        ("Współpraca dla rozwoju", "Uwaga.", "Jan Kowalski", DAY)])
    _refused(capsys, project, reviewed, "Dokument dotyczy innej strategii",
             "Partnerstwa Innego")


def test_a_docx_of_a_version_never_released_is_refused(project, capsys, tmp_path):
    built = tmp_path / "built"
    shutil.copytree(project / "sections", tmp_path / "s")
    edit(tmp_path / "s" / "strategy.yaml", "\nversion: \"0.4\"", "\nversion: \"0.7\"")
    assert main(["build", "--sections", str(tmp_path / "s"), "--out", str(built), "--format",
                 "docx"]) == 0
    _refused(capsys, project, next(built.glob("*.docx")), "w wersji 0.7, której nie wydano")


def test_a_comment_on_text_that_is_not_in_the_draft_is_refused(project, capsys, tmp_path):
    # The text was overtyped without tracking changes, then commented on.
    reviewed = review_docx(_draft(project), tmp_path / "r.docx",
                           retype=[("Współpraca dla rozwoju", "Współpraca ponad podziałami")],
                           comments=[("Współpraca ponad podziałami", "Dobrze.", "Jan Kowalski",
                                      DAY)])
    _refused(capsys, project, reviewed, "dotyczy tekstu, którego nie ma w wydanej wersji",
             "„Współpraca ponad podziałami”", "Jan Kowalski, 2021-07-01")


def test_a_docx_whose_release_folder_was_edited_by_hand_is_refused(work, capsys, tmp_path):
    reviewed = review_docx(_draft(work), tmp_path / "r.docx", comments=[
        ("Współpraca dla rozwoju", "Uwaga.", "Jan Kowalski", DAY)])
    edit(work / "releases" / "v0.4" / "sections" / "goals.yaml", "Współpraca dla rozwoju.",
         "Współpraca.")
    _refused(capsys, work, reviewed, "Folder wydania 0.4 różni się od jego manifestu",
             "sections/goals.yaml")


def test_a_register_kept_as_one_file_is_not_split_behind_the_users_back(work, capsys,
                                                                       tmp_path):
    (work / "sections" / "review.yaml").write_text("comments: []\n", encoding="utf-8")
    reviewed = review_docx(_draft(work), tmp_path / "r.docx", comments=[
        ("Współpraca dla rozwoju", "Uwaga.", "Jan Kowalski", DAY)])
    _refused(capsys, work, reviewed, "Rejestr uwag jest pojedynczym plikiem")


# --- answering ----------------------------------------------------------------------------------

def test_a_decision_without_a_justification_is_a_warning_and_a_justified_one_is_not(
        work, capsys, tmp_path):
    reviewed = review_docx(_draft(work), tmp_path / "r.docx", comments=[
        ("Wspólny transport zbiorowy", "Dodać kolej.", "Jan Kowalski", DAY),
        ("Współpraca dla rozwoju", "Za ogólne.", "Ewa Radna", DAY)])
    assert cli(capsys, "comments", reviewed, "--sections", work / "sections").code == 0
    folder = work / "sections" / "review"
    edit(folder / "U-0.4-001.yaml", "status: open", "status: rejected")
    edit(folder / "U-0.4-002.yaml", "status: open\nresponse: ''",
         "status: accepted\nresponse: Doprecyzowano misję.")
    result = cli(capsys, "check", "--sections", work / "sections", "--format", "json")
    review = [p for p in json.loads(result.out) if p["code"].startswith("review.")]
    assert [(p["code"], p["file"].rsplit("/", 1)[-1], p["message"]) for p in review] == [
        ("review.comment_unjustified", "U-0.4-001.yaml",
         "Rozstrzygnięcie uwagi U-0.4-001 nie ma uzasadnienia.")]
