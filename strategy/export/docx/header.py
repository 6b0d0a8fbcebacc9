"""The running header and footer of the DOCX, and the draft mark of a non-final version.

The first page (the title page) has neither header text nor page number; the draft
mark stands on every page, the title page included: in the header's right part and
as Word's own kind of watermark, a rotated text behind the page.
"""

from __future__ import annotations

from lxml import etree

from strategy.compose.document import DocumentMeta
from strategy.export.docx.oxml import (
    NAMESPACES,
    PPR_ORDER,
    SECTPR_ORDER,
    element,
    escape,
    fragment,
    get_or_add,
    get_or_add_ppr,
    insert_before,
    nsdecls,
    qn,
)
from strategy.export.docx.package import Package

DRAFT_COLOUR = "B00020"
# Namespaces of the header and footer runs written here (VML for the watermark).
_NS_DECLS = nsdecls("w", "v", "o", "w10")
_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# An empty header or footer: one paragraph in the Header or Footer style (python-docx's
# default-header.xml and default-footer.xml, whose namespace declarations are kept).
_PART_NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "mo": "http://schemas.microsoft.com/office/mac/office/2008/main",
    "mv": "urn:schemas-microsoft-com:mac:vml",
    "o": NAMESPACES["o"],
    "r": NAMESPACES["r"],
    "v": NAMESPACES["v"],
    "w10": NAMESPACES["w10"],
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w": NAMESPACES["w"],
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}.items())


def _run(text: str, *, bold: bool = False, colour: str | None = None) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _right_tab() -> str:
    # An absolute tab to the right margin: right for portrait and landscape alike.
    return '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'


def _page_field() -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _watermark(text: str, shape_id: int) -> str:
    """Word's own watermark: a rotated VML text path behind the page (Design > Watermark)."""
    return (
        "<w:r>"
        "<w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
        + "".join(
            f'<v:f eqn="{eqn}"/>'
            for eqn in (
                "sum #0 0 10800",
                "prod #0 2 1",
                "sum 21600 0 @1",
                "sum 0 0 @2",
                "sum 21600 0 @3",
                "if @0 @3 0",
                "if @0 21600 @1",
                "if @0 0 @2",
                "if @0 @4 21600",
                "mid @5 @6",
                "mid @8 @5",
                "mid @7 @8",
                "mid @6 @7",
                "sum @6 0 @5",
            )
        )
        + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        f'<v:shape id="PowerPlusWaterMarkObject{shape_id}" o:spid="_x0000_s{2048 + shape_id}" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
        "width:440pt;height:62pt;rotation:315;z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        f'o:allowincell="f" fillcolor="#{DRAFT_COLOUR}" stroked="f">'
        '<v:fill opacity="14%"/>'
        f'<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" '
        f'string="{escape(text, {chr(34): "&quot;"})}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r>"
    )


def _fill(paragraph: etree._Element, runs_xml: str) -> None:
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    wrapper = fragment(f"<w:p {_NS_DECLS}>{runs_xml}</w:p>")
    for child in list(wrapper):
        paragraph.append(child)


def _bottom_rule(paragraph: etree._Element) -> None:
    get_or_add_ppr(paragraph).append(fragment(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="3" '
        'w:color="A6A6A6"/></w:pBdr>'))


def _align(paragraph: etree._Element, value: str) -> None:
    get_or_add(get_or_add_ppr(paragraph), "w:jc", PPR_ORDER).set(qn("w:val"), value)


def _story(package: Package, sect: etree._Element, kind: str, type_: str) -> etree._Element:
    """The first paragraph of a new header or footer of ``type_`` for the section."""
    for reference in sect.findall(qn(f"w:{kind}Reference")):
        if reference.get(qn("w:type")) == type_:  # the reference document's own one
            return package.part(package.main().related(reference.get(qn("r:id")))).element.find(
                qn("w:p"))
    tag = "hdr" if kind == "header" else "ftr"
    style = "Header" if kind == "header" else "Footer"
    root = fragment(f"<w:{tag} {_PART_NAMESPACES} mc:Ignorable=\"w14 wp14\"><w:p><w:pPr>"
                    f'<w:pStyle w:val="{style}"/></w:pPr></w:p></w:{tag}>')
    part = package.add_part(f"/word/{kind}%d.xml", _WML + f"{kind}+xml", root)
    rid = package.main().relate(_HEADER if kind == "header" else _FOOTER, part.name)
    reference = insert_before(sect, element(f"w:{kind}Reference"), SECTPR_ORDER)
    reference.set(qn("w:type"), type_)
    reference.set(qn("r:id"), rid)
    return root[0]


def header_footer(package: Package, sect: etree._Element, meta: DocumentMeta) -> None:
    """Header, first-page header and footer of the section ``sect`` (the first one; the
    later sections inherit them)."""
    # The title page (first page) has no running header or page number.
    get_or_add(sect, "w:titlePg", SECTPR_ORDER)
    mark = meta.draft_mark
    right = (
        _run(mark, bold=True, colour=DRAFT_COLOUR)
        if mark
        else _run(meta.version_line)
    )
    header = _story(package, sect, "header", "default")
    _fill(header, _run(meta.title) + _right_tab() + right + (_watermark(mark, 1) if mark else ""))
    _bottom_rule(header)
    first = _story(package, sect, "header", "first")
    _align(first, "right")
    _fill(first, (right + _watermark(mark, 2)) if mark else "")
    footer = _story(package, sect, "footer", "default")
    _align(footer, "center")
    _fill(footer, _page_field())
