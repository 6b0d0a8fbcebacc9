"""The document's phrases as the templates use them: ``say(key, variant, **params)``.

``say`` takes a phrase of the language's ``document.yaml`` (the rules are
language/books.py's: named placeholders, ``{n:plural:…}``, variants picked by the
data, an empty variant leaves the sentence out) and gives a ``Phrase``, which is two
things at once:

- as a string, the plain text: what a table cell, a caption or a ``~`` concatenation
  receives, and escaped there like any other text;
- printed by a template (``{{ say(...) }}``), its Markdown (``Phrase.markdown``): every
  value escaped and typeset like any value the templates print, and the phrase's own
  words as written; ``{{ say(...).text }}`` prints the whole phrase escaped and
  typeset like a value instead.

Printing the words as written keeps the document as the templates printed it before
the phrasebooks. ``TYPESET_WORDS = True`` escapes and typesets the words too (a
non-breaking space after a Polish one-letter word in the document's own sentences):
one deliberate change, which changes the composed Markdown of every document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from strategy.compose import markdown, typography
from strategy.compose.markdown import Md
from strategy.language import books

BOOK = "document"
TYPESET_WORDS = False

# Values already in Markdown stand in the phrase as these marks while its words are
# escaped and typeset (TYPESET_WORDS), then take their place.
_OPEN, _CLOSE = "\ue010", "\ue011"


def plain_value(value: Any, lang: str) -> str:
    """A value as plain text: numbers by the language's typography, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a template printed a bare boolean; choose words for it")
    if isinstance(value, int | float | Decimal):
        return typography.number(value, lang=lang)
    return str(value)


def markdown_value(value: Any, lang: str) -> Md:
    """A value as the document prints it: escaped, so user text never turns into markup,
    and typeset. A phrase prints its Markdown; Markdown prints as it is."""
    if isinstance(value, Phrase):
        return value.markdown
    if isinstance(value, Md):
        return value
    return markdown.escape(plain_value(value, lang), lang)


class Phrase(str):
    """A filled phrase: its plain text as a string, its Markdown as ``markdown``."""

    _template: str
    _lang: str
    _params: dict[str, Any]

    def __new__(cls, template: str, lang: str, params: dict[str, Any]) -> Phrase:
        text = books.fill(template, lang, params, value=lambda v: plain_value(v, lang))
        self = super().__new__(cls, text)
        self._template, self._lang, self._params = template, lang, params
        return self

    @property
    def text(self) -> str:
        """The plain text, which a template prints escaped and typeset like any value
        (``{{ say(...).text }}``): the words are then typeset too."""
        return str.__str__(self)

    @property
    def markdown(self) -> Md:
        lang = self._lang
        if not TYPESET_WORDS:
            return Md(books.fill(self._template, lang, self._params,
                                 value=lambda v: markdown_value(v, lang)))
        # The whole sentence is typeset at once, so that "o {name}" binds across the
        # placeholder; values that are Markdown already are kept out of the escaping.
        kept: list[str] = []

        def value(v: Any) -> str:
            if isinstance(v, Phrase | Md):
                kept.append(markdown_value(v, lang))
                return f"{_OPEN}{len(kept) - 1}{_CLOSE}"
            return plain_value(v, lang)

        text = markdown.escape(books.fill(self._template, lang, self._params, value=value),
                               lang)
        for i, md in enumerate(kept):
            text = text.replace(f"{_OPEN}{i}{_CLOSE}", md)
        return Md(text)


class Say:
    """``say`` of the templates: a phrase of ``document.yaml`` in ``lang``, filled."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, variant: str | None = None, /,
                 **params: Any) -> Phrase | list[Phrase]:
        entry = books.phrase(self.lang, BOOK, key, variant)
        if isinstance(entry, list):
            return [Phrase(str(item), self.lang, params) for item in entry]
        return Phrase(str(entry), self.lang, params)


def sentences(items: list[Any], lang: str, *, plain: bool = False) -> Any:
    """Sentences chosen by the data, as one paragraph: those the data leaves out (an
    empty variant) leave no gap. In a template: ``{{ [say(...), say(...)] | sentences }}``."""
    kept = [item for item in items if item]
    if plain:
        return " ".join(plain_value(item, lang) for item in kept)
    return Md(" ".join(markdown_value(item, lang) for item in kept))
