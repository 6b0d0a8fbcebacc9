"""The warm process (strategy/commands/warm.py): a check or readiness it answers says,
byte for byte, what the command says in a process of its own, with the same exit
code; it answers only while what it imported is current, and it ends when its socket
is gone. Each test starts its own warm process, in a cache folder of its own, and
sees it end."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from strategy.commands import warm

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (hasattr(os, "fork") and hasattr(__import__("socket"), "send_fds")),
    reason="the warm process needs fork and Unix sockets (not on Windows)")


@pytest.fixture
def warm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This test's cache folder, with the warm process on; afterwards its warm process,
    if any, is seen to end."""
    # A short folder: a Unix socket's path has ~100 bytes at most (pytest's are longer).
    cache = Path(tempfile.mkdtemp(prefix="warm-", dir="/tmp"))
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    monkeypatch.setenv("STRATEGY_WARM", "on")
    monkeypatch.delenv("CI", raising=False)  # a CI machine starts none (these tests run there)
    yield cache
    for socket_path in (cache / "warm").glob("*.sock"):
        socket_path.unlink(missing_ok=True)
    for lock in (cache / "warm").glob("*.sock.lock"):
        _wait_ended(str(lock)[:-len(".lock")])
    shutil.rmtree(cache, ignore_errors=True)


def _wait_ended(path: str, seconds: float = 20) -> None:
    """Until the warm process at ``path`` has ended (its lock is free)."""
    lock = path + ".lock"
    if not os.path.exists(lock):
        return
    deadline = time.monotonic() + seconds
    with open(lock, "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError:
                assert time.monotonic() < deadline, "the warm process did not end"
                time.sleep(0.1)


def _start_and_wait(argv: list[str], seconds: float = 60) -> str:
    """Start the warm process as a command run in its own process does, and wait until
    it answers."""
    warm.started_here(argv)
    path = warm.address()
    assert path is not None
    deadline = time.monotonic() + seconds
    while not os.path.exists(path):
        assert time.monotonic() < deadline, "the warm process did not start"
        time.sleep(0.05)
    return path


def _own_process(argv: list[str], cwd: Path, **more: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "STRATEGY_WARM": "off", **more}
    return subprocess.run([sys.executable, str(REPO / "build_strategy.py"), *argv], cwd=cwd,
                          env=env, capture_output=True, check=False)


def _sections_with_an_error(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "sections", project / "sections")
    shutil.copytree(REPO / "schema", project / "schema")
    intro = project / "sections" / "introduction.yaml"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text.replace("text: |", "text: []", 1), encoding="utf-8")
    return project


@pytest.mark.parametrize("command", ["check", "readiness"])
def test_an_answer_of_the_warm_process_is_the_command_s_own(
        command: str, warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    project = _sections_with_an_error(tmp_path)
    monkeypatch.chdir(project)
    argv = [command, "--sections", "sections"]
    alone = _own_process(argv, project)
    assert alone.returncode == 1 and alone.stdout  # the error is reported
    _start_and_wait(argv)
    capfd.readouterr()
    code = warm.forward(argv)
    out, err = capfd.readouterr()
    assert code == alone.returncode
    assert out.encode() == alone.stdout
    assert err.encode() == alone.stderr


def test_the_warm_process_answers_in_json_and_for_a_folder_without_problems(
        warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "sections", project / "sections")
    shutil.copytree(REPO / "schema", project / "schema")
    monkeypatch.chdir(project)
    argv = ["check", "--format", "json"]
    alone = _own_process(argv, project)
    _start_and_wait(argv)
    capfd.readouterr()
    assert warm.forward(argv) == alone.returncode == 0
    assert capfd.readouterr().out.encode() == alone.stdout


def test_a_usage_error_is_answered_as_argparse_answers_it(
        warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["check", "--format", "nonsense"]
    alone = _own_process(argv, tmp_path)
    _start_and_wait(["check"])
    capfd.readouterr()
    assert warm.forward(argv) == alone.returncode == 2
    assert capfd.readouterr().err.encode() == alone.stderr


def test_it_does_not_answer_once_what_it_imported_changed(
        warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A language folder of STRATEGY_LANGUAGE_DIRS stands for the tool's code: the warm
    # process compares both by their files' stamps.
    languages = tmp_path / "languages"
    languages.mkdir()
    monkeypatch.setenv("STRATEGY_LANGUAGE_DIRS", str(languages))
    project = _sections_with_an_error(tmp_path)
    monkeypatch.chdir(project)
    path = _start_and_wait(["check"])
    (languages / "notes.txt").write_text("changed", encoding="utf-8")
    assert warm.forward(["check"]) is None  # the command runs in its own process
    _wait_ended(path)  # and the outdated warm process ends


def test_it_ends_when_its_socket_is_gone(warm_env: Path) -> None:
    path = _start_and_wait(["check"])
    os.unlink(path)
    _wait_ended(path)


def test_other_commands_and_a_switched_off_warm_process_run_in_their_own_process(
        warm_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert warm.forward(["build"]) is None
    assert warm.forward([]) is None
    monkeypatch.setenv("STRATEGY_WARM", "off")
    assert warm.address() is None and warm.forward(["check"]) is None
    monkeypatch.setenv("STRATEGY_WARM", "on")
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert warm.address() is None  # no cache folder, no warm process


def test_without_a_warm_process_the_command_runs_in_its_own(warm_env: Path) -> None:
    assert warm.forward(["check"]) is None  # nobody listens yet


def test_a_build_it_runs_writes_the_bytes_a_build_of_its_own_writes(
        warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    from checking import copy_tiny

    sections = copy_tiny(tmp_path)
    monkeypatch.chdir(tmp_path)
    # Without the cache: the warm process's build must make every file, not find it kept.
    alone = _own_process(["build", "--out", "alone"], tmp_path, STRATEGY_CACHE="off")
    assert alone.returncode == 0, alone.stderr
    _start_and_wait(["build"])
    capfd.readouterr()
    assert warm.forward(["build", "--out", "warm", "--sections", str(sections)]) == 0
    # The stages it said (the writers', said from their threads, in either order).
    assert sorted(capfd.readouterr().err.encode().splitlines()) == sorted(
        alone.stderr.splitlines())
    made = sorted(p.name for p in (tmp_path / "warm").iterdir())
    assert made == sorted(p.name for p in (tmp_path / "alone").iterdir()) and made
    for name in made:
        assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()


def test_a_served_readiness_answers_first_and_then_keeps_what_a_later_run_reads(
        warm_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entries only a later run reads (each kind's plain data) are written after the
    answer, with the caller's output closed: a reader of it sees its end at the answer,
    and the cache ends up holding what a readiness of its own keeps."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "sections", project / "sections")
    shutil.copytree(REPO / "schema", project / "schema")
    monkeypatch.chdir(project)
    own_cache = tmp_path / "own-cache"
    alone = _own_process(["readiness"], project, STRATEGY_CACHE=str(own_cache))
    kept = sorted(p.name for p in (own_cache / "rules").iterdir())
    assert kept
    _start_and_wait(["check"])
    served = subprocess.run(
        [sys.executable, str(REPO / "build_strategy.py"), "readiness"], cwd=project,
        env={**os.environ}, capture_output=True, check=False)  # ends at its output's end
    assert (served.returncode, served.stdout) == (alone.returncode, alone.stdout)
    deadline = time.monotonic() + 30
    while sorted(p.name for p in (warm_env / "rules").iterdir()) != kept:
        assert time.monotonic() < deadline, "the served readiness did not keep its entries"
        time.sleep(0.1)
