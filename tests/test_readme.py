"""Every example in the README runs as written on the example partnership.

The examples are the README's ``python build_strategy.py …`` lines outside the command
table (which is a synopsis with placeholders), in code blocks or as inline code, and its
YAML blocks the text says to add to a section file. They are run in the order the README gives them,
in a copy of the repository's example (``build_strategy.py``, ``sections/``,
``schema/``), as a user would type them there. Between them the test does what the README
says people do: a council member sends back ``reviewed.docx`` (a comment and a
replacement on the latest released draft), and the working group accepts what it filed.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from word_review import WordReview

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
COMMAND = "python build_strategy.py"
PLACEHOLDERS = ("[", "|", "vA", "vB", "X.Y", "DIR", "TEXT", "REASON", "YYYY", "NAME", "…",
                " ID")
_FENCE = re.compile(r"^```(\w*)\s*$")
_INLINE = re.compile(r"`(python build_strategy\.py[^`]*)`")
_FILE = re.compile(r"`(sections/[\w./-]+\.yaml)`")


def examples(text: str) -> list[tuple[str, str]]:
    """("command", line) and ("yaml", "file\\nblock") in the README's order."""
    found: list[tuple[str, str]] = []
    lines = text.splitlines()
    fence: str | None = None
    block: list[str] = []
    before = ""
    for line in lines:
        match = _FENCE.match(line.strip())
        if match and fence is None:
            fence, block = match.group(1), []
            continue
        if match and fence is not None:
            target = _FILE.findall(before)
            if fence == "yaml" and target and re.search(r"\badds?\b", before):
                # A block the text says to add to a section file (not a file shown whole).
                found.append(("yaml", target[-1] + "\n" + "\n".join(block) + "\n"))
            fence = None
            continue
        if fence is not None:
            block.append(line)
            if fence in ("sh", "") and line.strip().startswith(COMMAND):
                found.append(("command", line.split("#")[0].strip()))
            continue
        if line.lstrip().startswith("|"):
            continue  # the command table: a synopsis
        if line.strip().startswith(COMMAND):
            found.append(("command", line.strip()))
        else:
            found += [("command", c.strip()) for c in _INLINE.findall(line)]
        if line.strip():
            before = (before + " " + line) if not before.endswith("\n") else line
        else:
            before += "\n"
    return [(kind, text) for kind, text in found
            if kind == "yaml" or not any(p in text[len(COMMAND):] for p in PLACEHOLDERS)]


def test_the_readme_has_the_examples_this_test_runs():
    found = examples(README.read_text(encoding="utf-8"))
    commands = [text for kind, text in found if kind == "command"]
    assert any(c.startswith(f"{COMMAND} release --status council --meeting") for c in commands)
    assert f"{COMMAND} comments reviewed.docx" in commands
    assert any(kind == "yaml" for kind, _ in found)


def _reviewed(project: Path) -> None:
    """A council member's copy of the latest released draft, sent back as reviewed.docx."""
    drafts = sorted((project / "releases").glob("v*/*.docx"))
    draft = next(p for p in reversed(drafts) if "zmiany-od" not in p.name)
    review = WordReview(draft)
    review.comment("zieloną krainą nad Bugiem", "Piękne.", "Jan Kowalski",
                   dt.date(2021, 11, 10))
    review.replace("Wspólnie planujemy", "Razem planujemy", "Ewa Radna", dt.date(2021, 11, 10))
    review.save(project / "reviewed.docx")


def _accept(project: Path) -> None:
    for path in sorted((project / "sections" / "review").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("status: open\nresponse: ''",
                                     "status: accepted\nresponse: Uwzględniono."),
                        encoding="utf-8")


def test_every_readme_example_runs_as_written_on_the_example(tmp_path):
    project = tmp_path / "partnerstwo"
    project.mkdir()
    shutil.copy(REPO / "build_strategy.py", project)
    shutil.copytree(REPO / "sections", project / "sections")
    shutil.copytree(REPO / "schema", project / "schema")
    ran = []
    for kind, text in examples(README.read_text(encoding="utf-8")):
        if kind == "yaml":
            target, block = text.split("\n", 1)
            path = project / target
            path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
            continue
        if text in ran and not text.startswith(f"{COMMAND} release"):
            continue  # the same command shown twice runs once
        if "comments reviewed.docx" in text:
            _reviewed(project)
        if text == f"{COMMAND} apply":
            _accept(project)
        argv = shlex.split(text)[2:]
        result = subprocess.run([sys.executable, "build_strategy.py", *argv], cwd=project,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{text}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, text
        ran.append(text)
    assert len(ran) >= 8, ran
    assert "Razem planujemy" in (project / "sections" / "goals.yaml").read_text("utf-8")
    assert (project / "releases" / "v0.5.withdrawn.json").is_file()
