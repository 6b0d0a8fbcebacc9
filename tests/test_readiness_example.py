"""The example partnership, completed with its consultation, passes readiness and yields
a submission package: released for consultation, then given its consultation, comments
and ex-ante evaluation (tests/fixtures/example_completion/), then released as final."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
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


def test_the_example_completed_with_its_consultation_has_every_element_but_is_not_final(
        example: Path):
    """With its consultation, comments and ex-ante evaluation the example has all 22
    elements the law requires, and its consultation passes the final gate (a released
    draft, dates in order, every comment answered); but its numbers and texts are
    illustrative, so a final version is refused, saying where (issue 11, item 6). A final
    strategy's package is made in tests/test_package.py."""
    releases = example.parent / "releases"
    code, _, err = run("release", "--sections", str(example), "--releases", str(releases),
                       "--status", "consultation", "--date", "2021-10-28",
                       "--note", "Projekt do konsultacji społecznych")
    assert code == 0, err
    shutil.copy(COMPLETION / "consultation.yaml", example)
    shutil.copy(COMPLETION / "evaluation.yaml", example)
    shutil.copytree(COMPLETION / "review", example / "review", dirs_exist_ok=True)

    code, out, err = run("readiness", "--sections", str(example))
    assert code == 1, out + err
    assert "Wszystkie 22 elementy wymagane prawem są w dokumencie." in out
    report = json.loads(run("readiness", "--sections", str(example), "--format", "json")[1])
    assert set(report["final"]["counts"]) == {
        "illustrative", "placeholder", "illustrative_text", "pending"}

    record = (example / "strategy.yaml").read_bytes()
    code, _, err = run("release", "--sections", str(example), "--releases", str(releases),
                       "--status", "final", "--date", "2021-12-20",
                       "--note", "Wersja ostateczna po konsultacjach")
    assert code == 1
    assert "Wersji ostatecznej nie wydano: " in err and "liczby ilustracyjne: 59" in err
    assert (example / "strategy.yaml").read_bytes() == record
    assert not (releases / "v1.0").exists()
