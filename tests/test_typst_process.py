"""typst compiles in a short-lived process of its own (export/typst_process.py): what
it raises and warns comes back as typst's own, located; and no such process outlives
the one that started it, whether it is stopped, fails or is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import typst

from strategy.export import typst_process
from strategy.export.typst_process import TypstProcessFailed, compile_all, compile_one

REPO = Path(__file__).resolve().parent.parent
# typst busy for minutes: only stopping it ends it.
ENDLESS = b"#for i in range(1000000000) { }\n"
PNG = {"format": "png", "ppi": 10}

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def typst_children(pid: int) -> list[int]:
    """The typst processes ``pid`` started that still exist."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children = [int(p) for p in handle.read().split()]
        except OSError:
            continue
        for child in children:
            try:
                with open(f"/proc/{child}/cmdline", "rb") as handle:
                    if typst_process._CHILD.encode() in handle.read():
                        found.append(child)
            except OSError:
                pass
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def compiling(pid: int) -> bool:
    """Whether typst's process ``pid`` has its job and typst loaded (and so compiles)."""
    try:
        with open(f"/proc/{pid}/maps") as handle:
            return "_typst" in handle.read()
    except OSError:
        return False


def until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_typst_error_comes_back_as_typsts_own_with_the_line_it_stands_on() -> None:
    with pytest.raises(typst.TypstError) as raised:
        compile_one(input=b"= Chapter\n\n#let broken = \n", **PNG)
    assert raised.value.message == "expected expression"
    assert ".typ:3:" in raised.value.diagnostic  # export/failure.py reads the line from it


def test_typst_warnings_come_back_with_the_output() -> None:
    png, notes = compile_one(input=b'#text(font: "No Such Font")[x]', ignore_system_fonts=True,
                             **PNG)
    assert png.startswith(b"\x89PNG")
    assert [type(n) for n in notes] == [typst.TypstWarning]
    assert "no such font" in notes[0].message


def test_several_jobs_answer_in_their_order_each_with_its_own_result() -> None:
    results = compile_all([{"input": b"one", **PNG}, {"input": b"#let x = ", **PNG},
                           {"input": b"three", **PNG}], workers=2)
    assert isinstance(results[1], typst.TypstError)
    for result in (results[0], results[2]):
        assert not isinstance(result, BaseException)
        assert result[0].startswith(b"\x89PNG")
    assert results[0] != results[2]


def test_stop_ends_a_compile_under_way_and_leaves_no_process() -> None:
    outcome: list[BaseException] = []

    def compile_endlessly() -> None:
        try:
            compile_one(input=ENDLESS)
        except BaseException as exc:  # noqa: BLE001 - what the caller sees
            outcome.append(exc)

    thread = threading.Thread(target=compile_endlessly)
    thread.start()
    until(lambda: any(compiling(c) for c in typst_children(os.getpid())),
          "typst's process did not start compiling")
    typst_process.stop()
    thread.join(60)
    assert not thread.is_alive()
    assert outcome and isinstance(outcome[0], TypstProcessFailed)
    assert typst_children(os.getpid()) == []


def test_typst_dies_with_the_process_that_started_it() -> None:
    # A build killed outright (kill -9, the OOM killer) cannot stop typst itself.
    build = subprocess.Popen([sys.executable, "-c", (
        "import sys; from strategy.export.typst_process import compile_one;"
        f"compile_one(input={ENDLESS!r})")], cwd=REPO)
    try:
        until(lambda: typst_children(build.pid), "typst's process did not start")
        (child,) = typst_children(build.pid)
        until(lambda: compiling(child), "typst's process did not start compiling")
        build.send_signal(signal.SIGKILL)
        build.wait()
        until(lambda: not alive(child), "typst's process outlived the build")
    finally:
        build.kill()
        build.wait()


def test_a_prepared_process_compiles_the_next_job_and_ends_with_it() -> None:
    # The build starts typst's process while pandoc still writes the source.
    typst_process.prepare()
    until(lambda: typst_children(os.getpid()), "no process was prepared")
    (prepared,) = typst_children(os.getpid())
    until(lambda: compiling(prepared), "the prepared process did not load typst")
    png, _ = compile_one(input=b"prepared", **PNG)
    assert png.startswith(b"\x89PNG")
    assert not alive(prepared)
    assert typst_children(os.getpid()) == []


def test_stop_ends_a_prepared_process_no_job_came_for() -> None:
    # A build that fails before its PDF compiles leaves no typst process waiting.
    typst_process.prepare()
    until(lambda: typst_children(os.getpid()), "no process was prepared")
    (prepared,) = typst_children(os.getpid())
    typst_process.stop()
    assert not alive(prepared)
    assert typst_children(os.getpid()) == []
    png, _ = compile_one(input=b"after", **PNG)  # the next job starts a process of its own
    assert png.startswith(b"\x89PNG")
