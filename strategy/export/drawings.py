"""Drawing a document's charts and maps beside the rest of the build.

Drawing is Python (matplotlib) and would hold the build's interpreter, so it happens
in a drawer process forked at the start of the build: while the build validates and
composes, the drawer imports the drawing modules; then it receives the drawings and,
when there are several, forks a second worker (matplotlib already imported), and each
draws whichever drawing is next while pandoc converts the text in its own process.
The drawer draws each drawing's output (``Drawing.vector``: the SVG the PDF and the
HTML page show); the build makes the PNG twins from them (``twins``: typst in a
process of its own, which keeps what it decoded and drew).

Where fork is not available the drawings are made in the build's own process.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import struct
import sys
import threading
import traceback
from pathlib import Path

from strategy.compose.document import Drawing

# The modules the drawings of a strategy come from: imported by the drawer while the
# text is composed. A name that cannot be imported is skipped.
WARM_UP = ("strategy.compose.charts", "strategy.compose.mapdraw")
WORKERS = 2  # the machines the working groups use have two cores or more
_INDEX = struct.Struct("<i")


class DrawingFailed(RuntimeError):
    """A drawing raised: ``drawing`` is the one, ``error`` what it raised."""

    def __init__(self, drawing: Drawing, error: BaseException, details: str) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.drawing, self.error, self.details = drawing, error, details


def twins(drawings: list[Drawing], workers: int = WORKERS) -> None:
    """The PNG twins of ``drawings`` whose SVGs are drawn (``Drawing.twin``), made by
    typst in one short-lived process, ``workers`` at a time: typst keeps what it
    decoded and drew for the life of its process, which is not the build's. The first
    that fails, in the document's order, raises DrawingFailed."""
    from strategy.compose.document import TWIN_PPI, raster_twin
    from strategy.compose.svgraster import twin_job, write_twin
    from strategy.export.typst_process import compile_all

    vectors = [(d, d.output) for d in drawings if d.output is not None
               and d.output.suffix == ".svg"]
    jobs = [twin_job(svg, TWIN_PPI) for _, svg in vectors]
    results = compile_all(jobs, workers) if jobs else []
    for (drawing, svg), result in zip(vectors, results, strict=True):
        if isinstance(result, BaseException):
            raise DrawingFailed(drawing, result, f"{type(result).__name__}: {result}")
        write_twin(result[0], raster_twin(svg), TWIN_PPI)


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Drawer:
    """``start()`` forks the drawer (call it before the build starts a thread: a fork
    copies only the thread that forks); ``draw(drawings, work)`` hands them over;
    ``wait()`` returns when their outputs are on disk (not the twins) or raises
    DrawingFailed for the first that failed; ``close()`` stops the drawer whatever it
    is doing."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self._pid: int | None = None
        self._tasks = self._results = -1
        self._drawings: list[Drawing] = []
        self._work: Path | None = None
        self._lock = threading.Lock()
        self._waiting = False
        self._forked = False

    def start(self) -> Drawer:
        if sys.platform != "linux" or not hasattr(os, "fork"):
            return self
        task_read, self._tasks = os.pipe()
        self._results, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the drawer
            code = 1
            try:
                os.close(self._tasks)
                os.close(self._results)
                code = _serve(task_read, result_write, self.workers)
            finally:
                os._exit(code)
        os.close(task_read)
        os.close(result_write)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # as the drawer does: whichever runs first
        self._pid, self._forked = pid, True
        return self

    def draw(self, drawings: list[Drawing], work: Path) -> None:
        """Hand ``drawings`` over; ``work`` is a folder for what a failing one raised."""
        self._drawings, self._work = list(drawings), work
        if not self._forked:
            return
        if not self._drawings:
            self.close()  # nothing to draw: no need to wait for its warm-up
            return
        data = pickle.dumps((self._drawings, str(work)))
        _write_all(self._tasks, _INDEX.pack(len(data)) + data)
        os.close(self._tasks)
        self._tasks = -1

    def wait(self) -> None:
        if not self._forked:
            for drawing in self._drawings:
                try:
                    drawing.vector()
                except Exception as exc:  # noqa: BLE001 - named with its drawing
                    raise DrawingFailed(drawing, exc, traceback.format_exc()) from exc
            return
        done: set[int] = set()
        failed: list[int] = []
        with self._lock:
            if self._results < 0:
                raise RuntimeError("the drawer was stopped")
            self._waiting = True
        try:
            while len(done) < len(self._drawings):
                data = _read_exactly(self._results, _INDEX.size)
                if len(data) < _INDEX.size:
                    break
                index = _INDEX.unpack(data)[0]
                done.add(index)
                if (Path(self._work or ".") / f"drawing-{index}.error").exists():
                    failed.append(index)
        finally:
            self._waiting = False
            self.close()
        if failed:
            # The first failing drawing in the document's order, whichever of the
            # workers finished first: the same error on every run.
            index = min(failed)
            error, details = pickle.loads(
                (Path(self._work or ".") / f"drawing-{index}.error").read_bytes())
            raise DrawingFailed(self._drawings[index], error, details)
        missing = [d for i, d in enumerate(self._drawings) if i not in done]
        if missing:
            error = RuntimeError("the drawing process ended before drawing it")
            raise DrawingFailed(missing[0], error, str(error))

    def close(self) -> None:
        """Stop the drawer and its worker, whatever they are doing; a wait() under way
        then returns (what it raises no longer matters)."""
        with self._lock:
            if self._pid is not None:
                with contextlib.suppress(OSError):
                    os.killpg(self._pid, 9)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self._pid, 0)
                self._pid = None
            if self._tasks >= 0:
                os.close(self._tasks)
                self._tasks = -1
            if self._results >= 0 and not self._waiting:  # a wait() closes it itself
                os.close(self._results)
                self._results = -1


def _serve(tasks: int, results: int, workers: int) -> int:
    """The drawer: warm up, receive the drawings, draw them with ``workers`` processes."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # its own group, so that closing it stops the second worker too
    _die_with_build()
    for name in WARM_UP:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    header = _read_exactly(tasks, _INDEX.size)
    if len(header) < _INDEX.size:
        return 0  # the build needed no drawing
    drawings, work = pickle.loads(_read_exactly(tasks, _INDEX.unpack(header)[0]))
    os.close(tasks)
    # The indices to draw, as a queue both workers read from: reads of four bytes from
    # a pipe are atomic, so each index goes to exactly one of them.
    queue_read, queue_write = os.pipe()
    _write_all(queue_write, b"".join(_INDEX.pack(i) for i in range(len(drawings))))
    os.close(queue_write)
    helper = os.fork() if workers > 1 and len(drawings) > 1 else -1
    if helper == 0:
        _die_with_build()
        try:
            _work_through(drawings, work, queue_read, results)
        finally:
            os._exit(0)
    _work_through(drawings, work, queue_read, results)
    if helper > 0:
        os.waitpid(helper, 0)
    return 0


def _die_with_build() -> None:
    """Killed by the kernel when the process that forked this one dies (Linux): a build
    killed outright leaves no drawer drawing on."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


def _work_through(drawings: list[Drawing], work: str, queue: int, results: int) -> None:
    while len(data := _read_exactly(queue, _INDEX.size)) == _INDEX.size:
        index = _INDEX.unpack(data)[0]
        try:
            drawings[index].vector()
        except Exception as exc:  # noqa: BLE001 - reported to the build, which names it
            details = traceback.format_exc()
            try:
                payload = pickle.dumps((exc, details))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                payload = pickle.dumps((RuntimeError(f"{type(exc).__name__}: {exc}"), details))
            Path(work, f"drawing-{index}.error").write_bytes(payload)
        _write_all(results, data)
