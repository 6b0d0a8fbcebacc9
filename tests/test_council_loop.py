"""The whole council loop while council members have the released document open.

Opening ``releases/vX.Y/*.docx`` leaves a lock file beside it: LibreOffice's
``.~lock.<name>#`` (here made by LibreOffice itself, holding the document open headless)
and Word's owner file ``~$<name>``. Neither makes a release look edited by hand:
``verify``, ``comments``, ``release``, ``diff``, ``withdraw`` and ``package`` all work
while the documents are open, in a git repository, and a file really changed in a
release is still refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from submission import complete_copy
from test_release_support import SOFFICE, cli, edit
from word_review import WordReview

STEM = "strategia-testowa"
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def word_owner_file(document: Path, user: str = "Jan Kowalski") -> Path:
    """The owner file Word writes beside a document it opens: ``~$`` in place of the first
    two characters of a long name, 162 bytes holding the user's name."""
    name = "~$" + (document.name[2:] if len(document.stem) > 6 else document.name)
    raw = user.encode("cp1250")[:53]
    utf16 = user.encode("utf-16-le")[:106]
    data = bytes([len(raw)]) + raw.ljust(53, b" ") + bytes([len(user), 0]) + utf16.ljust(
        106, b"\0")
    target = document.parent / name
    target.write_bytes(data[:162].ljust(162, b"\0"))
    return target


class LibreOfficeHolding:
    """LibreOffice with a document open (headless), as a council member's copy of Writer
    holds it: its lock file stands beside the document until it is closed."""

    def __init__(self, document: Path, profile: Path) -> None:
        self.document = document
        self.lock = document.parent / f".~lock.{document.name}#"
        self.process = subprocess.Popen(
            [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             str(document)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)

    def __enter__(self) -> LibreOfficeHolding:
        deadline = time.monotonic() + 120
        while not self.lock.exists() and time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        return self

    def __exit__(self, *exc: object) -> None:
        # The process group this test started; LibreOffice killed leaves its lock file,
        # as a crashed Writer does.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    for name, value in (("GIT_AUTHOR_NAME", "Koordynator"), ("GIT_AUTHOR_EMAIL", "k@example.org"),
                        ("GIT_COMMITTER_NAME", "Koordynator"),
                        ("GIT_COMMITTER_EMAIL", "k@example.org")):
        monkeypatch.setenv(name, value)
    sections = complete_copy(tmp_path / "p", status="consultation")
    root = sections.parent
    _git(root, "init", "-q")
    _git(root, "add", "sections")
    _git(root, "commit", "-q", "-m", "Sekcje")
    return root


def _document(root: Path, version: str, status: str) -> Path:
    return root / "releases" / f"v{version}" / f"{STEM}-v{version}-{status}.docx"


def test_the_loop_works_while_the_released_documents_are_open(repo, tmp_path, capsys):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    s = repo / "sections"
    edit(s / "goals.yaml", "Współpraca dla rozwoju.", "Współpraca dla rozwoju obszaru.")
    first = cli(capsys, "release", "--sections", s, "--status", "consultation",
                "--date", "2021-10-10", "--note", "Projekt do konsultacji")
    assert first.code == 0, first.err
    draft = _document(repo, "0.4", "konsultacje")
    owner = word_owner_file(draft)
    with LibreOfficeHolding(draft, tmp_path / "lo-profile") as writer:
        assert writer.lock.is_file(), "LibreOffice did not open the document"
        assert owner.is_file()
        # The coordinator checks the release and files a member's comments meanwhile.
        verified = cli(capsys, "verify", "v0.4", "--sections", s)
        assert verified.code == 0, verified.err
        review = WordReview(draft)
        review.comment("Współpraca dla rozwoju obszaru", "Dobrze.", "Jan Kowalski", None)
        reviewed = review.save(tmp_path / "uwagi.docx")
        filed = cli(capsys, "comments", reviewed, "--sections", s)
        assert filed.code == 0, filed.err
        edit(s / "review" / "U-0.4-001.yaml", "status: open\nresponse: ''",
             "status: accepted\nresponse: Bez zmian w tekście.")
        # The next release reads the open one as its previous version.
        final = cli(capsys, "release", "--sections", s, "--status", "final",
                    "--date", "2021-10-20", "--note", "Wersja ostateczna")
        assert final.code == 0, final.err
        assert "Znacznik git: strategia-testowa-v1.0" in final.out
        compared = cli(capsys, "diff", "v0.4", "v1.0", "--sections", s, "--out", tmp_path / "d")
        assert compared.code == 0, compared.err
        packaged = cli(capsys, "package", "--sections", s, "--out", tmp_path / "out")
        assert packaged.code == 0, packaged.err
        assert zipfile.ZipFile(packaged.out.strip()).testzip() is None
    # Closed (killed, as Writer crashing would be): the stale lock stays, and changes nothing.
    assert writer.lock.is_file()
    assert cli(capsys, "verify", "v0.4", "--sections", s).code == 0
    # The lock files are nobody's release: nothing of them was committed or archived.
    tracked = _git(repo, "ls-files", "releases").split()
    assert not [n for n in tracked if "~lock" in n or "~$" in n]
    manifest = json.loads((repo / "releases" / "v0.4" / "manifest.json").read_text("utf-8"))
    assert not [n for n in manifest["outputs"] if n.startswith(("~$", ".~lock"))]


def test_lock_files_do_not_hide_a_release_edited_by_hand(repo, capsys):
    s = repo / "sections"
    assert cli(capsys, "release", "--sections", s, "--status", "consultation",
               "--date", "2021-10-10", "--format", "docx").code == 0
    draft = _document(repo, "0.4", "konsultacje")
    word_owner_file(draft)
    (draft.parent / f".~lock.{draft.name}#").write_text(
        ",Jan Kowalski,komputer,10.10.2021 10:00,file:///home/jan/.config/libreoffice/4;",
        encoding="utf-8")
    assert cli(capsys, "verify", "v0.4", "--sections", s).code == 0
    # A council member saved the document in place, in the release folder.
    with zipfile.ZipFile(draft, "a") as package:
        package.writestr("word/uwaga.xml", "<uwaga/>")
    refused = cli(capsys, "verify", "v0.4", "--sections", s)
    assert refused.code == 1
    assert f"{draft.name}" in refused.err and "~$" not in refused.err


def test_lock_files_in_the_sections_are_not_archived(repo, capsys):
    s = repo / "sections"
    (s / ".~lock.goals.yaml#").write_text(",Ewa,pc,10.10.2021 10:00,;", encoding="utf-8")
    (s / "~$notatki.docx").write_bytes(b"\x03Ewa")
    result = cli(capsys, "release", "--sections", s, "--status", "consultation",
                 "--date", "2021-10-10", "--format", "md")
    assert result.code == 0, result.err
    archived = {p.name for p in (repo / "releases" / "v0.4" / "sections").iterdir()}
    assert not [n for n in archived if n.startswith(("~$", ".~lock"))]
