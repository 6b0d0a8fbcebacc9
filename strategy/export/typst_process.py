"""typst compiling in a short-lived process of its own, not in the build's interpreter.

typst keeps what it computed while compiling (its memoisation cache, the decoded
images) for the rest of its process's life: compiled in the build's interpreter, a
10x strategy's PDF left 1.2 GB behind, beside which pandoc then wrote the HTML page.
In a child that imports only typst (not a fork of the build, whose heap it would
share), all of it is given back when the child ends.

``compile_all(jobs)`` sends the jobs (keyword arguments of ``typst.compile_with_warnings``)
to one child, which compiles them ``workers`` at a time (each of several jobs in a
process forked for it) and sends back each output and its warnings, or the exception
typst raised: a ``TypstError`` keeps its message and its located diagnostic, so
``export/failure.py`` explains it as before.

``prepare()`` starts the child of the next ``compile_one`` ahead of its job: Python's
start and typst's import then happen while the build still converts the text, not
after. ``nice`` runs a child's jobs at a lower priority (the PNG twins, which nobody
waits for while the PDF compiles beside them).

No child outlives the build: ``stop()`` kills those still running (a failed build
does not wait for them), Ctrl-C ends a child at once (even in the middle of typst's
work), and on Linux the kernel kills it when the thread that started it (or the
whole build) dies.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from typing import Any

# The child: no module of the build, only typst (and pickle to talk). It is killed when
# the thread that started it dies (Linux); its result goes to the first stdout, while
# anything else printed there goes to stderr.
_CHILD = """\
import os, pickle, select, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)

def die_with_parent():
    if sys.platform == "linux":
        try:
            import ctypes
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

die_with_parent()
if os.getppid() != int(sys.argv[1]):
    sys.exit(3)  # the build died before this line: nobody to answer
if int(sys.argv[2]):
    os.nice(int(sys.argv[2]))  # work nobody waits for first: typst's PDF has the CPU
out = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
import typst  # meanwhile the build writes the jobs
jobs, workers = pickle.load(sys.stdin.buffer)

def run(job):
    try:
        output, notes = typst.compile_with_warnings(**job)
        return "ok", output, list(notes)
    except Exception as exc:
        try:
            return "error", pickle.loads(pickle.dumps(exc))
        except Exception:
            return "error", RuntimeError(f"{type(exc).__name__}: {exc}")

def start(job):
    # Each of several jobs in a process forked for it: typst keeps what it drew until
    # its process ends, so one process for them all would hold every job's memory.
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read)
            die_with_parent()
            data = pickle.dumps(run(job))
            with os.fdopen(write, "wb") as answer:
                answer.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return read, pid

if len(jobs) == 1 or not hasattr(os, "fork"):
    results = [run(job) for job in jobs]
else:
    results, todo, running = [None] * len(jobs), list(range(len(jobs))), {}
    while todo or running:
        while todo and len(running) < workers:
            index = todo.pop(0)
            read, pid = start(jobs[index])
            running[read] = index, pid, []
        for read in select.select(list(running), [], [])[0]:
            chunk = os.read(read, 1 << 20)
            if chunk:
                running[read][2].append(chunk)
                continue
            index, pid, chunks = running.pop(read)
            os.close(read)
            os.waitpid(pid, 0)
            results[index] = pickle.loads(b"".join(chunks)) if chunks else (
                "error", RuntimeError("typst's process for this job ended without an answer"))
pickle.dump(results, out)
out.close()
"""

_running: set[subprocess.Popen[bytes]] = set()
_prepared: list[subprocess.Popen[bytes]] = []  # started ahead of their job, not yet given one
_lock = threading.Lock()


class TypstProcessFailed(RuntimeError):
    """typst's process ended without an answer (killed, out of memory, stopped)."""


def _start(nice: int = 0) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-P", "-c", _CHILD, str(os.getpid()), str(nice)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    with _lock:
        _running.add(process)
    return process


def prepare() -> None:
    """Start the process of the next ``compile_one`` now, ahead of its job (from the
    thread that lives longest: the child dies with it); ``stop()`` ends it if no job
    comes."""
    process = _start()
    with _lock:
        _prepared.append(process)


def compile_all(jobs: Sequence[Mapping[str, Any]], workers: int = 1, nice: int = 0,
                prepared: bool = False) -> list[tuple[Any, list[Any]] | BaseException]:
    """For each job, in order: ``(output, warnings)`` as ``typst.compile_with_warnings``
    returns them, or the exception it raised; ``nice`` lowers the child's priority,
    ``prepared`` takes a child ``prepare()`` started, when there is one."""
    import typst  # noqa: F401 - the child's exceptions and warnings unpickle as typst's

    payload = pickle.dumps(([dict(job) for job in jobs], workers))
    with _lock:
        process = _prepared.pop(0) if prepared and _prepared and not nice else None
    if process is None:
        process = _start(nice)
    try:
        answer, errors = process.communicate(payload)
    finally:
        with _lock:
            _running.discard(process)
        if process.poll() is None:  # interrupted while it compiled
            process.kill()
            process.wait()
    try:
        results = pickle.loads(answer) if process.returncode == 0 else None
    except Exception:  # noqa: BLE001 - a truncated answer: said below
        results = None
    if results is None:
        reason = errors.decode("utf-8", errors="replace").strip()[-2000:]
        raise TypstProcessFailed(f"typst's process ended with code {process.returncode}"
                                 + (f": {reason}" if reason else ""))
    return [(r[1], r[2]) if r[0] == "ok" else r[1] for r in results]


def compile_one(**job: Any) -> tuple[Any, list[Any]]:
    """``typst.compile_with_warnings(**job)``, in a child: the same output, warnings
    and exceptions."""
    (result,) = compile_all([job], prepared=True)
    if isinstance(result, BaseException):
        raise result
    return result


def stop() -> None:
    """Kill every typst process this process started that still runs (its caller then
    reaps it and raises TypstProcessFailed; a prepared one no job came for is reaped
    here): a failed build does not wait for them."""
    with _lock:
        running = list(_running)
        unused = list(_prepared)
        _prepared.clear()
    for process in running:
        with contextlib.suppress(OSError):
            process.kill()
    for process in unused:  # no caller reaps these
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        with _lock:
            _running.discard(process)
