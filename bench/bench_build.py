"""Benchmark: our full build against the raw pandoc + typst chain, in one run.

The example partnership is scaled up (its diagnosis chapters and project sheets copied
with new IDs) to about 150 pages. Then, each as a fresh process as a user would run it:

- ours: ``python build_strategy.py build`` (validate, compose, charts, DOCX and PDF);
- raw:  ``pandoc`` to DOCX with the same reference.docx, ``pandoc`` to typst, and
        ``typst.compile`` of that source — on the very Markdown our build composed,
        with none of our finishing (no PDF/A or PDF/UA: pandoc's plain typst output
        drops the alt text those standards require).

It prints the median of several runs of each and their ratio (target: 1.2 or less),
and the time of ``check`` alone (target: well under 0.5 s). Not a test: timings
depend on the machine; ratios measured in one run do not.

    python bench/bench_build.py [--scale 3] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from strategy.export.pandoc import pandoc_binary  # noqa: E402  (the pinned binary)

RAW_TYPST = """
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3])
"""


def scaled_sections(target: Path, scale: int) -> None:
    """A copy of sections/ whose diagnosis and project sheets appear ``scale`` times."""
    shutil.copytree(REPO / "sections", target)
    for folder, fields in (("diagnosis", ("id",)), ("investments", ("id", "title"))):
        originals = sorted((target / folder).glob("*.yaml"))
        for copy in range(2, scale + 1):
            for path in originals:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                for field in fields:
                    data[field] = f"{data[field]}-{copy}" if field == "id" else (
                        f"{data[field]} ({copy})")
                for indicator in data.get("indicators", []) if folder == "diagnosis" else []:
                    indicator["id"] = f"{indicator['id']}-{copy}"
                (target / folder / f"{path.stem}-{copy}.yaml").write_text(
                    yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sections, out, raw = tmp / "sections", tmp / "out", tmp / "raw"
        scaled_sections(sections, args.scale)
        raw.mkdir()
        build = [py, "build_strategy.py", "build", "--sections", str(sections), "--out", str(out)]
        timed(build)  # warm the OS file cache; also produces the composed Markdown
        md = next(out.glob("*.md"))
        pdf = next(out.glob("*.pdf"))
        from pypdf import PdfReader
        pages = len(PdfReader(str(pdf)).pages)
        # The raw chain needs the charts and maps the document shows: draw them once.
        assets = tmp / "assets"
        subprocess.run([py, "-c", (
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path; from strategy.commands.cli import load_and_validate;"
            "from strategy.compose.compose import compose;"
            "v = load_and_validate(Path(sys.argv[2]));"
            "compose(v.strategy, Path(sys.argv[3]), Path(sys.argv[2]))"),
            str(REPO), str(sections), str(assets)], check=True)
        reference = REPO / "strategy" / "export" / "docx" / "reference.docx"
        raw_steps = [
            [pandoc_binary(), str(md), "-f", "markdown", "-o", str(raw / "raw.docx"),
             f"--reference-doc={reference}", f"--resource-path={assets}"],
            [pandoc_binary(), str(md), "-f", "markdown", "-t", "typst", "-s",
             "-o", str(assets / "raw.typ")],
            [py, "-c", RAW_TYPST, str(assets / "raw.typ"), str(raw / "raw.pdf"), str(assets)],
        ]
        ours, chain = [], []
        for _ in range(args.runs):
            ours.append(timed(build))
            chain.append(sum(timed(step) for step in raw_steps))
        check = [timed([py, "build_strategy.py", "check", "--sections", str(sections)])
                 for _ in range(args.runs)]
    ours_s, chain_s = statistics.median(ours), statistics.median(chain)
    print(f"pages of the scaled example: {pages}")
    print(f"full build (validate, compose, charts, DOCX + PDF): {ours_s:.2f} s")
    print(f"raw chain (pandoc DOCX, pandoc typst, typst.compile): {chain_s:.2f} s")
    print(f"ratio full build / raw chain: {ours_s / chain_s:.2f}  (target <= 1.2)")
    print(f"check alone: {statistics.median(check):.2f} s  (target well under 0.5 s)")


if __name__ == "__main__":
    main()
