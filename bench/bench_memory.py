"""Benchmark: where the build's peak memory is, against what typst alone takes.

At one scale (10 = the example's diagnosis chapters and project sheets copied ten
times, as ``bench_build.py`` makes them), each measured as a fresh process:

- the build (empty cache), with its process tree sampled every 50 ms: the PSS of each
  process (the build's Python, its forks, pandoc's session, typst's processes), so the
  peak says who is alive at it and how big; a timeline every ``--every`` seconds;
- typst alone on the raw chain's source (pandoc's own typst template, the same
  Markdown and images), as ``bench_build.py``'s raw chain compiles it: no PDF standard;
- the same source given our PDF standards (PDF/A-2a + PDF/UA-1, tagged): the raw
  template needs a title and alt text for them, nothing else changes;
- typst alone on our source (export/pdf's template and filter: the build's very job).

    python bench/bench_memory.py [--scale 10] [--tool DIR] [--every 2]

Memory depends little on the machine's load, wall time much: the CPU time is printed
beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import DRAW, PY, scaled_sections  # noqa: E402
from measure import _children, _pss  # noqa: E402
from measure import run as measure  # noqa: E402

MIB = 2**20
# A child that compiles one typst job written as JSON (the source beside it).
COMPILE = (
    "import json, sys, typst; job = json.load(open(sys.argv[1]));"
    "job['input'] = open(job.pop('source'), 'rb').read();"
    "open(sys.argv[2], 'wb').write(typst.compile_with_warnings(**job)[0])"
)
# Our job, as export/pdf compiles it, written beside the composed document's images.
OUR_JOB = (
    "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
    "from strategy.pipeline import load_and_validate;"
    "from strategy.compose.compose import compose;"
    "from strategy.export.pdf import export as pdf;"
    "v = load_and_validate(Path(sys.argv[2]));"
    "doc = compose(v.strategy, Path(sys.argv[3]), Path(sys.argv[2]));"
    "Path(sys.argv[4]).write_text(pdf.typst_source(doc), encoding='utf-8');"
    "json.dump(dict(source=sys.argv[4], root=str(doc.resource_dir), font_paths=pdf.FONT_PATHS,"
    " ignore_system_fonts=True, sys_inputs=pdf.typst_inputs(doc.meta),"
    " pdf_standards=pdf.PDF_STANDARDS, timestamp=doc.meta.epoch), open(sys.argv[5], 'w'))"
)


@dataclass
class Sample:
    at: float
    sizes: dict[int, tuple[str, int]]  # pid: (what it is, PSS in bytes)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.sizes.values())


def _what(pid: int, root: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().split(b"\0")
    except OSError:
        return "?"
    if not words[0]:  # ended, not yet reaped
        return "?"
    if Path(words[0].decode(errors="replace")).name == "pandoc":
        return "pandoc"
    if any(b"import typst" in w for w in words):
        return "typst"
    if pid == root:
        return "build"
    if any(b"build_strategy.py" in w for w in words):
        return "build's fork"
    return Path(words[0].decode(errors="replace")).name


def timeline(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[list[Sample], float]:
    """The PSS of every process of ``cmd``'s tree every 50 ms, and its CPU seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    samples: list[Sample] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes, todo = {}, [process.pid]
            while todo:
                pid = todo.pop()
                sizes[pid] = (_what(pid, process.pid), _pss(pid))
                todo += _children(pid)
            samples.append(Sample(time.perf_counter() - start, sizes))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(errors.decode(errors="replace")[-3000:])
    return samples, usage.ru_utime + usage.ru_stime


def _by_kind(sample: Sample) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for what, size in sample.sizes.values():
        kinds[what] = kinds.get(what, 0) + size
    return kinds


def report_build(samples: list[Sample], cpu: float, every: float) -> int:
    peak = max(samples, key=lambda s: s.total)
    print(f"build: wall {samples[-1].at:.1f} s, CPU {cpu:.1f} s, "
          f"peak {peak.total / MIB:.0f} MiB at {peak.at:.1f} s:")
    for pid, (what, size) in sorted(peak.sizes.items(), key=lambda p: -p[1][1]):
        if size:
            print(f"    {what:14s} (pid {pid}) {size / MIB:6.0f} MiB")
    highest: dict[str, int] = {}
    for s in samples:
        for pid, (what, size) in s.sizes.items():
            highest[f"{what} {pid}"] = max(highest.get(f"{what} {pid}", 0), size)
    print("  each process at its own highest: " + ", ".join(
        f"{name} {size / MIB:.0f}" for name, size in sorted(highest.items(), key=lambda p: -p[1])
        if size > 20 * MIB))
    kinds = sorted({k for s in samples for k, size in _by_kind(s).items() if size})
    print("  timeline (MiB):  s  total " + " ".join(f"{k:>12s}" for k in kinds))
    last = -every
    for s in samples:
        if s.at - last >= every or s is peak:
            last = s.at
            sizes = _by_kind(s)
            print(f"  {s.at:17.1f} {s.total / MIB:6.0f} "
                  + " ".join(f"{sizes.get(k, 0) / MIB:12.0f}" for k in kinds)
                  + ("  <- peak" if s is peak else ""))
    return peak.total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--tool", type=Path, default=REPO)
    parser.add_argument("--every", type=float, default=2.0)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"2 cores; load average {os.getloadavg()[0]:.1f} at the start; scale {args.scale}x; "
          f"tool {args.tool}")
    from strategy.export.pandoc import pandoc_binary

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as name:
        tmp = Path(name)
        sections, assets, out = tmp / "sections", tmp / "assets", tmp / "out"
        scaled_sections(sections, args.scale)
        samples, cpu = timeline(
            [PY, str(args.tool / "build_strategy.py"), "build", "--sections", str(sections),
             "--out", str(out)], {**env, "STRATEGY_CACHE": str(tmp / "cache")}, args.tool)
        peak = report_build(samples, cpu, args.every)

        md = next(out.glob("*.md"))
        subprocess.run([PY, "-c", DRAW, str(args.tool), str(sections), str(assets)], check=True)
        raw = assets / "raw.typ"
        subprocess.run([pandoc_binary(), str(md), "-f", "markdown", "-t", "typst", "-s",
                        "-o", str(raw)], check=True)
        source = raw.read_text(encoding="utf-8")
        # PDF/UA-1 wants a title and alt text on every image: the least that gives them.
        titled, n = re.subn(r"^(#let conf\(\n  title: )none,", r"\g<1>[raw],", source,
                            count=1, flags=re.M)
        assert n == 1, "pandoc's typst template has no title parameter where expected"
        standards = assets / "raw-standards.typ"
        standards.write_text(re.sub(r'image\("([^"]*)"\)', r'image("\1", alt: "image")',
                                    titled), encoding="utf-8")
        jobs = {
            "raw chain's source, no PDF standard": dict(source=str(raw), root=str(assets)),
            "raw chain's source, PDF/A-2a + PDF/UA-1": dict(
                source=str(standards), root=str(assets), pdf_standards=["a-2a", "ua-1"]),
        }
        ours = tmp / "ours.json"
        subprocess.run([PY, "-c", OUR_JOB, str(args.tool), str(sections), str(tmp / "composed"),
                        str(tmp / "ours.typ"), str(ours)], check=True, env=env)
        jobs["our source (template, filter, standards)"] = json.loads(ours.read_text())
        print("typst alone, one process each:")
        alone: list[int] = []
        for label, job in jobs.items():
            path = tmp / "job.json"
            path.write_text(json.dumps(job), encoding="utf-8")
            r = measure([PY, "-c", COMPILE, str(path), str(tmp / "alone.pdf")], cwd=tmp, env=env)
            print(f"    {label:42s} peak {r.peak / MIB:5.0f} MiB  CPU {r.cpu:5.1f} s  "
                  f"wall {r.wall:5.1f} s")
            alone.append(r.peak)
        print(f"ratios to typst alone on the raw chain's source: with our PDF standards "
              f"{alone[1] / alone[0]:.2f}, our source {alone[2] / alone[0]:.2f}, "
              f"the build's peak {peak / alone[0]:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
