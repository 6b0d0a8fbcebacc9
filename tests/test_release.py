"""`release` and `verify`: numbering, the record's history, the archive, git, and every
refusal leaving the sections and the releases as they were."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from submission import complete, consulted
from test_release_support import cli, edit, new_project, snapshot

from strategy import pipeline as build_module
from strategy.model.record import VersionEntry
from strategy.release.errors import Refused
from strategy.release.folders import next_version
from strategy.release.record_edit import bump

STEM = "strategia-testowa"


def _release(capsys, root: Path, *extra: str):
    return cli(capsys, "release", "--sections", root / "sections", "--status", "council",
               "--format", "md", *extra)


@pytest.fixture
def root(tmp_path) -> Path:
    return new_project(tmp_path / "p")


# --- numbering --------------------------------------------------------------------------

@pytest.mark.parametrize(("latest", "status", "expected"), [
    ((0, 2), "council", (0, 3)), ((0, 3), "consultation", (0, 4)), ((0, 9), "council", (0, 10)),
    ((0, 4), "final", (1, 0)), ((1, 0), "final", (1, 1)), ((1, 1), "council", (1, 2)),
])
def test_drafts_are_0_x_the_final_version_1_0_and_amendments_1_1_on(latest, status, expected):
    assert next_version(latest, status) == expected


# --- the record's history, as a minimal edit of the user's file -------------------------

ENTRY = VersionEntry(version="0.3", date=dt.date(2021, 6, 24), status="council",
                     note="Po spotkaniu: uwagi Rady", meeting="M2")


def test_the_edit_keeps_comments_quotes_and_order_and_follows_the_block_style():
    text = ("# metryka\ntitle: T  # tytuł roboczy\nversion: '0.2'   # bieżąca\n"
            "status: council\ndate: 2021-06-10\nhistory:\n  - version: \"0.2\"\n"
            "    date: 2021-06-10\n    status: council\n\n  # koniec historii\nslug: t\n")
    assert bump(Path("strategy.yaml"), text, ENTRY) == (
        "# metryka\ntitle: T  # tytuł roboczy\nversion: \"0.3\"   # bieżąca\n"
        "status: council\ndate: 2021-06-24\nhistory:\n  - version: \"0.2\"\n"
        "    date: 2021-06-10\n    status: council\n  - version: \"0.3\"\n"
        "    date: 2021-06-24\n    status: council\n    note: \"Po spotkaniu: uwagi Rady\"\n"
        "    meeting: M2\n\n  # koniec historii\nslug: t\n")


@pytest.mark.parametrize(("history", "expected"), [
    ("history: []\n", "history: [{version: \"0.3\", date: 2021-06-24, status: council, "
                      "note: \"Po spotkaniu: uwagi Rady\", meeting: M2}]\n"),
    ("", "history:\n  - {version: \"0.3\", date: 2021-06-24, status: council, "
         "note: \"Po spotkaniu: uwagi Rady\", meeting: M2}\n"),
    ("history:\n  - {version: \"0.2\", date: 2021-06-10, status: council}\n",
     "history:\n  - {version: \"0.2\", date: 2021-06-10, status: council}\n"
     "  - {version: \"0.3\", date: 2021-06-24, status: council, "
     "note: \"Po spotkaniu: uwagi Rady\", meeting: M2}\n"),
])
def test_the_new_history_item_takes_the_shape_of_the_history_there(history, expected):
    head = "version: \"0.2\"\nstatus: council\ndate: 2021-06-10\n"
    result = bump(Path("strategy.yaml"), head + history, ENTRY)
    assert result == "version: \"0.3\"\nstatus: council\ndate: 2021-06-24\n" + expected


def test_a_record_written_in_one_flow_mapping_is_refused_not_rewritten():
    text = "{version: \"0.2\", status: council, date: 2021-06-10}\n"
    with pytest.raises(Refused) as refused:
        bump(Path("strategy.yaml"), text, ENTRY)
    assert refused.value.problems[0].code == "release.record_uneditable"


def test_windows_line_endings_and_a_byte_order_mark_survive_a_release(root, capsys):
    record = root / "sections" / "strategy.yaml"
    record.write_bytes(b"\xef\xbb\xbf" + record.read_bytes().replace(b"\n", b"\r\n"))
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    data = record.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b'  - {version: "0.3", date: 2021-06-24, status: council}\r\n' in data


# --- the archive -----------------------------------------------------------------------------

def test_a_release_archives_outputs_sections_and_a_manifest_of_their_hashes(root, capsys):
    result = _release(capsys, root, "--date", "2021-06-24", "--note", "Projekt dla Rady")
    assert result.code == 0, result.err
    folder = root / "releases" / "v0.3"
    assert result.out.splitlines()[0] == f"Wydano wersję 0.3: {folder}"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["outputs"] == {
        f"{STEM}-v0.3-rada.md": _sha(folder / f"{STEM}-v0.3-rada.md")}
    assert manifest["sections"]["strategy.yaml"] == _sha(folder / "sections" / "strategy.yaml")
    assert (manifest["note"], manifest["previous"], manifest["forced"]) == (
        "Projekt dla Rady", None, None)
    assert not [p for p in (root / "releases").iterdir() if p.name.startswith(".")]


def _sha(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_releases_are_append_only(root, capsys):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    first = snapshot(root / "releases" / "v0.3")
    edit(root / "sections" / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca.")
    assert _release(capsys, root, "--date", "2021-07-01").code == 0
    assert snapshot(root / "releases" / "v0.3") == first
    assert sorted(p.name for p in (root / "releases").iterdir()) == ["v0.3", "v0.4"]


def test_verify_reports_a_release_folder_edited_by_hand(root, capsys):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    edit(root / "releases" / "v0.3" / f"{STEM}-v0.3-rada.md", "Współpraca", "Wspólpraca")
    result = cli(capsys, "verify", "v0.3", "--sections", root / "sections")
    assert result.code == 1
    assert "Folder wydania 0.3 różni się od jego manifestu" in result.err
    assert f"{STEM}-v0.3-rada.md" in result.err


def test_verify_of_a_version_never_released_names_the_released_ones(root, capsys):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    result = cli(capsys, "verify", "v0.9", "--sections", root / "sections")
    assert result.code == 2
    assert "Nie ma wydania wersji 0.9 (wydane wersje: v0.3)." in result.err


def test_diff_refuses_a_release_folder_edited_by_hand_and_writes_nothing(root, capsys,
                                                                          tmp_path):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    edit(root / "releases" / "v0.3" / "sections" / "goals.yaml", "Współpraca dla rozwoju.",
         "Współpraca.")
    result = cli(capsys, "diff", "v0.3", "--sections", root / "sections", "--out",
                 tmp_path / "out")
    assert result.code == 1 and result.out == ""
    assert "Folder wydania 0.3 różni się od jego manifestu" in result.err
    assert "sections/goals.yaml" in result.err
    assert not (tmp_path / "out").exists()


def test_verify_reports_a_manifest_that_is_not_json(root, capsys):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    (root / "releases" / "v0.3" / "manifest.json").write_text("{", encoding="utf-8")
    result = cli(capsys, "verify", "v0.3", "--sections", root / "sections")
    assert result.code == 1 and "manifest.json wydania jest nieczytelny" in result.err


# --- refusals: nothing written ------------------------------------------------------------------

def _refused(capsys, root: Path, *args: str, phrase: str, code: int = 1) -> None:
    before = snapshot(root / "sections", root / "releases")
    result = cli(capsys, "release", "--sections", root / "sections", "--format", "md", *args)
    assert result.code == code
    assert phrase in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(root / "sections", root / "releases") == before
    assert not (root / "releases").exists() or not [
        p for p in (root / "releases").iterdir() if p.name.startswith(".")]


def test_a_release_is_refused_while_check_has_errors(root, capsys):
    edit(root / "sections" / "directions.yaml", "goal: CS2", "goal: CS9")
    _refused(capsys, root, "--status", "council", phrase="Nie wydano wersji: sekcje mają błędy")


def test_a_final_version_is_refused_while_warnings_remain(root, capsys):
    edit(root / "sections" / "partnership.yaml", "    population_year: 2019\n    source: GUS"
         " TERC (ilustracyjne dane testowe)\n  - id: powiat", "    source: GUS TERC (ilustracyjne"
         " dane testowe)\n  - id: powiat")  # Beta's population loses its year: a warning
    consulted(complete(root / "sections"))  # a final version needs what the law requires
    _refused(capsys, root, "--status", "final",
             phrase="Wersji ostatecznej nie wydano: 1 przeszkoda (ostrzeżenia: 1)")


def test_forcing_a_final_version_records_the_reason(root, capsys):
    edit(root / "sections" / "partnership.yaml", "    population_year: 2019\n    source: GUS"
         " TERC (ilustracyjne dane testowe)\n  - id: powiat", "    source: GUS TERC (ilustracyjne"
         " dane testowe)\n  - id: powiat")
    consulted(complete(root / "sections"))
    result = cli(capsys, "release", "--sections", root / "sections", "--status", "final",
                 "--format", "md", "--date", "2021-10-20", "--force", "Wniosek do uzupełnienia")
    assert result.code == 0, result.err
    record = yaml.safe_load((root / "sections" / "strategy.yaml").read_text("utf-8"))
    assert (record["version"], record["status"]) == ("1.0", "final")
    assert record["history"][-1]["forced"] == "Wniosek do uzupełnienia"
    manifest = json.loads((root / "releases" / "v1.0" / "manifest.json").read_text("utf-8"))
    assert manifest["forced"] == "Wniosek do uzupełnienia"


def test_an_unknown_meeting_is_a_usage_error(root, capsys):
    _refused(capsys, root, "--status", "council", "--meeting", "M9", code=2,
             phrase="W meetings.yaml nie ma spotkania „M9” (spotkania: M1, M2).")


def test_a_date_before_the_last_version_is_refused(root, capsys):
    _refused(capsys, root, "--status", "council", "--date", "2021-06-01", code=2,
             phrase="jest wcześniejsza niż data ostatniej wersji w historii (2021-06-10)")


def test_a_release_is_refused_when_the_previous_release_was_edited_by_hand(root, capsys):
    assert _release(capsys, root, "--date", "2021-06-24").code == 0
    (root / "releases" / "v0.3" / "notatka.txt").write_text("dopisane", encoding="utf-8")
    _refused(capsys, root, "--status", "council", "--date", "2021-07-01",
             phrase="Folder wydania 0.3 różni się od jego manifestu (zmienione, -usunięte, "
                    "+dodane pliki: +notatka.txt)")


def test_a_failing_export_leaves_no_release_and_the_record_unchanged(root, capsys,
                                                                     monkeypatch):
    def broken(*args):
        raise RuntimeError("pandoc died")
    monkeypatch.setattr(build_module, "_export", broken)
    before = snapshot(root / "sections")
    result = cli(capsys, "release", "--sections", root / "sections", "--status", "council",
                 "--format", "docx")
    assert result.code == 1
    assert "Polecenie nie powiodło się (RuntimeError: pandoc died)" in result.err
    assert snapshot(root / "sections") == before
    assert [p.name for p in (root / "releases").iterdir()] == []


# --- git ---------------------------------------------------------------------------------------

GIT = shutil.which("git")


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Grupa", "GIT_AUTHOR_EMAIL": "g@example.org",
           "GIT_COMMITTER_NAME": "Grupa", "GIT_COMMITTER_EMAIL": "g@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def repo(root, monkeypatch) -> Path:
    for name, value in (("GIT_AUTHOR_NAME", "Grupa"), ("GIT_AUTHOR_EMAIL", "g@example.org"),
                        ("GIT_COMMITTER_NAME", "Grupa"), ("GIT_COMMITTER_EMAIL", "g@example.org")):
        monkeypatch.setenv(name, value)
    _git(root, "init", "-q")
    _git(root, "add", "sections")
    _git(root, "commit", "-q", "-m", "Sekcje")
    return root


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_inside_a_git_repository_each_release_is_a_commit_with_a_tag(repo, capsys):
    (repo / "notatki.txt").write_text("robocze", encoding="utf-8")
    _git(repo, "add", "notatki.txt")  # staged by the user: stays out of the release commit
    result = _release(capsys, repo, "--date", "2021-06-24", "--note", "Dla Rady")
    assert result.code == 0, result.err
    assert "Znacznik git: strategia-testowa-v0.3" in result.out
    files = _git(repo, "show", "--name-only", "--format=", "strategia-testowa-v0.3").split()
    assert "sections/strategy.yaml" in files and "releases/v0.3/manifest.json" in files
    assert "notatki.txt" not in files
    assert "A  notatki.txt" in _git(repo, "status", "--porcelain")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_a_release_whose_tag_exists_is_refused(repo, capsys):
    _git(repo, "tag", "strategia-testowa-v0.3")
    _refused(capsys, repo, "--status", "council",
             phrase="W repozytorium git jest już znacznik strategia-testowa-v0.3.")


def test_outside_a_git_repository_a_release_has_no_tag(root, capsys):
    result = _release(capsys, root, "--date", "2021-06-24")
    assert result.code == 0 and "Znacznik git" not in result.out
