"""Undoing a stray release and releasing what is on disk, as a coordinator would:

- the same content released twice in a row is refused (unless forced, with a reason);
- a stray release is withdrawn: its folder stays, the withdrawal is recorded with its
  reason, by whom and when, and the withdrawn version is no longer the latest for the
  next number, ``diff``, ``comments`` or ``package`` (which can be pointed at a version);
- uncommitted edits in the sections are committed with the release, and the release
  says which;
- an unknown ``--meeting`` says where in meetings.yaml the new meeting must be added.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from submission import complete_copy
from test_release_support import cli, edit, new_project, snapshot

STEM = "strategia-testowa"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _release(capsys, root: Path, status: str = "council", *extra: str):
    return cli(capsys, "release", "--sections", root / "sections", "--status", status,
               "--format", "md", *extra)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def root(tmp_path) -> Path:
    return new_project(tmp_path / "p")


@pytest.fixture
def repo(root, monkeypatch) -> Path:
    for name, value in (("GIT_AUTHOR_NAME", "Anna Nowak"), ("GIT_AUTHOR_EMAIL", "a@example.org"),
                        ("GIT_COMMITTER_NAME", "Anna Nowak"),
                        ("GIT_COMMITTER_EMAIL", "a@example.org")):
        monkeypatch.setenv(name, value)
    _git(root, "init", "-q")
    _git(root, "config", "user.name", "Anna Nowak")
    _git(root, "config", "user.email", "a@example.org")
    _git(root, "add", "sections")
    _git(root, "commit", "-q", "-m", "Sekcje")
    return root


def _record(root: Path) -> dict:
    return yaml.safe_load((root / "sections" / "strategy.yaml").read_text("utf-8"))


# --- the same release twice ----------------------------------------------------------------

def test_releasing_the_same_content_twice_in_a_row_is_refused_and_changes_nothing(root,
                                                                                capsys):
    assert _release(capsys, root, "council", "--date", "2021-06-24").code == 0
    edit(root / "sections" / "goals.yaml", "Współpraca dla rozwoju.",
         "Współpraca dla rozwoju.  # poprawione wcięcie")  # a comment is not content
    before = snapshot(root / "sections", root / "releases")
    again = _release(capsys, root, "council", "--date", "2021-06-25")
    assert again.code == 1
    assert ("treść sekcji jest taka sama jak w wydanej wersji 0.3 i status też (council)"
            in again.err)
    assert "--force" in again.err
    assert snapshot(root / "sections", root / "releases") == before


def test_the_same_content_with_another_status_or_forced_with_a_reason_is_released(root,
                                                                                 capsys):
    assert _release(capsys, root, "council", "--date", "2021-06-24").code == 0
    assert _release(capsys, root, "consultation", "--date", "2021-06-25").code == 0
    forced = _release(capsys, root, "consultation", "--date", "2021-06-26",
                      "--force", "Ponowne rozesłanie po awarii poczty")
    assert forced.code == 0, forced.err
    assert _record(root)["history"][-1]["forced"] == "Ponowne rozesłanie po awarii poczty"


# --- withdrawing a stray release ------------------------------------------------------------

@needs_git
def test_a_stray_release_is_withdrawn_with_its_reason_and_the_archive_keeps_it(repo, capsys):
    assert _release(capsys, repo, "council", "--date", "2021-06-24").code == 0
    edit(repo / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    assert _release(capsys, repo, "council", "--date", "2021-06-25").code == 0
    archived = snapshot(repo / "releases" / "v0.4")
    result = cli(capsys, "withdraw", "v0.4", "--sections", repo / "sections",
                 "--reason", "Wydana przed posiedzeniem grupy roboczej", "--date", "2021-06-26")
    assert result.code == 0, result.err
    assert "Wycofano wersję 0.4 (wycofał(a): Anna Nowak)" in result.out
    assert "Metryka w strategy.yaml wróciła do wersji 0.3." in result.out
    # The release folder is untouched; the withdrawal is a file of its own beside it.
    assert snapshot(repo / "releases" / "v0.4") == archived
    withdrawal = json.loads((repo / "releases" / "v0.4.withdrawn.json").read_text("utf-8"))
    assert {k: withdrawal[k] for k in ("version", "date", "by", "reason")} == {
        "version": "0.4", "date": "2021-06-26", "by": "Anna Nowak",
        "reason": "Wydana przed posiedzeniem grupy roboczej"}
    # The record is back at 0.3 and the history says what happened to 0.4.
    record = _record(repo)
    assert (record["version"], record["status"], str(record["date"])) == (
        "0.3", "council", "2021-06-24")
    assert record["history"][-1]["withdrawn"] == {
        "date": __import__("datetime").date(2021, 6, 26), "by": "Anna Nowak",
        "reason": "Wydana przed posiedzeniem grupy roboczej"}
    # Both are committed; the tag of 0.4 stays, as the archive does.
    assert "Wycofano wersję 0.4" in _git(repo, "log", "-1", "--format=%s")
    assert _git(repo, "status", "--porcelain", "--", "releases", "sections") == ""
    assert f"{STEM}-v0.4" in _git(repo, "tag").split()
    # verify still reproduces the withdrawn release, and says it was withdrawn.
    verified = cli(capsys, "verify", "v0.4", "--sections", repo / "sections")
    assert verified.code == 0
    assert "Wersję 0.4 wycofano 2021-06-26 (wycofał(a): Anna Nowak)" in verified.out


@needs_git
def test_after_a_withdrawal_the_next_release_takes_a_new_number_and_builds_on_the_one_before(
        repo, capsys):
    assert _release(capsys, repo, "council", "--date", "2021-06-24").code == 0
    edit(repo / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    assert _release(capsys, repo, "council", "--date", "2021-06-25").code == 0
    assert cli(capsys, "withdraw", "v0.4", "--sections", repo / "sections",
               "--reason", "Pomyłka").code == 0
    # The current sections compare with 0.3 now, by default.
    compared = cli(capsys, "diff", "--sections", repo / "sections",
                   "--out", repo / "build")
    assert compared.code == 0, compared.err
    assert "Porównanie z najnowszym wydaniem: 0.3." in compared.err
    edit(repo / "sections" / "goals.yaml", "Współpraca.", "Współpraca ponad granicami.")
    result = _release(capsys, repo, "council", "--date", "2021-06-27")
    assert result.code == 0, result.err
    assert "Wydano wersję 0.5" in result.out  # 0.4 is never given twice
    manifest = json.loads((repo / "releases" / "v0.5" / "manifest.json").read_text("utf-8"))
    assert manifest["previous"] == "0.3"
    assert [e["version"] for e in _record(repo)["history"]][-3:] == ["0.3", "0.4", "0.5"]


def test_only_the_newest_release_in_force_can_be_withdrawn_and_only_once(root, capsys):
    assert _release(capsys, root, "council", "--date", "2021-06-24").code == 0
    edit(root / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    assert _release(capsys, root, "council", "--date", "2021-06-25").code == 0
    older = cli(capsys, "withdraw", "v0.3", "--sections", root / "sections", "--reason", "x")
    assert older.code == 1
    assert "później wydano wersję 0.4" in older.err
    assert cli(capsys, "withdraw", "v0.4", "--sections", root / "sections", "--by", "Jan",
               "--reason", "Pomyłka").code == 0
    before = snapshot(root / "sections", root / "releases")
    twice = cli(capsys, "withdraw", "v0.4", "--sections", root / "sections", "--reason", "x")
    assert twice.code == 1 and "Wersję 0.4 już wycofano." in twice.err
    assert snapshot(root / "sections", root / "releases") == before


def test_a_council_draft_released_after_the_final_is_withdrawn_and_the_final_packaged(
        tmp_path, capsys):
    s = complete_copy(tmp_path / "p", status="consultation")
    root = s.parent
    assert cli(capsys, "release", "--sections", s, "--status", "final",
               "--date", "2021-10-20").code == 0
    # The stray run the issue describes: v1.1, a council draft dated today.
    assert cli(capsys, "release", "--sections", s, "--status", "council").code == 0
    refused = cli(capsys, "package", "--sections", s, "--out", tmp_path / "out")
    assert refused.code == 1
    assert "Ostatnia wydana wersja ostateczna to 1.0" in refused.err
    assert "package --version 1.0" in refused.err
    # Pointed at the final release, the package is made from its archive.
    pointed = cli(capsys, "package", "--sections", s, "--out", tmp_path / "out",
                  "--version", "1.0")
    assert pointed.code == 0, pointed.err
    assert Path(pointed.out.strip()).name == f"{STEM}-v1.0-pakiet.zip"
    assert cli(capsys, "withdraw", "v1.1", "--sections", s, "--by", "Koordynator",
               "--reason", "Wydana przez pomyłkę po wersji ostatecznej").code == 0
    assert _record(root)["status"] == "final"
    again = cli(capsys, "package", "--sections", s, "--out", tmp_path / "again")
    assert again.code == 0, again.err
    withdrawn = cli(capsys, "package", "--sections", s, "--out", tmp_path / "x",
                    "--version", "v1.1")
    assert withdrawn.code == 1
    assert "Wersję 1.1 wycofano" in withdrawn.err and "nie składa się jej" in withdrawn.err
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").iterdir())


# --- uncommitted edits ----------------------------------------------------------------------

@needs_git
def test_uncommitted_edits_in_the_sections_are_committed_with_the_release_which_says_so(
        repo, capsys):
    edit(repo / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    (repo / "sections" / "investments" / "P2.yaml").unlink()
    result = _release(capsys, repo, "council", "--date", "2021-06-24")
    assert result.code == 0, result.err
    assert ("Niezatwierdzone zmiany w sekcjach zatwierdzono w git razem z wydaniem (2 pliki: "
            "sections/goals.yaml, sections/investments/P2.yaml)") in result.out
    # The tagged commit holds exactly what was released.
    tagged = _git(repo, "show", f"{STEM}-v0.3:sections/goals.yaml")
    assert tagged == (repo / "releases" / "v0.3" / "sections" / "goals.yaml").read_text("utf-8")
    assert "sections/investments/P2.yaml" not in _git(repo, "ls-tree", "-r", "--name-only",
                                                      f"{STEM}-v0.3")
    assert _git(repo, "status", "--porcelain") == ""


@needs_git
def test_a_section_file_git_ignores_is_released_with_a_warning(repo, capsys):
    (repo / ".gitignore").write_text("*.png\n", encoding="utf-8")
    (repo / "sections" / "mapa.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = _release(capsys, repo, "council", "--date", "2021-06-24")
    assert result.code == 0, result.err
    assert "git je ignoruje (.gitignore)" in result.err and "sections/mapa.png" in result.err


@needs_git
def test_a_user_in_a_subfolder_of_the_repository_releases_the_same(repo, capsys):
    os.chdir(repo / "sections")
    result = cli(capsys, "release", "--sections", ".", "--status", "council", "--format", "md",
                 "--date", "2021-06-24")
    assert result.code == 0, result.err
    assert f"Znacznik git: {STEM}-v0.3" in result.out


# --- an unknown meeting -----------------------------------------------------------------------

def test_an_unknown_meeting_says_to_add_it_to_meetings_yaml_after_the_last_one(root, capsys):
    before = snapshot(root / "sections")
    result = _release(capsys, root, "council", "--meeting", "M4")
    assert result.code == 2
    meetings = (root / "sections" / "meetings.yaml").read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(meetings, 1) if "id: M2" in text)
    assert f"meetings.yaml:{line}:" in result.err
    assert "W meetings.yaml nie ma spotkania „M4” (spotkania: M1, M2)." in result.err
    assert "Nowe spotkanie trzeba najpierw dopisać do meetings.yaml, po ostatnim (M2" in (
        result.err)
    assert snapshot(root / "sections") == before


def test_the_history_of_versions_in_the_document_says_a_version_was_withdrawn(root, capsys,
                                                                          tmp_path):
    assert _release(capsys, root, "council", "--date", "2021-06-24").code == 0
    edit(root / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    assert _release(capsys, root, "council", "--date", "2021-06-25", "--note",
                    "Projekt").code == 0
    assert cli(capsys, "withdraw", "v0.4", "--sections", root / "sections", "--by", "Jan",
               "--date", "2021-06-26", "--reason", "Wydana przez pomyłkę").code == 0
    built = cli(capsys, "build", "--sections", root / "sections", "--out", tmp_path / "b",
                "--format", "md")
    assert built.code == 0, built.err
    text = next((tmp_path / "b").glob("*.md")).read_text("utf-8").replace("\\", "")
    assert "Projekt (wersję wycofano 26 czerwca 2021 r.: Wydana przez pomyłkę)" in text.replace(
        "\u00a0", " ")


def test_comments_on_a_withdrawn_draft_are_still_filed_and_say_it_was_withdrawn(root, capsys,
                                                                              tmp_path):
    import datetime as dt

    from word_review import WordReview

    s = root / "sections"
    assert cli(capsys, "release", "--sections", s, "--status", "council", "--date",
               "2021-06-24", "--format", "docx").code == 0
    assert cli(capsys, "withdraw", "v0.3", "--sections", s, "--by", "Jan",
               "--reason", "Wydana przez pomyłkę").code == 0
    review = WordReview(root / "releases" / "v0.3" / f"{STEM}-v0.3-rada.docx")
    review.comment("Współpraca dla rozwoju", "Za ogólne.", "Ewa Radna", dt.date(2021, 7, 1))
    result = cli(capsys, "comments", review.save(tmp_path / "r.docx"), "--sections", s)
    assert result.code == 0, result.err
    assert "Wersję 0.3 wycofano (Wydana przez pomyłkę); uwagi zarejestrowano do niej" in (
        result.out)
    assert (s / "review" / "U-0.3-001.yaml").is_file()
