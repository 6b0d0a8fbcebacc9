"""pandoc reads the composed Markdown without four extensions the composed text never
uses (``export/pandoc.COMPOSED_MARKDOWN``: no definition lists, raw HTML, raw TeX or
TeX math), which takes ~40 % less of its time. As a specification:

- every composed document here (the example, the tiny strategy in Polish and in
  English, the real partnerships, the tiny strategy with hostile user text) reads as
  the very same document as with pandoc's whole Markdown;
- no phrase of any language's document words (printed as written) uses what those
  extensions would read: a dollar, a "<", a backslash, a line opening with ":" or "~".
  User text cannot: compose escapes every ASCII punctuation mark of it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypandoc
import pytest
import yaml
from checking import TINY, switch_language

from strategy.compose.compose import compose
from strategy.export.pandoc import COMPOSED_MARKDOWN
from strategy.pipeline import load_and_validate

REPO = Path(__file__).resolve().parent.parent
REAL = Path(__file__).parent / "fixtures" / "real"
HOSTILE = (r"*Alfa* _b_ #tag | [x](y) <b>&amp; \n $x$ $$y$$ \(z\) @ref ~s~ ^t^ `c` "
           r"Term" "\n" r": definition ~ too <!-- c --> \newpage {{ n }} #set text(red) -- ... 1.")


def _tiny(tmp: Path, lang: str = "pl", hostile: bool = False) -> Path:
    root = tmp / "sections"
    shutil.copytree(TINY, root)
    if lang != "pl":
        switch_language(root, lang)
    if hostile:
        path = root / "partnership.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["name"] = HOSTILE
        data["members"][1]["name"] = "Gmina " + HOSTILE
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return root


CASES = {
    "example": lambda tmp: REPO / "sections",
    "tiny-pl": lambda tmp: _tiny(tmp),
    "tiny-en": lambda tmp: _tiny(tmp, "en"),
    "tiny-hostile": lambda tmp: _tiny(tmp, hostile=True),
    **{f"real-{p.name}": (lambda tmp, p=p: p) for p in sorted(REAL.iterdir()) if p.is_dir()},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_composed_document_reads_the_same_as_with_the_whole_of_pandocs_markdown(
        case: str, tmp_path: Path) -> None:
    sections = CASES[case](tmp_path)
    validated = load_and_validate(sections, cache=False)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    markdown = compose(validated.strategy, tmp_path / "assets", sections, draw=False).markdown
    whole = pypandoc.convert_text(markdown, "json", format="markdown")
    assert pypandoc.convert_text(markdown, "json", format=COMPOSED_MARKDOWN) == whole


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


# What the left-out extensions read: TeX math and commands, raw HTML, a definition.
READ_BY_LEFT_OUT = re.compile(r"[$<\\]|(?:^|\n)[ \t]*[:~]")
BOOKS = sorted(path for name in ("document", "labels", "changes")
               for path in (REPO / "strategy" / "language").glob(f"*/{name}.yaml"))


@pytest.mark.parametrize("book", BOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_document_phrase_writes_what_the_left_out_extensions_would_read(book: Path):
    texts = _texts(yaml.safe_load(book.read_text(encoding="utf-8")))
    assert texts
    assert [t for t in texts if READ_BY_LEFT_OUT.search(t)] == []
