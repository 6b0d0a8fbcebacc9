"""The cache of built outputs: a build from it gives every byte a build without it gives,
an unchanged rebuild validates nothing, a changed section reuses the charts, a new
tool or a damaged entry reads nothing old, and verify never trusts it."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from test_release_support import cli, edit, new_project

from strategy.export import cache as cache_module
from strategy.export.cache import Cache
from strategy.language.messages import CATALOG, render

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture(autouse=True)
def fresh_tool_digest():
    cache_module.tool_digest.cache_clear()
    yield
    cache_module.tool_digest.cache_clear()


def _stages(err: str) -> list[str]:
    """The stages a --verbose build says it took time on ("  validate: 0.12 s")."""
    return [line.split(":")[0].strip() for line in err.splitlines()
            if line.startswith("  ") and line.endswith(" s")]


def _not_progress(err: str) -> list[str]:
    """What a build said besides its progress: the problems."""
    said = {render(code, lang, {}) for code in CATALOG if code.startswith("progress.")
            and code != "progress.took" for lang in ("pl", "en")}
    return [line for line in err.splitlines() if line not in said]


def _build(capsys, monkeypatch, sections: Path, out: Path, cache: Path | str):
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    run = cli(capsys, "build", "--sections", sections, "--out", out, "--verbose")
    assert run.code == 0, run.err
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return files, _stages(run.err)


@pytest.fixture
def sections(tmp_path) -> Path:
    return new_project(tmp_path / "project") / "sections"


def test_a_build_from_the_cache_gives_every_byte_a_build_without_it_gives(
        capsys, monkeypatch, sections, tmp_path):
    without, _ = _build(capsys, monkeypatch, sections, tmp_path / "off", "off")
    cold, cold_stages = _build(capsys, monkeypatch, sections, tmp_path / "cold", tmp_path / "c")
    warm, warm_stages = _build(capsys, monkeypatch, sections, tmp_path / "warm", tmp_path / "c")
    assert sorted(without) == sorted(
        n for n in without if n.endswith((".docx", ".pdf", ".html", ".md")))
    assert len(without) == 4
    assert cold == without and warm == without
    assert "validate" in cold_stages and "charts" in cold_stages
    # Unchanged sections: neither validated nor composed again.
    assert warm_stages == ["cached"]


def test_an_unchanged_rebuild_prints_the_same_warnings(capsys, monkeypatch, sections, tmp_path):
    edit(sections / "investments" / "P1.yaml", "partners: [beta]", "partners: [alfa, beta]")
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "c"))
    first = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "a")
    second = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "b")
    warnings = _not_progress(first.err)
    assert first.code == second.code == 0 and "P1.yaml" in "".join(warnings)
    assert warnings == _not_progress(second.err)


def test_a_changed_word_builds_again_with_the_charts_from_the_cache(
        capsys, monkeypatch, sections, tmp_path):
    _build(capsys, monkeypatch, sections, tmp_path / "before", tmp_path / "c")
    edit(sections / "introduction.yaml", "dwóch gmin", "dwu gmin")
    changed, stages = _build(capsys, monkeypatch, sections, tmp_path / "after", tmp_path / "c")
    assert stages[:2] == ["validate", "compose"] and "charts" not in stages
    without, _ = _build(capsys, monkeypatch, sections, tmp_path / "off", "off")
    assert changed == without
    assert "dwu gmin" in changed[next(n for n in changed if n.endswith(".md"))].decode()


def test_a_new_version_of_the_tool_reads_nothing_an_older_one_kept(
        capsys, monkeypatch, sections, tmp_path):
    _build(capsys, monkeypatch, sections, tmp_path / "old", tmp_path / "c")
    monkeypatch.setattr(cache_module, "code_digest", lambda: "another version of the code")
    cache_module.tool_digest.cache_clear()
    _, stages = _build(capsys, monkeypatch, sections, tmp_path / "new", tmp_path / "c")
    assert "validate" in stages and "charts" in stages


def test_a_damaged_entry_is_made_again(capsys, monkeypatch, sections, tmp_path):
    without, _ = _build(capsys, monkeypatch, sections, tmp_path / "off", "off")
    _build(capsys, monkeypatch, sections, tmp_path / "first", tmp_path / "c")
    for entry in (tmp_path / "c").rglob("*"):
        if entry.is_file():
            data = bytearray(entry.read_bytes())
            data[-1] ^= 0xFF  # one flipped bit of the disk
            entry.write_bytes(bytes(data))
    again, stages = _build(capsys, monkeypatch, sections, tmp_path / "again", tmp_path / "c")
    assert again == without and "validate" in stages


def test_the_cache_lives_outside_the_project_and_off_means_nothing_is_kept(
        capsys, monkeypatch, sections, tmp_path):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("STRATEGY_CACHE")
    assert Cache.from_environment().root == home / "territorial-strategy-builder"
    before = {p for p in sections.rglob("*")}
    run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert any((home / "territorial-strategy-builder").rglob("*"))
    assert {p for p in sections.rglob("*")} == before  # nothing beside the sections
    assert len(list((tmp_path / "out").iterdir())) == 4  # nor in --out
    shutil.rmtree(home)
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert Cache.from_environment() is None
    assert cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out").code == 0
    assert not (home / "territorial-strategy-builder").exists()  # (matplotlib keeps its own)


def test_pruning_keeps_the_entries_used_last_within_the_limit(tmp_path):
    store = Cache(tmp_path, limit=2 * (32 + 100))
    for age, name in enumerate(("oldest", "middle", "newest")):
        store.put("outputs", name, bytes(100))
        os.utime(tmp_path / "outputs" / name, (1000 + age, 1000 + age))
    assert store.get("outputs", "oldest") == bytes(100)  # used now: kept
    store.prune()
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["newest", "oldest"]


def test_verify_makes_every_file_again_and_never_takes_one_from_the_cache(
        capsys, monkeypatch, tmp_path):
    root = new_project(tmp_path / "p")
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "c"))
    released = cli(capsys, "release", "--sections", root / "sections", "--status", "council")
    assert released.code == 0, released.err
    # A cache that lies: every entry replaced by other bytes with a matching digest.
    for entry in (tmp_path / "c" / "outputs").iterdir():
        lie = b"not the document"
        entry.write_bytes(hashlib.sha256(lie).digest() + lie)
    verified = cli(capsys, "verify", "v0.3", "--sections", root / "sections")
    assert verified.code == 0, verified.out + verified.err


def test_check_of_unchanged_sections_answers_from_the_cache_and_after_an_edit_checks_again(
        capsys, monkeypatch, sections, tmp_path):
    from strategy import pipeline

    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "c"))
    edit(sections / "investments" / "P1.yaml", "partners: [beta]", "partners: [alfa, beta]")
    first = cli(capsys, "check", "--sections", sections)

    def about_p1(out: str) -> list[str]:  # the rules' warning, not the editor's line
        return [line for line in out.splitlines() if "P1.yaml" in line and "$schema" not in line]

    assert first.code == 0 and about_p1(first.out)

    def not_again(folder):
        raise AssertionError("validated again")

    monkeypatch.setattr(pipeline, "load_and_validate", not_again)
    again = cli(capsys, "check", "--sections", sections)
    assert (again.code, again.out) == (first.code, first.out)
    monkeypatch.undo()
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "c"))
    edit(sections / "investments" / "P1.yaml", "partners: [alfa, beta]", "partners: [beta]")
    after = cli(capsys, "check", "--sections", sections)
    assert after.code == 0 and not about_p1(after.out)


def test_an_unchanged_rebuild_imports_neither_the_models_nor_the_drawing_modules(
        sections, tmp_path):
    import subprocess
    import sys

    script = ("import sys; from strategy.commands.cli import main; "
              f"code = main(['build', '--sections', {str(sections)!r}, '--out', "
              f"{str(tmp_path / 'out')!r}]); "
              "print(code, sorted(m for m in ('strategy.model', 'pydantic.main', "
              "'matplotlib', 'jinja2') if m in sys.modules))")
    env = {**os.environ, "STRATEGY_CACHE": str(tmp_path / "c")}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, check=True).stdout.split("\n")[-2] for _ in range(2)]
    assert runs[0].startswith("0 ") and "strategy.model" in runs[0]
    assert runs[1] == "0 []"
