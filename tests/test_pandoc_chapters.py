"""pandoc's session can read a document chapter by chapter, each chapter's reading kept
for the next build (a one-word edit then reads one chapter): the outputs are the same
bytes as reading the document whole, or the document is read whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from strategy.export.pandoc import PandocOutput, PandocSession, chapters

OUTPUTS = [PandocOutput("typst"), PandocOutput("html5"), PandocOutput("native")]

DOCUMENT = """::: {.titlepage}
Tytuł
:::

# Wprowadzenie {#wprowadzenie}

Tekst z [odnośnikiem](#diagnoza) i *wyróżnieniem*.

## Obszary funkcjonalne

| A | B |
|---|---|
| 1 | 2 |

: Tabela {#tbl:a}

::: {.landscape}
# Nie rozdział w bloku

Akapit.
:::

# Diagnoza {#diagnoza}

## Obszary funkcjonalne

```
# nie nagłówek w kodzie
```

# Wnioski

## Obszary funkcjonalne

Koniec.
"""


def session_outputs(markdown: str, tmp: Path, chapters_given=None) -> tuple[list[bytes], Any]:
    tmp.mkdir()
    session = PandocSession(markdown, OUTPUTS, resource_dir=tmp, epoch=0, work=tmp,
                            chapters=chapters_given)
    with session:
        session.images_ready()
        results = [session.result(i) for i in range(len(OUTPUTS))]
        kept = session.chapters_read()
    return results, kept


def test_the_cut_is_before_each_chapter_outside_blocks_and_code():
    cut = chapters(DOCUMENT)
    assert cut is not None and "".join(cut) == DOCUMENT
    assert [piece.splitlines()[0] for piece in cut[1:]] == [
        "# Wprowadzenie {#wprowadzenie}", "# Diagnoza {#diagnoza}", "# Wnioski"]


@pytest.mark.parametrize("text", [
    "Przypis[^1].\n\n[^1]: Treść.\n",
    "[Diagnoza]\n",
    "Zob. [tu][ref].\n\n[ref]: http://example.org\n",
    "Jak pisze @kowalski.\n",
    "---\ntitle: x\n---\n",
    "<div>surowy HTML</div>\n",
])
def test_what_pandoc_reads_across_chapters_makes_the_document_read_whole(text):
    assert chapters(DOCUMENT + "\n" + text) is None


def test_chapters_read_one_by_one_or_from_an_earlier_reading_give_the_same_bytes(tmp_path):
    whole, _ = session_outputs(DOCUMENT, tmp_path / "whole")
    cut = chapters(DOCUMENT)
    fresh, kept = session_outputs(DOCUMENT, tmp_path / "fresh", [(t, None) for t in cut])
    assert fresh == whole
    assert sorted(kept) == list(range(len(cut)))
    # The headings' identifiers pandoc makes unique over the whole document.
    assert b'"obszary-funkcjonalne-2"' in whole[2]
    edited = DOCUMENT.replace("Koniec.", "Koniec tekstu.")
    cut_edited = chapters(edited)
    earlier = [(t, kept[i] if t == cut[i] else None) for i, t in enumerate(cut_edited)]
    assert sum(read is None for _, read in earlier) == 1
    again, kept_again = session_outputs(edited, tmp_path / "again", earlier)
    assert again == session_outputs(edited, tmp_path / "edited-whole")[0]
    assert sorted(kept_again) == [len(cut_edited) - 1]


@pytest.mark.parametrize("change", [
    ("# Wnioski", "# Wnioski {#diagnoza}"),  # an identifier the text gives twice
    # a chapter's own "x-1" after an earlier chapter's "x": not surely pandoc's
    ("# Diagnoza {#diagnoza}\n", "# Diagnoza {#diagnoza}\n\n## Obszary funkcjonalne\n"),
])
def test_identifiers_it_cannot_be_sure_of_make_the_document_read_whole(change, tmp_path):
    text = DOCUMENT.replace(*change)
    cut = chapters(text)
    assert cut is not None
    whole, _ = session_outputs(text, tmp_path / "whole")
    read, kept = session_outputs(text, tmp_path / "chapters", [(t, None) for t in cut])
    assert read == whole and kept == {}


def test_a_kept_reading_pandoc_refuses_makes_the_document_read_whole(tmp_path):
    cut = chapters(DOCUMENT)
    whole, _ = session_outputs(DOCUMENT, tmp_path / "whole")
    broken = [(t, b'{"not": "a document"' if i == 1 else None) for i, t in enumerate(cut)]
    read, kept = session_outputs(DOCUMENT, tmp_path / "broken", broken)
    assert read == whole and kept == {}


TYPST_FILTER = Path(__file__).resolve().parent.parent / "strategy/export/pdf/typst.lua"
BY_CHAPTER = PandocOutput("typst", TYPST_FILTER, by_chapter=True)
# Chapters ending and starting in every way a chapter can: a paragraph, a list, code,
# a table (typst.lua wraps it in raw typst), a landscape block, a rule, a title page.
BOUNDARIES = DOCUMENT + """
- punkt pierwszy
- punkt drugi

# Rozdział z kodem

```
kod
```

# Rozdział z tabelą

| A | B |
|---|---|
| 1 | 2 |

::: {.landscape}
# Rozdział poziomy

Akapit w bloku.
:::

# Rozdział z linią

Tekst.

------

::: {.source}
Źródło: opracowanie własne
:::

# Ostatni

> Cytat na końcu.
"""


def by_chapter(markdown: str, tmp: Path, given=None) -> tuple[bytes, dict, dict]:
    tmp.mkdir()
    session = PandocSession(markdown, [BY_CHAPTER], resource_dir=tmp, epoch=0, work=tmp,
                            chapters=given)
    with session:
        session.images_ready()
        return session.result(0), session.chapters_read(), session.parts_written()


@pytest.mark.parametrize("document", [DOCUMENT, BOUNDARIES])
def test_typst_written_chapter_by_chapter_is_the_typst_of_the_whole_document(document,
                                                                              tmp_path):
    whole, _, _ = by_chapter(document, tmp_path / "whole")
    cut = chapters(document)
    assert cut is not None
    fresh, read, parts = by_chapter(document, tmp_path / "fresh", [(t, None) for t in cut])
    assert fresh == whole
    assert parts  # every chapter whose headings kept their identifiers
    # After an edit of the last chapter: only it is read and written; the others'
    # typst comes from their kept texts, joined to the same bytes.
    edited = document.replace(cut[-1], cut[-1].rstrip("\n") + " Dopisane.\n")
    new_cut = chapters(edited)
    assert new_cut is not None and new_cut[:-1] == cut[:-1]
    given = [(t, read.get(i), parts.get(i)) if i < len(cut) - 1 else (t, None, None)
             for i, t in enumerate(new_cut)]
    again, read_again, parts_again = by_chapter(edited, tmp_path / "again", given)
    assert again == by_chapter(edited, tmp_path / "edited-whole")[0]
    assert sorted(read_again) == [len(new_cut) - 1]
    assert set(parts_again) <= {len(new_cut) - 1} | (set(range(len(cut))) - set(parts))


def test_a_damaged_kept_chapter_text_is_written_anew(tmp_path):
    cut = chapters(BOUNDARIES)
    whole, read, parts = by_chapter(BOUNDARIES, tmp_path / "first", [(t, None) for t in cut])
    damaged = {i: b"not a kept text" for i in parts}
    again, _, parts_again = by_chapter(BOUNDARIES, tmp_path / "again",
                                       [(t, read[i], damaged.get(i)) for i, t in enumerate(cut)])
    assert again == whole
    assert parts_again == parts
