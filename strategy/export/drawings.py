"""Drawing a document's charts and maps beside the rest of the build.

Drawing is Python (matplotlib) and would hold the build's interpreter, so it happens
in a drawer process forked at the start of the build: while the build validates, the
drawer imports the drawing modules and forks a second worker (matplotlib already
imported). Each drawing is handed over as soon as compose makes it, so the charts are
drawn while the rest of the text is composed, the maps while pandoc converts it.
Each worker draws whichever drawing is next: first its output (``Drawing.vector``:
the SVG the PDF and the HTML page show), then, once the build has them all and wants
them, the PNG twins of those SVGs (``Drawing.twin``: typst in a process forked for
it, which keeps what it decoded and drew until it ends).

Where fork is not available the drawings are made in the build's own process (the
twins by ``twins``).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import shutil
import struct
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from strategy.compose.document import Drawing

# The modules the drawings of a strategy come from: imported by the drawer while the
# text is composed. A name that cannot be imported is skipped.
WARM_UP = ("strategy.compose.charts", "strategy.compose.mapdraw")


def _cores() -> int:
    with contextlib.suppress(AttributeError, OSError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# The drawer's workers: one per core the rest of the build leaves free, at most two.
# On two cores one draws while the build's own way to the PDF (composing, then pandoc
# and typst) has the other; a second worker would only take turns with it.
WORKERS = max(1, min(2, _cores() - 1))
_INDEX = struct.Struct("<i")


class DrawingFailed(RuntimeError):
    """A drawing raised: ``drawing`` is the one, ``error`` what it raised."""

    def __init__(self, drawing: Drawing, error: BaseException, details: str) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.drawing, self.error, self.details = drawing, error, details


def twins(drawings: list[Drawing], workers: int = 2) -> None:
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
    copies only the thread that forks); ``draw(drawing)`` hands one over, drawn as soon
    as a worker is free; ``finish(twins)`` says there are no more, and whether their PNG
    twins are wanted; ``wait()`` returns when every output is on disk, ``wait_twins()``
    when every twin is (each raises DrawingFailed for the first drawing, in the
    document's order, that failed); ``close()`` stops the drawer whatever it is doing.

    The queue the workers read holds drawings' indices (a twin's as ``-1 - index``),
    each drawing kept in the drawer's folder; the results the build reads are the same
    indices, each once its work is done (what a failing one raised kept beside it)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or WORKERS
        self._pid: int | None = None
        self._queue = self._results = -1
        self._folder: Path | None = None
        self._drawings: list[Drawing] = []
        self._twins: list[int] | None = None  # the indices whose twin is wanted
        self._done: set[int] = set()  # the results read so far
        self._sent_twins: set[int] = set()
        self._lock = threading.Lock()
        self._waiting = False
        self._forked = False

    def start(self) -> Drawer:
        if sys.platform != "linux" or not hasattr(os, "fork"):
            return self
        folder = Path(tempfile.mkdtemp(prefix="strategy-drawer-"))
        queue_read, queue_write = os.pipe()
        results_read, results_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the drawer
            code = 1
            try:
                os.close(queue_write)
                os.close(results_read)
                code = _serve(queue_read, results_write, folder, self.workers)
            finally:
                os._exit(code)
        os.close(queue_read)
        os.close(results_write)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # as the drawer does: whichever runs first
        self._pid, self._forked, self._folder = pid, True, folder
        self._queue, self._results = queue_write, results_read
        return self

    def draw(self, drawing: Drawing) -> None:
        """Hand ``drawing`` over: drawn as soon as a worker is free."""
        index = len(self._drawings)
        self._drawings.append(drawing)
        if self._forked and self._folder is not None:
            (self._folder / f"drawing-{index}").write_bytes(pickle.dumps(drawing))
            self._send(index)

    def finish(self, twins: bool = True) -> None:
        """No more drawings; with ``twins``, the PNG twins of their SVGs are made too,
        each once its SVG is drawn (``wait_twins``)."""
        self._twins = [i for i, d in enumerate(self._drawings)
                       if d.output is not None and d.output.suffix == ".svg"] if twins else []
        if self._forked and not self._drawings:
            self.close()  # nothing to draw: no need to wait for its warm-up

    def wait(self) -> None:
        """Every drawing's output is on disk (not its twin)."""
        if not self._drawings:
            return
        if not self._forked:
            for drawing in self._drawings:
                try:
                    drawing.vector()
                except Exception as exc:  # noqa: BLE001 - named with its drawing
                    raise DrawingFailed(drawing, exc, traceback.format_exc()) from exc
            return
        wanted = set(range(len(self._drawings)))
        try:
            self._read_until(wanted)
            self._raise_failed(wanted, "vector")
        except BaseException:
            self.close()
            raise
        if not self._twins:
            self.close()

    def wait_twins(self) -> None:
        """Every twin ``finish`` asked for is on disk; call it after ``wait()``."""
        if not self._forked:
            twins([self._drawings[i] for i in self._twins or []])
            return
        if not self._twins:
            return
        wanted = {-1 - i for i in self._twins or []}
        try:
            self._read_until(wanted)
            self._raise_failed(wanted, "twin")
        finally:
            self.close()

    def _send(self, task: int) -> None:
        with self._lock:
            if self._queue >= 0:
                try:
                    _write_all(self._queue, _INDEX.pack(task))
                except OSError:  # the drawer ended: wait() names what it did not draw
                    os.close(self._queue)
                    self._queue = -1

    def _read_until(self, wanted: set[int]) -> None:
        """Read results until every index of ``wanted`` is done (or the drawer ended):
        each drawn SVG whose twin is wanted goes back on the queue as a twin's task, and
        once all of them are, the queue is closed, so the workers end when done."""
        with self._lock:
            if self._results < 0:
                raise RuntimeError("the drawer was stopped")
            self._waiting = True
        try:
            self._queue_twins()
            while not wanted <= self._done:
                data = _read_exactly(self._results, _INDEX.size)
                if len(data) < _INDEX.size:
                    break
                self._done.add(_INDEX.unpack(data)[0])
                self._queue_twins()
        finally:
            self._waiting = False

    def _queue_twins(self) -> None:
        if self._twins is None:
            return  # not finished: more drawings may come
        for index in self._twins:
            if index in self._done and -1 - index not in self._sent_twins:
                self._sent_twins.add(-1 - index)
                if not self._failed(index, "vector"):
                    self._send(-1 - index)
                else:
                    self._done.add(-1 - index)  # no twin of a failed SVG: said by wait()
        if all(i in self._done for i in range(len(self._drawings))):
            with self._lock:
                if self._queue >= 0:
                    os.close(self._queue)
                    self._queue = -1

    def _failed(self, index: int, kind: str) -> bool:
        return self._folder is not None and (
            self._folder / f"{kind}-{index}.error").exists()

    def _raise_failed(self, wanted: set[int], kind: str) -> None:
        # The first failing drawing in the document's order, whichever of the workers
        # finished first: the same error on every run.
        indices = sorted(i if i >= 0 else -1 - i for i in wanted)
        for index in indices:
            task = index if kind == "vector" else -1 - index
            if task not in self._done:
                error = RuntimeError("the drawing process ended before drawing it")
                raise DrawingFailed(self._drawings[index], error, str(error))
            if self._failed(index, kind):
                assert self._folder is not None
                error, details = pickle.loads(
                    (self._folder / f"{kind}-{index}.error").read_bytes())
                raise DrawingFailed(self._drawings[index], error, details)

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
            if self._queue >= 0:
                os.close(self._queue)
                self._queue = -1
            if self._results >= 0 and not self._waiting:  # a wait() closes it itself
                os.close(self._results)
                self._results = -1
            if self._folder is not None and not self._waiting:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None


def _serve(queue: int, results: int, folder: Path, workers: int) -> int:
    """The drawer: warm up, fork the second worker, and draw what comes in the queue."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # its own group, so that closing it stops the second worker too
    _die_with_build()
    _warm_up()
    helper = os.fork() if workers > 1 else -1
    if helper == 0:
        _die_with_build()
        try:
            _work_through(queue, results, folder)
        finally:
            os._exit(0)
    _work_through(queue, results, folder)
    if helper > 0:
        os.waitpid(helper, 0)
    return 0


def _warm_up() -> None:
    """Import the drawing modules. matplotlib writes, for each class of artist it
    defines, a signature and a docstring of its ``set()`` listing every property (a
    quarter of importing it); a drawer never reads them, so they are left out (here
    only: this process draws and ends)."""
    with contextlib.suppress(Exception):
        from matplotlib import artist

        def _signature_only(cls: type) -> None:
            cls.set._autogenerated_signature = True  # type: ignore[attr-defined]

        artist.Artist._update_set_signature_and_docstring = classmethod(  # type: ignore[method-assign,assignment]
            _signature_only)
    for name in WARM_UP:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _die_with_build() -> None:
    """Killed by the kernel when the process that forked this one dies (Linux): a build
    killed outright leaves no drawer drawing on."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


def _work_through(queue: int, results: int, folder: Path) -> None:
    """Take tasks from the queue until it is closed: reads of four bytes from a pipe
    are atomic, so each task goes to exactly one worker."""
    while len(data := _read_exactly(queue, _INDEX.size)) == _INDEX.size:
        task = _INDEX.unpack(data)[0]
        index = task if task >= 0 else -1 - task
        kind = "vector" if task >= 0 else "twin"
        try:
            drawing = pickle.loads((folder / f"drawing-{index}").read_bytes())
            if task >= 0:
                drawing.vector()
            else:
                _twin(drawing)
        except Exception as exc:  # noqa: BLE001 - reported to the build, which names it
            _keep_error(folder / f"{kind}-{index}.error", exc, traceback.format_exc())
        _write_all(results, data)


def _twin(drawing: Drawing) -> None:
    """``drawing.twin()`` in a process forked for it: typst keeps what it decoded and
    drew until its process ends."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read)
            _die_with_build()
            try:
                drawing.twin()
                answer = b""
            except Exception as exc:  # noqa: BLE001 - raised again by the worker
                answer = _pickled(exc, traceback.format_exc())
            _write_all(write, answer)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    answer = b""
    while chunk := os.read(read, 1 << 16):
        answer += chunk
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if answer:
        error, details = pickle.loads(answer)
        raise _Raised(error, details)
    if status != 0:
        raise RuntimeError("typst's process for the twin ended without an answer")


class _Raised(Exception):
    """What the twin's process raised, with its traceback there."""

    def __init__(self, error: BaseException, details: str) -> None:
        super().__init__(str(error))
        self.error, self.details = error, details


def _pickled(exc: BaseException, details: str) -> bytes:
    try:
        return pickle.dumps((exc, details))
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return pickle.dumps((RuntimeError(f"{type(exc).__name__}: {exc}"), details))


def _keep_error(path: Path, exc: BaseException, details: str) -> None:
    if isinstance(exc, _Raised):
        exc, details = exc.error, exc.details
    path.write_bytes(_pickled(exc, details))
