"""A warm process for the commands an officer runs after every edit: ``check``,
``readiness`` and ``build``.

Most of a check after an edit is Python importing pydantic and building the models'
validators, the same work each time; a build after an edit starts with the same and
with importing the templates' and writers' modules. The first such command runs as before and then
starts, in the background, a process that has done that work once (``serve``); the
next ones hand it their command line, folder, environment and terminal (the file
descriptors of stdin, stdout and stderr, over a Unix socket), and it forks a copy of
itself that runs the command exactly as a fresh process would: the same code, the same
cache on disk, its output written straight into the caller's stdout and stderr, its
exit code handed back. Nothing of one command is left for the next: each runs in a
fork of the process as it was when warmed, which has run no command.

It serves only the user who started it (its socket is in the user's cache folder), only
callers of the same Python, tool folder and environment (the socket's name is made from
them), and only while the tool's code, its installed packages and the language folders
it read are what they were when it started: otherwise it ends, and the command runs
in its own process as before. It ends after ten minutes without a command, or when its
socket is gone. ``STRATEGY_WARM=off`` (or the cache switched off, or a system without
``fork`` and Unix sockets, such as Windows) runs every command in its own process; on a
CI machine (``CI`` set) none is started.

This module imports only the standard library until a command is served: the caller's
side costs a few milliseconds.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from typing import Any

SERVED = ("check", "readiness", "build")
IDLE_SECONDS = 600
_TOOL = Path(__file__).resolve().parent.parent.parent  # the folder holding strategy/
# The shell's, not the command's: left out of the key (the fork gets them all).
_VOLATILE = ("PWD", "OLDPWD", "_", "SHLVL", "COLUMNS", "LINES")
_LENGTH = struct.Struct(">I")


def _supported() -> bool:
    return (os.environ.get("STRATEGY_WARM", "").strip().lower() not in ("off", "0", "no", "false")
            and hasattr(os, "fork") and hasattr(socket, "AF_UNIX")
            and hasattr(socket, "send_fds"))


def address() -> str | None:
    """The socket of the warm process for this caller: in the cache folder, named by
    the Python, the tool folder, the interpreter's flags and the environment; None when
    there is to be none."""
    if not _supported():
        return None
    from strategy.language.kept import cache_root

    root = cache_root()
    if root is None:
        return None
    env = sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE)
    key = hashlib.sha256(json.dumps([sys.executable, sys.version, str(_TOOL), repr(sys.flags),
                                     env]).encode("utf-8", "surrogateescape")).hexdigest()
    path = os.path.join(root, "warm", key[:24] + ".sock")
    return path if len(path.encode()) < 100 else None  # a Unix socket's path is short


# --- the caller's side ------------------------------------------------------------------

def served(argv: list[str]) -> bool:
    """Whether ``argv`` is a command the warm process runs: one of SERVED, or no command
    (the command line's ``build``)."""
    return not argv or argv[0] in SERVED or argv[0].startswith("-") and argv[0] not in (
        "-h", "--help")


def forward(argv: list[str]) -> int | None:
    """Run ``argv`` in the warm process when it is served and a warm process answers:
    its exit code. None when the command is to run here (``started_here`` afterwards
    starts a warm process for the next one)."""
    if not served(argv):
        return None
    path = address()
    if path is None:
        return None
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
    except OSError:
        return None
    with connection:
        mask = os.umask(0)
        os.umask(mask)
        request = json.dumps({
            "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": mask,
            "streams": [[s.encoding, s.errors, s.line_buffering]
                        for s in (sys.stdout, sys.stderr)]}).encode("utf-8", "surrogateescape")
        try:
            socket.send_fds(connection, [_LENGTH.pack(len(request)) + request], [0, 1, 2])
            answer = _read(connection, 1 + _LENGTH.size)
        except OSError:
            return None
        except KeyboardInterrupt:
            return 130  # before the command started: the fork, told by the closed socket, ends
        if len(answer) < 1 + _LENGTH.size or answer[:1] != b"P":
            return None  # refused (its code changed) or gone: run here
        worker = _LENGTH.unpack(answer[1:])[0]
        interrupted = 0
        while True:
            try:
                end = _read(connection, 1 + _LENGTH.size)
                break
            except KeyboardInterrupt:
                # Ctrl-C is the command's to handle, as in a process of its own;
                # a second one ends it at once.
                interrupted += 1
                with contextlib.suppress(OSError):
                    os.kill(worker, signal.SIGINT if interrupted == 1 else signal.SIGKILL)
                if interrupted > 1:
                    return 130
            except OSError:
                end = b""
                break
    if len(end) == 1 + _LENGTH.size and end[:1] == b"E":
        return int(_LENGTH.unpack(end[1:])[0])
    return None  # the fork ended without an answer: the command runs here after all


def _read(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def started_here(argv: list[str]) -> None:
    """After a served command ran in its own process: start the warm process for the
    next one, in the background, unless one is running (or starting)."""
    if not served(argv) or os.environ.get("CI"):
        return  # on a CI machine every build is its first: nobody would use it
    path = address()
    if path is None:
        return
    import subprocess

    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        subprocess.Popen(
            [sys.executable, "-P", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
             "from strategy.commands.warm import serve; serve(sys.argv[2])", str(_TOOL), path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True)


# --- the warm process -------------------------------------------------------------------

def _stamps() -> Any:
    """What the warm process's imports were made from: the tool's code, the installed
    distributions and the language folders of STRATEGY_LANGUAGE_DIRS, by their files'
    places, sizes and times of change."""
    from strategy.export.cache import _tree_stamps, installed_distributions
    from strategy.language.books import FOLDERS_VARIABLE

    folders = [p for p in os.environ.get(FOLDERS_VARIABLE, "").split(os.pathsep) if p]
    return [_tree_stamps(_TOOL / "strategy"), installed_distributions(),
            [_tree_stamps(Path(p)) if os.path.isdir(p) else None for p in folders]]


def _warm() -> None:
    """Import what the served commands import (not the libraries a build draws, typesets
    or writes Word with: their forks and children take them up), and build every kind's
    validator."""
    import strategy.checks.readiness
    import strategy.checks.rules
    import strategy.checks.validate
    import strategy.commands.build
    import strategy.commands.check
    import strategy.commands.cli
    import strategy.commands.readiness
    import strategy.compose.compose
    import strategy.export.cache
    import strategy.export.docx.export
    import strategy.export.drawings
    import strategy.export.html.export
    import strategy.export.markdown
    import strategy.export.pandoc
    import strategy.export.pdf.export
    import strategy.pipeline  # noqa: F401
    from strategy.model.kinds import KINDS

    for kind in KINDS.values():
        with contextlib.suppress(Exception):  # a kind that cannot be built fails as before
            kind.model.model_rebuild()


def serve(path: str) -> None:
    """The warm process: answer at ``path`` until idle or outdated."""
    import fcntl

    with contextlib.suppress(OSError):
        os.chdir("/")
    lock = open(path + ".lock", "a")  # noqa: SIM115 - held for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another one runs or starts
    _warm()
    stamps = _stamps()
    # What the forks share stays out of the collector's walks, and its pages unwritten.
    gc.freeze()
    # Listening before it has the socket's name: a caller that finds the name is answered
    # (a socket bound under the name but not yet listening would refuse it).
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    bound = f"{path}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(bound)
    old_mask = os.umask(0o077)
    try:
        listener.bind(bound)
    finally:
        os.umask(old_mask)
    listener.listen(16)
    listener.settimeout(5)
    os.replace(bound, path)
    inode = os.stat(path).st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forks end on their own, unwaited
    last = time.monotonic()
    try:
        while time.monotonic() - last < IDLE_SECONDS:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                try:
                    if os.stat(path).st_ino != inode:
                        return  # another process took the place
                except FileNotFoundError:
                    return  # the cache was emptied
                continue
            last = time.monotonic()
            with connection:
                if _stamps() != stamps or not _same_user(connection):
                    connection.sendall(b"S")  # the caller runs the command itself
                    return
                if os.fork() == 0:
                    listener.close()
                    lock.close()  # the lock stays the warm process's alone
                    _run(connection)  # never returns
    finally:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == inode:
                os.unlink(path)


def _same_user(connection: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True  # the socket's folder is the user's own (mode 700)
    pid, uid, gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, option, 12))
    return uid == os.getuid()


def _run(connection: socket.socket) -> None:
    """In the fork: take the caller's request, terminal and environment, run the
    command, hand back its exit code, end."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the command waits for its git
        signal.signal(signal.SIGINT, signal.default_int_handler)
        connection.settimeout(None)
        head, fds, _, _ = socket.recv_fds(connection, _LENGTH.size + (1 << 16), 3)
        if len(fds) != 3 or len(head) < _LENGTH.size:
            os._exit(1)
        size = _LENGTH.unpack(head[:_LENGTH.size])[0]
        body = head[_LENGTH.size:] + _read(connection, size - len(head) + _LENGTH.size)
        request = json.loads(body.decode("utf-8", "surrogateescape"))
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin = open(0, encoding=sys.stdin.encoding, closefd=False)  # noqa: SIM115
        (out_enc, out_err, out_line), (err_enc, err_err, _) = request["streams"]
        sys.stdout = open(1, "w", encoding=out_enc, errors=out_err,  # noqa: SIM115
                          buffering=1 if out_line else -1, closefd=False)
        sys.stderr = open(2, "w", encoding=err_enc, errors=err_err,  # noqa: SIM115
                          buffering=1, closefd=False)
        sys.argv = [str(_TOOL / "build_strategy.py"), *request["argv"]]
        connection.sendall(b"P" + _LENGTH.pack(os.getpid()))
        from strategy.commands.cli import main
        from strategy.language import kept

        kept.answer_first()

        try:
            code = main(request["argv"])
        except SystemExit as exc:  # argparse's --help and usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if exc.code is not None and not isinstance(exc.code, int):
                print(exc.code, file=sys.stderr)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        connection.sendall(b"E" + _LENGTH.pack(code & 0xFFFFFFFF))
        # The cache entries only a later run reads, with the caller's streams closed:
        # a reader of its output (a pipe) has its end of file at the answer.
        null = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(null, target)
        connection.close()
        kept.do_later()
    finally:
        os._exit(0)
