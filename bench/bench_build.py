"""Benchmark: the build against the raw pandoc + typst chain, side by side in one run.

For each scale (1 = the example, 10 = its diagnosis chapters and project sheets copied
ten times with new IDs), each measured as a fresh process, as a user runs it:

- build: ``build_strategy.py build`` with an empty cache (validate, compose, charts
  and maps, Markdown, DOCX, PDF/A-2a + PDF/UA-1 and the HTML page);
- raw chain, sequential: on the very Markdown and images that build composed,
  ``pandoc`` to DOCX with the same reference.docx, then ``pandoc`` to typst, then
  ``typst.compile``, then ``pandoc`` to one self-contained HTML page with the same
  stylesheet (none of our filters, finishing or PDF standards);
- raw chain, DOCX beside PDF: the same steps, the DOCX and HTML runs beside the
  typst ones;
- rebuild, unchanged: the build again, its cache warm;
- rebuild, one word: the build after one word of the introduction changed (a word
  no earlier round used, so no output can come from the cache; the charts can). Both
  rebuilds are run by the warm process the full build started (as an officer's are;
  the bench waits, untimed, until it is ready), so their CPU is not the measured
  process's;
- check against the floor ``python -c "import pydantic, yaml, jinja2"``, each check
  after a one-word change (a new word each round, the cache warm from the checks
  before, as an officer's is between two edits), and check of the unchanged sections
  (answered from what an earlier check kept); readiness against check, both after a
  change, readiness run once untimed on the same cache before its rounds (as check
  is), so that its first round does not pay alone for compiling the templates; check
  and readiness answered by the warm process (``strategy/commands/warm.py``, started by
  the untimed check before the rounds, as an officer's first check starts it), and each
  in a process of its own (``STRATEGY_WARM=off``);
  verify of a release against a build of the same sections (empty cache).

The steps of one comparison run in rounds, A B A B…, so a busy moment of the machine
falls on both sides; ratios are medians of the per-round ratios. Not a test: absolute
times depend on the machine; ratios measured side by side in one run do not (much).

    python bench/bench_build.py [--scales 1,10] [--runs 3] [--only-checks] [--no-checks]
                                [--no-verify] [--only-verify] [--tool DIR]

``--tool`` runs another checkout's ``build_strategy.py`` (e.g. main, for a before and
after) with this one's raw chain and measurements.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, Series, chain, paired, ratio  # noqa: E402
from measure import run as measure  # noqa: E402

from strategy.export.pandoc import pandoc_binary  # noqa: E402  (the pinned binary)

PY = sys.executable
REFERENCE = REPO / "strategy" / "export" / "docx" / "reference.docx"
STYLESHEET = REPO / "strategy" / "export" / "html" / "style.css"
RAW_TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3])"
FLOOR = [PY, "-c", "import pydantic, yaml, jinja2"]
DRAW = (
    "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
    "from strategy.pipeline import load_and_validate;"
    "from strategy.compose.compose import compose;"
    "v = load_and_validate(Path(sys.argv[2]));"
    "compose(v.strategy, Path(sys.argv[3]), Path(sys.argv[2]))"
)


def scaled_sections(target: Path, scale: int) -> None:
    """A copy of sections/ whose diagnosis and project sheets appear ``scale`` times,
    laid out as a partnership's repository is: schema/ beside it, and each copied file
    naming its schema on its first line as the original does (else check warns of every
    file, which no real repository makes it do)."""
    shutil.copytree(REPO / "sections", target)
    if not (target.parent / "schema").exists():
        shutil.copytree(REPO / "schema", target.parent / "schema")
    for folder, fields in (("diagnosis", ("id",)), ("investments", ("id", "title"))):
        originals = sorted((target / folder).glob("*.yaml"))
        for copy in range(2, scale + 1):
            for path in originals:
                text = path.read_text(encoding="utf-8")
                first = text.split("\n", 1)[0] + "\n" if text.startswith("#") else ""
                data = yaml.safe_load(text)
                for field in fields:
                    data[field] = f"{data[field]}-{copy}" if field == "id" else (
                        f"{data[field]} ({copy})")
                for indicator in data.get("indicators", []) if folder == "diagnosis" else []:
                    indicator["id"] = f"{indicator['id']}-{copy}"
                (target / folder / f"{path.stem}-{copy}.yaml").write_text(
                    first + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


class OneWord:
    """Changes one word of the introduction to a word no earlier change used."""

    def __init__(self, sections: Path) -> None:
        self.path = sections / "introduction.yaml"
        self.original = self.path.read_text(encoding="utf-8")
        self.count = 0

    def change(self) -> None:
        self.count += 1
        text, n = re.subn(r"(text: \|\n\s+\S+)", rf"\g<1>{self.count}x", self.original, count=1)
        assert n == 1, "the introduction has no text block to change"
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


@dataclass
class Scale:
    scale: int
    pages: int
    series: dict[str, Series]
    ratios: dict[str, float]


def tool_command(tool: Path, *args: str) -> list[str]:
    return [PY, str(tool / "build_strategy.py"), *args]


def bench_scale(scale: int, runs: int, tool: Path, tmp: Path, only_checks: bool = False,
                verify: bool = True, checks: bool = True, only_verify: bool = False
                ) -> Scale:
    sections, raw, assets = tmp / "sections", tmp / "raw", tmp / "assets"
    scaled_sections(sections, scale)
    raw.mkdir()
    # As a user runs the tool: Python keeps the compiled bytecode of its modules (an
    # environment that forbids it makes every command compile the tool's code anew; the
    # floor's packages are compiled at install time either way).
    # An officer's machine: compiled bytecode kept, and not a CI machine (where no warm
    # process starts).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    caches = tmp / "caches"

    def build_env(key: str) -> dict[str, str]:
        return {**env, "STRATEGY_CACHE": str(caches / key)}

    def build(round_: int, key: str, out: str = "out") -> Run:
        env = build_env(f"{key}-{round_}")
        done = measure(tool_command(tool, "build", "--sections", str(sections),
                                    "--out", str(tmp / f"{out}-{round_}")), cwd=tool, env=env)
        # The warm process this build started (strategy/commands/warm.py) warms up before
        # the next step is measured, not beside it; the rebuilds of its cache use it.
        _wait_warm(env, tool)
        return done

    word = OneWord(sections)
    if only_checks:
        series = bench_checks(tool, sections, runs, word, build_env)
        return Scale(scale, 0, series, check_ratios(series))
    if only_verify:
        series = bench_verify(tool, sections, tmp, runs, build_env)
        return Scale(scale, 0, series, verify_ratios(series))
    # Warm the OS file cache; this build also gives the Markdown the raw chain reads.
    build(0, "warm-up", "warm")
    md = next((tmp / "warm-0").glob("*.md"))
    from pypdf import PdfReader

    pages = len(PdfReader(str(next((tmp / "warm-0").glob("*.pdf")))).pages)
    # The raw chain needs the charts and maps the document shows: drawn once, here.
    subprocess.run([PY, "-c", DRAW, str(tool), str(sections), str(assets)], check=True)
    steps = [
        [pandoc_binary(), str(md), "-f", "markdown", "-o", str(raw / "raw.docx"),
         f"--reference-doc={REFERENCE}", f"--resource-path={assets}"],
        [pandoc_binary(), str(md), "-f", "markdown", "-t", "typst", "-s",
         "-o", str(assets / "raw.typ")],
        [PY, "-c", RAW_TYPST, str(assets / "raw.typ"), str(raw / "raw.pdf"), str(assets)],
        # The build writes the HTML page too: the raw chain does, with the same
        # stylesheet, the images embedded (none of our filters or template).
        [pandoc_binary(), str(md), "-f", "markdown", "-t", "html5", "--standalone",
         "--embed-resources", f"--css={STYLESHEET}", f"--resource-path={assets}",
         "--metadata=title=raw", "-o", str(raw / "raw.html")],
    ]

    def one_word(round_: int) -> Run:
        word.change()
        try:
            return build(round_, "build")  # the cache of this round's full build
        finally:
            word.restore()

    series = paired([
        ("build", lambda r: build(r, "build")),
        ("raw sequential", lambda r: measure(chain(steps), cwd=tmp)),
        ("raw DOCX beside PDF", lambda r: measure(chain(steps, background=[0, 3]), cwd=tmp)),
        ("rebuild unchanged", lambda r: build(r, "build")),
        ("rebuild one word", one_word),
    ], runs)

    if checks:
        series |= bench_checks(tool, sections, runs, word, build_env)
    if verify:
        series |= bench_verify(tool, sections, tmp, runs, build_env)
    ratios = {
        "build / raw sequential (wall)": ratio(series["build"], series["raw sequential"]),
        "build / raw sequential (CPU)": ratio(series["build"], series["raw sequential"], "cpu"),
        "build / raw DOCX beside PDF (wall)": ratio(series["build"],
                                                    series["raw DOCX beside PDF"]),
        "rebuild unchanged / build": ratio(series["rebuild unchanged"], series["build"]),
        "rebuild one word / build": ratio(series["rebuild one word"], series["build"]),
        **(check_ratios(series) if checks else {}),
        **(verify_ratios(series) if verify else {}),
        "peak memory build / raw sequential": ratio(series["build"], series["raw sequential"],
                                                    "peak"),
    }
    return Scale(scale, pages, series, ratios)


def _wait_warm(env: dict[str, str], tool: Path, seconds: float = 60) -> None:
    """Until the warm process the check before started for ``env`` answers (a tool
    without one: at once), so that no measured round pays for its start."""
    if not (tool / "strategy" / "commands" / "warm.py").exists():
        return
    folder = Path(env["STRATEGY_CACHE"]) / "warm"
    deadline = time.monotonic() + seconds
    while not any(folder.glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)


def bench_checks(tool: Path, sections: Path, runs: int, word: OneWord, build_env
                 ) -> dict[str, Series]:
    """check against the import floor (after a one-word change, and unchanged), and
    readiness against check: answered by the warm process (as an officer's are after
    the first), and each in a process of its own (``STRATEGY_WARM=off``)."""
    def own(key: str) -> dict[str, str]:
        return {**build_env(key), "STRATEGY_WARM": "off"}

    def check(round_: int, command: str = "check", env_of=build_env) -> Run:
        word.change()  # a word no earlier round used: a result computed before cannot answer
        try:
            # readiness exits 1 while an element the law requires is missing. The cache
            # is an officer's: warm from the checks before, as between two edits.
            return measure(tool_command(tool, command, "--sections", str(sections)),
                           cwd=tool, env=env_of("check-after-a-change"), ok=(0, 1))
        finally:
            word.restore()

    def check_own(round_: int, command: str = "check") -> Run:
        return check(round_, command, own)

    # The unchanged sections checked once before the rounds: what a check kept answers
    # (and, for the warm process, the first check that starts it).
    for env in (build_env("check-unchanged"), build_env("check-after-a-change"),
                own("check-after-a-change")):
        subprocess.run(tool_command(tool, "check", "--sections", str(sections)), cwd=tool,
                       env=env, capture_output=True, check=False)
        if env.get("STRATEGY_WARM") != "off":
            _wait_warm(env, tool)

    def check_unchanged(round_: int) -> Run:
        return measure(tool_command(tool, "check", "--sections", str(sections)),
                       cwd=tool, env=build_env("check-unchanged"))

    series = paired([("floor", lambda r: measure(FLOOR, cwd=sections.parent,
                                                     env=build_env("floor"))), ("check", check),
                      ("check unchanged", check_unchanged),
                      ("check, own process", check_own)], runs)
    # readiness once before its rounds, untimed, on the same cache: its templates compiled
    # there, as check's first run kept what check reads.
    for env in (build_env("check-after-a-change"), own("check-after-a-change")):
        subprocess.run(tool_command(tool, "readiness", "--sections", str(sections)), cwd=tool,
                       env=env, capture_output=True, check=False)
    series |= paired([("check (beside readiness)", check),
                      ("readiness", lambda r: check(r, "readiness")),
                      ("check, own process (beside readiness)", check_own),
                      ("readiness, own process", lambda r: check_own(r, "readiness"))], runs)
    return series


def check_ratios(series: dict[str, Series]) -> dict[str, float]:
    # A check the warm process answers spends its CPU in the warm process's fork, which
    # is not the measured process's child: only the own-process rows have a CPU ratio.
    return {
        "check / import floor": ratio(series["check"], series["floor"]),
        "check unchanged / import floor": ratio(series["check unchanged"], series["floor"]),
        "check, own process / import floor": ratio(series["check, own process"],
                                                   series["floor"]),
        "check, own process / import floor (CPU)": ratio(series["check, own process"],
                                                         series["floor"], "cpu"),
        "readiness / check": ratio(series["readiness"], series["check (beside readiness)"]),
        "readiness / check, own processes": ratio(
            series["readiness, own process"], series["check, own process (beside readiness)"]),
        "readiness / check, own processes (CPU)": ratio(
            series["readiness, own process"], series["check, own process (beside readiness)"],
            "cpu"),
    }


def verify_ratios(series: dict[str, Series]) -> dict[str, float]:
    return {"verify / build": ratio(series["verify"], series["build (beside verify)"]),
            "verify / build (CPU)": ratio(series["verify"], series["build (beside verify)"],
                                          "cpu")}


def bench_verify(tool: Path, sections: Path, tmp: Path, runs: int, build_env) -> dict:
    """A release of the sections, then verify of it beside a build of the same sections."""
    project = tmp / "project"
    shutil.copytree(sections, project / "sections")
    releases = project / "releases"
    subprocess.run(tool_command(tool, "release", "--status", "council", "--sections",
                                str(project / "sections"), "--releases", str(releases),
                                "--date", "2021-11-04", "--note", "bench"),
                   cwd=tool, check=True, capture_output=True,
                   env=build_env("release"))
    version = next(p.name for p in releases.iterdir() if p.name.startswith("v"))
    released = releases / version / "sections"

    def build(round_: int) -> Run:
        return measure(tool_command(tool, "build", "--sections", str(released),
                                    "--out", str(tmp / f"verify-build-{round_}")),
                       cwd=tool, env=build_env(f"verify-build-{round_}"))

    def verify(round_: int) -> Run:
        return measure(tool_command(tool, "verify", version, "--sections",
                                    str(project / "sections"), "--releases", str(releases)),
                       cwd=tool, env=build_env(f"verify-{round_}"))

    return paired([("build (beside verify)", build), ("verify", verify)], runs)


def report(result: Scale) -> str:
    mib = 1024 * 1024
    pages = f" ({result.pages} pages)" if result.pages else ""
    lines = [f"scale {result.scale}x{pages}",
             f"  {'':34} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'largest MiB':>12}"]
    for series in result.series.values():
        lines.append(f"  {series.name:<34} {series.median('wall'):8.2f} "
                     f"{series.median('cpu'):8.2f} {series.median('peak') / mib:9.0f} "
                     f"{series.median('largest') / mib:12.0f}")
    lines.append("  ratios (median of the rounds' ratios):")
    lines += [f"    {name:<40} {value:5.2f}" for name, value in result.ratios.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only-checks", action="store_true",
                        help="measure check and readiness only (no build)")
    parser.add_argument("--no-checks", action="store_true",
                        help="leave out the check and readiness rounds")
    parser.add_argument("--no-verify", action="store_true",
                        help="leave out the release and verify rounds")
    parser.add_argument("--only-verify", action="store_true",
                        help="measure verify against a build only")
    parser.add_argument("--tool", type=Path, default=REPO,
                        help="the checkout whose build_strategy.py is measured")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start; "
          f"{args.runs} rounds; tool {args.tool}", flush=True)
    for scale in (int(s) for s in args.scales.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"bench-{scale}x-") as tmp:
            print(report(bench_scale(scale, args.runs, args.tool.resolve(), Path(tmp),
                                     args.only_checks, not args.no_verify,
                                     not args.no_checks, args.only_verify)),
                  flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
