"""Measuring one command as a user runs it: wall time, CPU time and peak memory.

Every measured command is one child process (a shell when it is a chain of steps), so
its CPU is what ``wait4`` reports for it and everything it waited for, and its memory
is the whole process tree: the proportional set size (PSS: a page shared by two
processes counts half in each) summed over the tree, sampled every 50 ms, at its
highest. ``largest`` is the resident size of the biggest single process, which is
what ``/usr/bin/time -f %M`` shows.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_SAMPLE_EVERY = 0.05


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and every child it waited for
    peak: int  # bytes: the highest sum of PSS over the process tree
    largest: int  # bytes: the highest resident size of one process of the tree


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(p) for p in handle.read().split()]
    except OSError:
        pass
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> int:
    """PSS of ``root`` and all its descendants now, in bytes."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss(pid)
        todo += _children(pid)
    return total


def run(cmd: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None,
        ok: Sequence[int] = (0,)) -> Run:
    """Run ``cmd`` to its end; an exit code not in ``ok`` raises with its error output."""
    start = time.perf_counter()
    process = subprocess.Popen(list(cmd), cwd=cwd, env=dict(env) if env else None,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_memory(process.pid))
            done.wait(_SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stderr is not None
    errors = process.stderr.read()  # read before waiting: a full pipe would block it
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {process.returncode}:\n"
                           + errors.decode(errors="replace")[-3000:])
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss * 1024)


def chain(steps: Sequence[Sequence[str]], *, background: Sequence[int] = ()) -> list[str]:
    """One shell command that runs ``steps`` one after another, except those whose index
    is in ``background``: they start first and run beside the rest. It fails when any
    step fails."""
    import shlex

    lines = ["set -e"]
    lines += [f"{shlex.join(steps[i])} & p{i}=$!" for i in background]
    lines.append(" && ".join(shlex.join(s) for i, s in enumerate(steps) if i not in background))
    lines += [f"wait $p{i}" for i in background]
    return ["sh", "-c", "\n".join(lines)]


@dataclass
class Series:
    """The runs of one measured thing, in the order they ran."""

    name: str
    runs: list[Run]

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)


def paired(steps: Sequence[tuple[str, Callable[[int], Run]]], runs: int) -> dict[str, Series]:
    """Run each step once per round, in the given order, for ``runs`` rounds: A B A B…,
    so that a slower moment of the machine falls on every side alike."""
    series = {name: Series(name, []) for name, _ in steps}
    for round_ in range(runs):
        for name, step in steps:
            series[name].runs.append(step(round_))
    return series


def ratio(a: Series, b: Series, attribute: str = "wall") -> float:
    """The median of the per-round ratios a/b: each round's pair ran side by side."""
    return statistics.median(getattr(x, attribute) / getattr(y, attribute)
                             for x, y in zip(a.runs, b.runs, strict=True))
