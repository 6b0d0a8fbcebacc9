"""A build is all or nothing: when any writer fails, --out holds exactly what it held
before; and a failure names the section file and value behind it, or the step."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from test_release_support import cli, new_project, snapshot

from strategy import pipeline
from strategy.export.pandoc import PandocOutput

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("md", "docx", "pdf", "html")
WRITER_MODULES = {"md": "strategy.export.markdown", "docx": "strategy.export.docx.export",
                  "pdf": "strategy.export.pdf.export", "html": "strategy.export.html.export"}


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """An --out folder holding an earlier build and a file of the user's own."""
    out = tmp_path_factory.mktemp("previous")
    sections = new_project(tmp_path_factory.mktemp("p")) / "sections"
    assert pipeline.build(sections, out, set(FORMATS), pipeline.Progress(quiet=True))[0]
    (out / "notatki.txt").write_text("moje notatki", encoding="utf-8")
    return out


@pytest.fixture
def sections(tmp_path) -> Path:
    return new_project(tmp_path / "project") / "sections"


@pytest.mark.parametrize("failing", FORMATS)
def test_when_one_writer_fails_out_holds_exactly_what_it_held(
        failing, previous, sections, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = snapshot(out)

    def broken(doc, converted):
        raise RuntimeError(f"the {failing} writer broke")

    monkeypatch.setattr(__import__(WRITER_MODULES[failing], fromlist=["finish"]), "finish",
                        broken)
    run = cli(capsys, "build", "--sections", sections, "--out", out)
    assert run.code == 1
    assert snapshot(out) == before  # not one file added, changed or left half-written
    assert f"the {failing} writer broke" in run.err and "Traceback" not in run.err


def test_a_failed_first_build_leaves_no_out_folder(sections, tmp_path, monkeypatch, capsys):
    def broken(doc, converted):
        raise RuntimeError("typst ran out of paper")

    monkeypatch.setattr(__import__(WRITER_MODULES["pdf"], fromlist=["finish"]), "finish", broken)
    assert cli(capsys, "build", "--sections", sections, "--out", tmp_path / "new").code == 1
    assert not (tmp_path / "new").exists()


def test_a_rename_failing_midway_puts_the_earlier_files_back(
        previous, sections, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = snapshot(out)
    real_replace, calls = pipeline.os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(pipeline.os, "replace", replace)
    run = cli(capsys, "build", "--sections", sections, "--out", out)
    assert run.code == 1 and "Traceback" not in run.err
    assert snapshot(out) == before


def _undecodable_png() -> bytes:
    """A PNG whose header is right (its size can be read) but whose pixels cannot be."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", b"no deflate stream here") + chunk(b"IEND", b""))


def test_a_figure_typst_cannot_read_is_named_by_its_section_file_and_field(
        sections, tmp_path, capsys):
    (sections / "rysunki").mkdir()
    (sections / "rysunki" / "schemat.png").write_bytes(_undecodable_png())
    intro = sections / "introduction.yaml"
    intro.write_text(intro.read_text(encoding="utf-8") + (
        "figures:\n  - file: rysunki/schemat.png\n    caption: Schemat obszaru\n"
        "    alt: Schemat obszaru partnerstwa\n    source: opracowanie własne\n"),
        encoding="utf-8")
    line = intro.read_text(encoding="utf-8").splitlines().index(
        "  - file: rysunki/schemat.png") + 1
    run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out",
              "--lang", "en")
    assert run.code == 1 and "Traceback" not in run.err
    assert f"introduction.yaml:{line}:" in run.err
    assert "figures[0].file" in run.err and "rysunki/schemat.png" in run.err
    assert "PDF" in run.err and not (tmp_path / "out").exists()


def test_a_map_that_cannot_be_drawn_is_named_by_its_section_file_and_field(
        tmp_path, monkeypatch, capsys):
    sections = tmp_path / "sections"
    shutil.copytree(REPO / "sections", sections)
    from strategy.compose import mapdraw

    def broken(*args, **kwargs):
        raise ValueError("a ring of the polygon crosses itself")

    monkeypatch.setattr(mapdraw, "draw", broken)  # the drawer is forked from this process
    run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out",
              "--format", "pdf", "--lang", "en")
    assert run.code == 1 and "Traceback" not in run.err
    lines = (sections / "spatial.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "file: maps/model.geojson" in text)
    assert f"spatial.yaml:{line}:" in run.err
    assert "maps[0].file" in run.err and "a ring of the polygon crosses itself" in run.err


def test_a_pandoc_failure_says_which_step_failed(sections, tmp_path, monkeypatch, capsys):
    failing = tmp_path / "failing.lua"
    failing.write_text('error("this filter cannot go on")\n', encoding="utf-8")
    pdf = __import__(WRITER_MODULES["pdf"], fromlist=["pandoc_output"])
    monkeypatch.setattr(pdf, "pandoc_output", lambda doc: PandocOutput("typst", failing))
    run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out",
              "--lang", "en")
    assert run.code == 1 and "Traceback" not in run.err
    assert "pandoc could not write the typst (PDF) format" in run.err
    assert "this filter cannot go on" in run.err


def test_a_pandoc_failure_of_the_html_page_says_so_and_writes_nothing(
        previous, sections, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = snapshot(out)
    failing = tmp_path / "failing.lua"
    failing.write_text('error("no page today")\n', encoding="utf-8")
    html = __import__(WRITER_MODULES["html"], fromlist=["pandoc_output"])
    monkeypatch.setattr(html, "pandoc_output", lambda doc: PandocOutput("json", failing))
    run = cli(capsys, "build", "--sections", sections, "--out", out, "--lang", "en")
    assert run.code == 1 and "Traceback" not in run.err
    assert "pandoc could not write the HTML format" in run.err and "no page today" in run.err
    assert snapshot(out) == before


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="reads /proc")
def test_a_writer_failing_while_typst_compiles_stops_typst_and_leaves_no_process(
        sections, tmp_path, monkeypatch, capsys):
    import os

    from test_typst_process import ENDLESS, compiling, typst_children, until

    pdf = __import__(WRITER_MODULES["pdf"], fromlist=["typst_source"])
    docx = __import__(WRITER_MODULES["docx"], fromlist=["finish"])
    monkeypatch.setattr(pdf, "typst_source", lambda doc, body=None: ENDLESS.decode())

    def broken(doc, converted):
        until(lambda: any(compiling(c) for c in typst_children(os.getpid())),
              "typst's process did not start compiling")
        raise RuntimeError("the docx writer broke")

    monkeypatch.setattr(docx, "finish", broken)
    run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out")
    assert run.code == 1 and "the docx writer broke" in run.err and "Traceback" not in run.err
    assert typst_children(os.getpid()) == []  # stopped, not left compiling for minutes
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(__import__("sys").platform != "linux", reason="reads /proc")
def test_a_build_interrupted_while_typst_compiles_leaves_no_process_and_no_out(
        sections, tmp_path):
    import signal
    import subprocess
    import sys

    from test_typst_process import ENDLESS, compiling, typst_children, until

    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-c", (
        "import sys; from strategy.export.pdf import export;"
        f"export.typst_source = lambda doc, body=None: {ENDLESS.decode()!r};"
        "from strategy.commands.cli import main;"
        f"sys.exit(main(['build', '--sections', {str(sections)!r}, '--out', {str(out)!r}]))")],
        cwd=REPO, env={**__import__("os").environ, "STRATEGY_CACHE": "off"},
        stderr=subprocess.PIPE)
    try:
        until(lambda: any(compiling(c) for c in typst_children(build.pid)),
              "typst's process did not start compiling")
        children = typst_children(build.pid)
        build.send_signal(signal.SIGINT)  # Ctrl-C, said to the build alone
        _, errors = build.communicate(timeout=120)
        # The shell's code for Ctrl-C and one line saying so, not a traceback.
        assert build.returncode == 130
        assert "Traceback" not in errors.decode()
        assert "Przerwano na życzenie użytkownika (Ctrl-C)." in errors.decode()
        # Killed and reaped, not left compiling.
        assert not [c for c in children if Path(f"/proc/{c}").exists()]
        assert not out.exists()
    finally:
        build.kill()
        build.wait()
