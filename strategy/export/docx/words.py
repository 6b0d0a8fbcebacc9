"""The DOCX's words a Word user sees besides the text, in the document's language.

Pandoc finds the tool's custom styles by the names in reference.docx (docx.lua); once
it has written the document, the styles it uses are renamed by their IDs with the
labels' ``docx.styles`` words, and every style's language (``w:lang``) becomes the
document's. Word's built-in styles (``heading 1``, ``Caption``, ``TOC Heading``…) keep
their names: Word recognises them by these and shows them in its own language. The
custom properties (File > Info > Properties) are named with ``docx.properties``.
Kept in this one module so that a finisher editing the XML directly can call it.
"""

from __future__ import annotations

from lxml import etree

from strategy.language.labels import labels

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def localize_styles(styles: etree._Element, lang: str, tag: str) -> None:
    """Rename the styles of ``word/styles.xml`` (its root element) into ``lang`` and set
    the language of every style and of the document defaults to ``tag`` (e.g. en-GB)."""
    names = labels(lang)["docx"]["styles"]
    for style in styles.iter(_q("style")):
        name = names.get(style.get(_q("styleId"), ""))
        element = style.find(_q("name"))
        if name and element is not None:
            element.set(_q("val"), name)
    for lang_el in styles.iter(_q("lang")):
        for attr in ("val", "eastAsia"):
            if lang_el.get(_q(attr)) is not None:
                lang_el.set(_q(attr), tag)


def property_names(lang: str) -> dict[str, str]:
    """The names of the custom properties: version, status, date, partnership."""
    return dict(labels(lang)["docx"]["properties"])
