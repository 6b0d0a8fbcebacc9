"""The running header and footer of the DOCX, and the draft mark of a non-final version.

The first page (the title page) has neither header text nor page number; the draft
mark stands on every page, the title page included: in the header's right part and
as Word's own kind of watermark, a rotated text behind the page.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.section import Section
from docx.text.paragraph import Paragraph

from strategy.compose.document import DocumentMeta

DRAFT_COLOUR = "B00020"
# Namespaces of the header and footer runs written here (VML for the watermark).
_NS_DECLS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "w": nsmap["w"],
        "v": "urn:schemas-microsoft-com:vml",
        "o": "urn:schemas-microsoft-com:office:office",
        "w10": "urn:schemas-microsoft-com:office:word",
    }.items()
)


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


def _fill(paragraph: Paragraph, runs_xml: str) -> None:
    p = paragraph._p
    for run in p.findall(qn("w:r")):
        p.remove(run)
    wrapper = parse_xml(f"<w:p {_NS_DECLS}>{runs_xml}</w:p>")
    for child in list(wrapper):
        p.append(child)


def _bottom_rule(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="3" '
            'w:color="A6A6A6"/></w:pBdr>'
        )
    )


def header_footer(section: Section, meta: DocumentMeta) -> None:
    # The title page (first page) has no running header or page number.
    section.different_first_page_header_footer = True
    mark = meta.draft_mark
    right = (
        _run(mark, bold=True, colour=DRAFT_COLOUR)
        if mark
        else _run(meta.version_line)
    )
    header = section.header.paragraphs[0]
    _fill(header, _run(meta.title) + _right_tab() + right + (_watermark(mark, 1) if mark else ""))
    _bottom_rule(header)
    first = section.first_page_header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _fill(first, (right + _watermark(mark, 2)) if mark else "")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fill(footer, _page_field())
