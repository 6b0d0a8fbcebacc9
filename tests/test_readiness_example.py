"""The example partnership, completed with its consultation, passes readiness and yields
a submission package: released for consultation, then given its consultation, comments
and ex-ante evaluation (tests/fixtures/example_completion/), then released as final."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from strategy.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "sections"
COMPLETION = Path(__file__).parent / "fixtures" / "example_completion"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _statuses(sections: Path) -> dict[str, str]:
    _, out, _ = run("readiness", "--sections", str(sections), "--format", "json")
    return {e["id"]: e["status"] for e in json.loads(out)["elements"]}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (EXAMPLE / "strategy.yaml").is_file():
        pytest.skip("the example sections are not there")
    root = tmp_path_factory.mktemp("example")
    sections = root / "sections"
    shutil.copytree(EXAMPLE, sections)
    return sections


def test_the_example_as_shipped_lacks_only_what_comes_after_its_draft(example: Path):
    """Version 0.3 is the council's draft: consultation and ex-ante evaluation are ahead."""
    missing = {k for k, v in _statuses(example).items() if v != "present"}
    assert missing == {"ex_ante", "consultation", "consultation_report"}


def test_the_example_completed_with_its_consultation_is_ready_and_packaged(example: Path):
    releases = example.parent / "releases"
    code, _, err = run("release", "--sections", str(example), "--releases", str(releases),
                       "--status", "consultation", "--date", "2021-10-28",
                       "--note", "Projekt do konsultacji społecznych")
    assert code == 0, err
    shutil.copy(COMPLETION / "consultation.yaml", example)
    shutil.copy(COMPLETION / "evaluation.yaml", example)
    shutil.copytree(COMPLETION / "review", example / "review", dirs_exist_ok=True)

    code, out, err = run("readiness", "--sections", str(example))
    assert code == 0, out + err
    assert "Wszystkie 22 elementy wymagane prawem są w dokumencie." in out

    code, _, err = run("release", "--sections", str(example), "--releases", str(releases),
                       "--status", "final", "--date", "2021-12-20",
                       "--note", "Wersja ostateczna po konsultacjach")
    assert code == 0, err
    code, out, err = run("package", "--sections", str(example), "--releases", str(releases),
                         "--out", str(example.parent / "out"))
    assert code == 0, err
    archive = zipfile.ZipFile(out.strip())
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["source"] == "release v1.0" and manifest["status"] == "final"
    assert {f["role"] for f in manifest["files"]} == {
        "strategy-pdf", "strategy-docx", "readiness-report", "readiness-data",
        "consultation-report"}
    readiness = json.loads(archive.read("raport-gotowosci.json"))
    assert readiness["ready"] is True
