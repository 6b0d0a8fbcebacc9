"""Helpers shared by the release, changelog, redline and comments tests (no tests here).

A project is a temporary folder with ``sections/`` (a copy of the tiny fixture) and,
once released, ``releases/``. Council members' Word files are made with python-docx
and lxml the way Word writes them: ``add_comment`` for comments, ``w:ins``/``w:del``
with ``w:delText`` for tracked changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypandoc
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from strategy.commands.cli import main
from strategy.compose.compose import compose
from strategy.export.docx.export import export_docx

TINY = Path(__file__).parent / "fixtures" / "tiny"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(capsys, *argv: str | Path) -> Run:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def new_project(root: Path) -> Path:
    """``root/sections`` holding a copy of the tiny fixture (version 0.2, council)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(TINY, root / "sections")
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a section file, as a person would in an editor."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not exactly once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under the folders (what "left untouched" compares)."""
    found = {}
    for folder in folders:
        if folder.exists():
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    found[p.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


# --- Word files as council members send them back -----------------------------------

def _change(kind: str, author: str, date: dt.date, ident: int) -> etree._Element:
    element = OxmlElement(f"w:{kind}")
    element.set(qn("w:id"), str(ident))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), f"{date.isoformat()}T10:00:00Z")
    return element


def _paragraph(doc, needle: str):
    for p in doc.paragraphs:
        if needle in p.text:
            return p
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if needle in p.text:
                        return p
    raise AssertionError(f"no paragraph with {needle!r}")


def _split_run(paragraph, needle: str):
    """The paragraph's run split so that ``needle`` is a run of its own."""
    for run in paragraph.runs:
        if needle in run.text:
            before, _, after = run.text.partition(needle)
            run.text = needle
            if before:
                new = OxmlElement("w:r")
                new.append(OxmlElement("w:t"))
                new[0].text = before
                new[0].set(qn("xml:space"), "preserve")
                run._r.addprevious(new)
            if after:
                new = OxmlElement("w:r")
                new.append(OxmlElement("w:t"))
                new[0].text = after
                new[0].set(qn("xml:space"), "preserve")
                run._r.addnext(new)
            return run
    raise AssertionError(f"{needle!r} is not within one run")


def review_docx(source: Path, target: Path, *, comments=(), deletions=(), insertions=(),
                retype=()) -> Path:
    """A council member's copy of ``source``:

    - comments: (text commented on, comment, author, date) via python-docx;
    - deletions: (text to delete, author, date) as w:del with w:delText;
    - insertions: (text after which to insert, new text, author, date) as w:ins;
    - retype: (old text, new text) typed over without tracking changes.
    """
    doc = Document(str(source))
    ident = 900
    for needle, new in retype:
        run = _split_run(_paragraph(doc, needle), needle)
        run.text = new
    for needle, text, author, date in comments:
        run = _split_run(_paragraph(doc, needle), needle)
        comment = doc.add_comment(run, text=text, author=author, initials=author[:2])
        comment._comment_elm.set(qn("w:date"), f"{date.isoformat()}T09:00:00Z")
    for needle, author, date in deletions:
        run = _split_run(_paragraph(doc, needle), needle)
        ident += 1
        wrapper = _change("del", author, date, ident)
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        for t in run._r.iter(qn("w:t")):
            t.tag = qn("w:delText")
    for needle, text, author, date in insertions:
        run = _split_run(_paragraph(doc, needle), needle)
        ident += 1
        wrapper = _change("ins", author, date, ident)
        new = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        new.append(t)
        wrapper.append(new)
        run._r.addnext(wrapper)
    doc.save(str(target))
    return target


# --- reading a redline back -------------------------------------------------------------

_SPAN = re.compile(r'\[([^\]]*)\]\{\.(insertion|deletion) author="([^"]*)" date="([^"]*)"\}')


def pandoc_read(docx: Path, track_changes: str, to: str = "plain") -> str:
    return pypandoc.convert_file(str(docx), to, format="docx",
                                 extra_args=[f"--track-changes={track_changes}", "--wrap=none"])


def tracked_changes(docx: Path) -> list[tuple[str, str, str, str]]:
    """Every insertion and deletion pandoc reads: (kind, text, author, date)."""
    text = pandoc_read(docx, "all", "markdown-smart")
    return [(kind, re.sub(r"\\(.)", r"\1", words).replace("\u00a0", " "), author, date)
            for words, kind, author, date in _SPAN.findall(text)]


def pandoc_words(docx: Path, track_changes: str) -> list[str]:
    """Every word pandoc reads from ``docx``, in order, with the tracked changes accepted
    or rejected. Words, not layout: pandoc's reader keeps the empty shell of a table, a
    table row or a list item whose every word was deleted (Word and LibreOffice remove
    it), and reads the caption of a figure whose picture changed as a paragraph."""
    ast = json.loads(pandoc_read(docx, track_changes, "json"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if _list_entry(node):
                return
            if node.get("t") == "Str":
                found.extend(words(node["c"]))
            elif node.get("t") == "Figure":  # in reading order: the picture, its caption
                walk(node["c"][2])
                walk(node["c"][1])
            else:
                walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(ast["blocks"])
    return found


def _list_entry(node: dict) -> bool:
    """An entry of the contents or of a list of tables or figures: a paragraph that is
    only a link into the document. The DOCX fills these fields for Word to rebuild when
    it opens the file; their entries are not tracked, so they are compared by the
    headings and captions they list, not read twice."""
    content = node.get("c") if node.get("t") == "Para" else None
    return (isinstance(content, list) and len(content) == 1
            and content[0].get("t") == "Link"
            and str(content[0]["c"][2][0]).startswith("#"))


def words(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


def plain_docx(sections: Path, target: Path) -> Path:
    """The document of ``sections`` without the annex of changes, as the redline shows it."""
    doc = compose(strategy_of(sections), target.parent / f".assets-{target.stem}", sections)
    export_docx(doc, target)
    return target


def strategy_of(sections: Path):
    from strategy.pipeline import load_and_validate
    validated = load_and_validate(sections)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return validated.strategy


# --- LibreOffice ------------------------------------------------------------------------

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def libreoffice_odt(docx: Path, out: Path) -> Path:
    """LibreOffice's own conversion of ``docx`` to ODT (its native format)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/.profile",
                    "--convert-to", "odt", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return out / (docx.stem + ".odt")


# The contents and the lists of tables and figures, as LibreOffice imports Word's fields:
# compared by what they list, as pandoc_words does (_list_entry).
_INDEXES = {"table-of-content", "illustration-index", "table-index", "object-index",
            "user-index"}


def libreoffice_texts(odt: Path) -> tuple[list[str], list[str], int]:
    """Words of the document with every tracked change accepted, with every one
    rejected, and the number of changed regions LibreOffice recorded."""
    with zipfile.ZipFile(odt) as package:
        root = etree.fromstring(package.read("content.xml"))
    regions = {}
    for region in root.iter(f"{{{_TEXT}}}changed-region"):
        ident = region.get(f"{{{_TEXT}}}id")
        deletion = region.find(f"{{{_TEXT}}}deletion")
        deleted = [" ".join(c.itertext()) for c in deletion
                   if etree.QName(c).localname != "change-info"] if deletion is not None else []
        regions[ident] = ("deletion", " ".join(deleted)) if deletion is not None \
            else ("insertion", "")
    body = root.find(f"{{{_OFFICE}}}body")
    accepted: list[str] = []
    rejected: list[str] = []
    inside: set[str] = set()

    def walk(node: etree._Element) -> None:
        tag = etree.QName(node).localname
        ident = node.get(f"{{{_TEXT}}}change-id")
        if tag == "tracked-changes" or tag in _INDEXES:
            return
        if tag == "change-start":
            inside.add(ident)
        elif tag == "change-end":
            inside.discard(ident)
        elif tag == "change" and regions.get(ident, ("", ""))[0] == "deletion":
            rejected.append(" " + regions[ident][1] + " ")
        if node.text and tag not in ("change", "change-start", "change-end"):
            _add(node.text)
        for child in node:
            walk(child)
            if child.tail:
                _add(child.tail)
        if tag in ("p", "h", "table-cell", "list-item", "s", "tab", "line-break"):
            accepted.append(" ")
            rejected.append(" ")

    def _add(text: str) -> None:
        accepted.append(text)
        if not any(regions.get(i, ("",))[0] == "insertion" for i in inside):
            rejected.append(text)

    walk(body)
    return words("".join(accepted)), words("".join(rejected)), len(regions)



def differences(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Where two word lists differ: (older words, newer words) per changed stretch."""
    from difflib import SequenceMatcher

    return [(" ".join(old[i1:i2]), " ".join(new[j1:j2]))
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False
                                                       ).get_opcodes() if tag != "equal"]
