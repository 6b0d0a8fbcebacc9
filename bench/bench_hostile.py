"""Benchmark: hostile inputs of issue 10 against a normal run of the same command, side by
side, each in a fresh process: wall time and peak memory (ru_maxrss of the child).

- ``check`` on the tiny strategy, then with a 50 MB section file of 600 000 entries, a
  3 MB file of 300 000 keys, a 100 000-deep GeoJSON and a section linked to /etc/passwd;
- ``comments`` with the released draft itself (nothing new: the whole import runs),
  then with a zip bomb whose document.xml inflates to 1.5 GB, a document.xml of
  5 million empty paragraphs (within the size cap), one paragraph of 5 million runs, an
  XML external entity and a "billion laughs".

It prints each run's time and peak memory, and its ratio to / difference from the
normal run. Not a test: absolute figures depend on the machine and its load.

    python bench/bench_hostile.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TINY = REPO / "tests" / "fixtures" / "tiny"
CLI = [sys.executable, str(REPO / "build_strategy.py")]


def _run(argv: list[str]) -> tuple[float, float, int, str]:
    """(seconds, peak MB of the child, exit code, first line of stderr) of one process."""
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
              "t = time.perf_counter() - t\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
              "line = (p.stderr.strip().splitlines() or p.stdout.strip().splitlines() or [''])\n"
              "print(f'{t}\\t{peak}\\t{p.returncode}\\t{line[0][:110]}')\n")
    out = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True,
                         text=True, check=True).stdout.strip().split("\t")
    return float(out[0]), float(out[1]), int(out[2]), out[3]


def _zip(draft: Path, target: Path, name: str, head: bytes, unit: bytes, size: int,
         tail: bytes) -> Path:
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as package:
        for item in source.namelist():
            if item != name:
                package.writestr(item, source.read(item))
                continue
            with package.open(item, "w", force_zip64=True) as stream:
                stream.write(head)
                if unit:
                    block = unit * max(1, (1 << 20) // len(unit))
                    for _ in range(size // len(block)):
                        stream.write(block)
                stream.write(tail)
    return target


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        cases: list[tuple[str, list[str]]] = []
        sections = work / "tiny"
        shutil.copytree(TINY, sections)
        cases.append(("check: tiny strategy (normal)", ["check", "--sections", str(sections)]))
        for label, make in [
            ("check: 50 MB section file, 600 000 entries",
             lambda s: (s / "swot.yaml").write_text("".join(
                 f"k{i}: v{i}\n" for i in range(600_000)) * 6)),
            ("check: 3 MB section file, 300 000 keys",
             lambda s: (s / "swot.yaml").write_text("".join(
                 f"k{i}: v\n" for i in range(300_000)))),
            ("check: GeoJSON nested 100 000 deep", lambda s: (
                (s / "m.geojson").write_text("[" * 100_000 + "]" * 100_000),
                (s / "spatial.yaml").open("a").write(
                    "maps:\n  - {kind: model, file: m.geojson, caption: M, alt: Schemat obszaru,"
                    " source: własne}\n"))),
            ("check: section file linked to /etc/passwd", lambda s: (
                (s / "swot.yaml").unlink(), (s / "swot.yaml").symlink_to("/etc/passwd"))),
        ]:
            copy = work / label.split(":")[1].strip().replace(" ", "-")[:20]
            shutil.copytree(TINY, copy)
            make(copy)
            cases.append((label, ["check", "--sections", str(copy)]))

        project = work / "project"
        shutil.copytree(TINY, project / "sections")
        subprocess.run([*CLI, "release", "--sections", str(project / "sections"), "--status",
                        "council", "--date", "2021-06-20", "--format", "docx"], check=True,
                       capture_output=True)
        draft = next((project / "releases").glob("v*/*.docx"))
        with zipfile.ZipFile(draft) as package:
            doc = package.read("word/document.xml")
        head = doc[:doc.index(b"<w:body>") + 8]
        tail = b"</w:body></w:document>"
        docs = work / "docx"
        docs.mkdir()
        comment = ["comments", "--sections", str(project / "sections")]
        cases.append(("comments: the released draft (normal)", [*comment, str(draft)]))
        for label, args in [
            ("comments: zip bomb, document.xml inflates to 1.5 GB",
             (b"", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", 3 * 2**29, b"")),
            ("comments: 5 million empty paragraphs (30 MB)", (head, b"<w:p/>", 30 * 2**20, tail)),
            ("comments: one paragraph of 5 million runs",
             (head + b"<w:p>", b"<w:r/>", 30 * 2**20, b"</w:p>" + tail)),
        ]:
            target = _zip(draft, docs / f"{len(cases)}.docx", "word/document.xml", *args)
            cases.append((label, [*comment, str(target)]))
        for label, prolog in [
            ("comments: XML external entity",
             b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
            ("comments: billion laughs", b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + b"".join(
                b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
             + b"]>"),
        ]:
            body = prolog + doc[doc.index(b"<w:document"):]
            target = _zip(draft, docs / f"{len(cases)}.docx", "word/document.xml", body, b"",
                          0, b"")
            cases.append((label, [*comment, str(target)]))

        base: dict[str, tuple[float, float]] = {}
        print(f"{'input':55} {'exit':>4} {'time':>7} {'×normal':>8} {'peak':>8} {'+normal':>8}")
        for label, argv in cases:
            seconds, peak, code, line = _run([*CLI, *argv])
            command = label.split(":")[0]
            if "(normal)" in label:
                base[command] = (seconds, peak)
            normal_time, normal_peak = base[command]
            print(f"{label:55} {code:>4} {seconds:6.2f}s {seconds / normal_time:7.2f}× "
                  f"{peak:6.0f}MB {peak - normal_peak:+7.0f}MB")
            if code:
                print(f"{'':57}{line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
