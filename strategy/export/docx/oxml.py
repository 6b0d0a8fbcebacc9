"""The few WordprocessingML helpers the finishing needs, without python-docx.

They do what python-docx's element classes do, call for call, so the finished XML is
what python-docx wrote: a new element carries its own prefix's declaration (which
lxml drops again when the tree already declares it), and a child is put before the
first of its schema successors present (looked up in the successors' order), or last.
"""

from __future__ import annotations

from lxml import etree

from strategy.export.docx.package import parse


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """``xml.sax.saxutils.escape``, the same text: that module imports urllib.request
    and http.client (a tenth of a second before the build can start)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        text = text.replace(key, value)
    return text


NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
_MAKER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

# Children of w:pPr and w:sectPr in the order the schema gives them (python-docx's).
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
SECTPR_ORDER = (
    "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc",
    "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
    "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
    "w:printerSettings", "w:sectPrChange",
)


def qn(tag: str) -> str:
    """``"w:p"`` -> ``"{http://…/main}p"``."""
    prefix, _, name = tag.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def nsdecls(*prefixes: str) -> str:
    return " ".join(f'xmlns:{p}="{NAMESPACES[p]}"' for p in prefixes)


def element(tag: str) -> etree._Element:
    """A new element declaring its own prefix, as python-docx's ``OxmlElement``."""
    prefix = tag.partition(":")[0]
    return _MAKER.makeelement(qn(tag), nsmap={prefix: NAMESPACES[prefix]})


def insert_before(parent: etree._Element, child: etree._Element,
                  successors: tuple[str, ...]) -> etree._Element:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: etree._Element, tag: str, order: tuple[str, ...]) -> etree._Element:
    """The child ``tag`` of ``parent``, added in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    return insert_before(parent, element(tag), order[order.index(tag) + 1:])


def get_or_add_ppr(paragraph: etree._Element) -> etree._Element:
    found = paragraph.find(qn("w:pPr"))
    if found is None:
        found = element("w:pPr")
        paragraph.insert(0, found)
    return found


def fragment(xml: str) -> etree._Element:
    return parse(xml)
