"""Regenerate ``reference.docx``, the style sheet pandoc applies to the DOCX export.

Run ``python -m strategy.export.docx.make_reference`` after changing a style here; the
result is committed so a build never depends on this script, and rebuilding it gives
the same bytes (fixed zip dates, stable entry order).

It starts from the pinned pandoc's own reference.docx (so every style pandoc's writer
names exists) and edits it with python-docx and lxml:

- A4 portrait, 2.5 cm margins, 1.25 cm to header and footer. Pandoc's default has no
  page size at all, so Word falls back to its locale's default (Letter in the US).
- Arial everywhere. Arial ships with every Windows and macOS; LibreOffice on Linux maps
  it to Liberation Sans, which has the same metrics, so line and page breaks agree on
  the working group's Word machines and on a Linux build or CI box. Theme font
  references are removed, because ``w:asciiTheme`` would win over ``w:ascii``; the
  theme's fonts are set to Arial as well for text styled outside these styles.
- Polish as the language of every style (Word's spelling and hyphenation), the body
  size only in the document defaults, so the table style's smaller size can apply
  to cell paragraphs (a size on Normal would override a table style).
- Left-aligned body text: WCAG 2.1 (1.4.8) advises against justified text, and public
  bodies publish accessibly.
- Custom paragraph styles with Polish names for the title page and "Źródło" lines;
  pandoc's ``custom-style`` finds them by name.
- The ``Table`` table style (the one pandoc's writer names) with thin grey borders and
  a shaded, bold header row that repeats on each page.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from lxml import etree

from strategy.export.pandoc import pandoc_binary
from strategy.export.zipnorm import normalized_zip

HERE = Path(__file__).resolve().parent
OUT = HERE / "reference.docx"

FONT = "Arial"
BODY_PT = 11
TABLE_PT = 9
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # dark blue: headings, title page
GREY = RGBColor(0x59, 0x59, 0x59)
LANG = "pl-PL"

# Custom styles (Polish names; ASCII ids keep the XML predictable). Pandoc looks a
# custom-style up by name; the export's Lua filter uses these names.
SOURCE_STYLE = ("Source", "Źródło")
TITLE_PAGE_STYLES = (
    ("TitlePagePartnership", "Strona tytułowa – partnerstwo"),
    ("TitlePageVersion", "Strona tytułowa – wersja"),
    ("TitlePageDate", "Strona tytułowa – data"),
)
# The title page's programme logos and members' coats of arms (docx.lua).
EMBLEM_STYLES = (
    ("TitlePageLogos", "Strona tytułowa – logotypy"),
    ("TitlePageEmblems", "Strona tytułowa – herby"),
)
LIST_TITLE_STYLE = ("ListTitle", "Tytuł spisu")
# Table cell paragraphs that docx.lua names (see there).
CELL_STYLES = (
    ("TableCellKeep", "Tabela – wiersz z następnym", False, True),
    ("TableRowHeader", "Tabela – nagłówek wiersza", True, False),
    ("TableRowHeaderKeep", "Tabela – nagłówek wiersza z następnym", True, True),
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _el(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _set_child(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Replace any child of the same tag; appended last, so call in schema order."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.append(child)
    return child


def _fonts(rpr: etree._Element) -> None:
    """Explicit Arial, no theme fonts (a theme attribute would override it)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = etree.Element(qn("w:rFonts"))
        rpr.insert(0, rfonts)  # rFonts comes first in w:rPr
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)


def _strip_theme_fonts(styles_el: etree._Element) -> None:
    """Styles that name a theme font get Arial; explicit fonts (code) stay."""
    for rfonts in styles_el.iter(qn("w:rFonts")):
        themed = [a for a in rfonts.attrib if a.endswith("Theme") or a.endswith("theme")]
        if not themed:
            continue
        for attr in themed:
            del rfonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            rfonts.set(qn(f"w:{attr}"), FONT)


def _doc_defaults(styles_el: etree._Element) -> None:
    rpr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr)
    _set_child(rpr, _el("w:sz", val=str(BODY_PT * 2)))
    _set_child(rpr, _el("w:szCs", val=str(BODY_PT * 2)))
    _set_child(rpr, _el("w:lang", val=LANG, eastAsia=LANG, bidi="ar-SA"))
    ppr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    # 1.15 line spacing, 6 pt after: Word's own modern default, easy to read.
    _set_child(ppr, _el("w:spacing", after="120", line="276", lineRule="auto"))


def _drop_colour_theme(style: BaseStyle) -> None:
    rpr = style.element.find(qn("w:rPr"))
    if rpr is None:
        return
    for color in rpr.findall(qn("w:color")):
        rpr.remove(color)


def _paragraph_style(doc, name: str, style_id: str | None = None) -> ParagraphStyle:
    if name in doc.styles:
        return doc.styles[name]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return style


def _headings(doc) -> None:
    sizes = {1: 16, 2: 13, 3: 11.5, 4: 11}
    for level, size in sizes.items():
        style = doc.styles[f"Heading {level}"]
        _drop_colour_theme(style)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before = Pt({1: 0, 2: 18, 3: 12, 4: 10}[level])
        fmt.space_after = Pt({1: 12, 2: 6, 3: 4, 4: 4}[level])
        # Chapters open a page, as the PDF's do.
        fmt.page_break_before = level == 1
        # Pandoc writes "1.1<tab>Title": one tab stop just past the widest number, a
        # tenth chapter's included ("10." in 16 pt is 0.8 cm: at 0.8 it ran into the title).
        fmt.tab_stops.add_tab_stop(Cm({1: 1.1, 2: 1.4, 3: 1.6, 4: 1.9}[level]))
    # The section number pandoc writes before a heading's text: same look as the text.
    number = doc.styles["Section Number"]
    number.font.bold = True


def _body(doc) -> None:
    for name in ("Body Text", "First Paragraph"):
        fmt = doc.styles[name].paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    compact = doc.styles["Compact"].paragraph_format
    compact.space_before = Pt(1)
    compact.space_after = Pt(1)
    compact.line_spacing = 1.0


def _title_page(doc) -> None:
    title = doc.styles["Title"]
    _drop_colour_theme(title)
    title.font.size = Pt(26)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_before = Pt(150)
    title.paragraph_format.space_after = Pt(18)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = doc.styles["Subtitle"]
    _drop_colour_theme(subtitle)
    subtitle.font.size = Pt(15)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    subtitle_rpr = subtitle.element.find(qn("w:rPr"))
    for spacing in subtitle_rpr.findall(qn("w:spacing")):
        subtitle_rpr.remove(spacing)  # pandoc's letter-spaced subtitle
    subtitle.paragraph_format.space_after = Pt(60)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    (pid, pname), (vid, vname), (did, dname) = TITLE_PAGE_STYLES
    partnership = _paragraph_style(doc, pname, pid)
    partnership.font.size = Pt(14)
    partnership.font.bold = True
    partnership.font.color.rgb = GREY
    partnership.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    partnership.paragraph_format.space_before = Pt(24)
    version = _paragraph_style(doc, vname, vid)
    version.font.size = Pt(12)
    version.font.bold = True
    version.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    version.paragraph_format.space_before = Pt(120)
    version.paragraph_format.space_after = Pt(6)
    date = _paragraph_style(doc, dname, did)
    date.font.size = Pt(12)
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Images in a line as words are: the arms wrap into centred rows of one height.
    (lid, lname), (eid, ename) = EMBLEM_STYLES
    logos = _paragraph_style(doc, lname, lid)
    logos.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    logos.paragraph_format.space_after = Pt(6)
    emblems = _paragraph_style(doc, ename, eid)
    emblems.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    emblems.paragraph_format.space_before = Pt(12)
    emblems.paragraph_format.line_spacing = 1.15


def _captions_and_sources(doc) -> None:
    # The built-in "Caption" is named "caption" inside; look it up by id.
    caption = next(style for style in doc.styles if style.style_id == "Caption")
    caption.font.italic = False
    caption.font.size = Pt(10)
    caption.font.bold = False  # the label "Tabela 1." is bolded by the export
    caption.font.color.rgb = ACCENT
    table_caption = doc.styles["Table Caption"].paragraph_format
    table_caption.space_before = Pt(12)
    table_caption.space_after = Pt(4)
    table_caption.keep_with_next = True
    image_caption = doc.styles["Image Caption"].paragraph_format
    image_caption.space_before = Pt(4)
    image_caption.space_after = Pt(2)
    image_caption.keep_with_next = True  # keeps the caption with its source line
    figure = doc.styles["Captioned Figure"].paragraph_format
    figure.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.space_before = Pt(12)
    figure.keep_with_next = True

    sid, sname = SOURCE_STYLE
    source = _paragraph_style(doc, sname, sid)
    source.font.size = Pt(8.5)
    source.font.italic = False
    source.font.color.rgb = GREY
    source.paragraph_format.space_before = Pt(2)
    source.paragraph_format.space_after = Pt(12)


def _cells(doc) -> None:
    """Cell paragraphs like pandoc's "Compact" (what cells use), kept with the next
    paragraph (Word keeps the rows together) or bold (row labels)."""
    compact = doc.styles["Compact"]
    for style_id, name, bold, keep in CELL_STYLES:
        style = _paragraph_style(doc, name, style_id)
        style.base_style = compact
        style.font.bold = bold or None
        style.paragraph_format.keep_with_next = keep or None


def _lists_and_toc(doc) -> None:
    toc_heading = doc.styles["TOC Heading"]
    _drop_colour_theme(toc_heading)
    toc_heading.font.color.rgb = ACCENT
    toc_heading.font.bold = True
    toc_heading.font.size = Pt(16)
    # The table of contents opens a page of its own, as in the PDF.
    toc_heading.paragraph_format.page_break_before = True
    toc_heading.paragraph_format.space_before = Pt(0)
    toc_heading.paragraph_format.space_after = Pt(12)
    lid, lname = LIST_TITLE_STYLE
    list_title = _paragraph_style(doc, lname, lid)
    list_title.base_style = toc_heading
    list_title.paragraph_format.space_before = Pt(24)
    list_title.paragraph_format.keep_with_next = True
    # The entries of the pre-filled table of contents and lists (export/docx/fields.py):
    # Word's built-in names, so that Word's own update keeps their look.
    for name, style_id, indent in (("toc 1", "TOC1", 0), ("toc 2", "TOC2", 0.5),
                                   ("toc 3", "TOC3", 1.0),
                                   ("table of figures", "TableofFigures", 0)):
        entry = _paragraph_style(doc, name, style_id)
        entry.quick_style = False
        fmt = entry.paragraph_format
        fmt.left_indent = Cm(indent)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(3 if style_id == "TOC1" else 1)
        fmt.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        entry.font.bold = True if style_id == "TOC1" else None
        if style_id == "TableofFigures":  # a long caption's second line under its title
            fmt.left_indent, fmt.first_line_indent = Cm(1.75), Cm(-1.75)


def _header_footer(doc) -> None:
    for name in ("Header", "Footer"):
        style = _paragraph_style(doc, name)
        style.font.size = Pt(8.5)
        style.font.color.rgb = GREY
        style.paragraph_format.space_after = Pt(0)
        # The header's right part follows an absolute tab to the right margin (Word);
        # readers that treat it as a plain tab (LibreOffice) stop here, at the right
        # margin of a portrait page.
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)


def _table_style(styles_el: etree._Element) -> None:
    """Thin grey grid, shaded bold header row that repeats on every page."""
    style = styles_el.find(f"{qn('w:style')}[@{qn('w:styleId')}='Table']")
    for child in list(style):
        if child.tag in (qn("w:tblPr"), qn("w:tblStylePr"), qn("w:rPr"), qn("w:pPr")):
            style.remove(child)
    for flag in ("w:semiHidden", "w:unhideWhenUsed"):
        for el in style.findall(qn(flag)):
            style.remove(el)
    rpr = etree.fromstring(
        f'<w:rPr xmlns:w="{W}"><w:sz w:val="{TABLE_PT * 2}"/>'
        f'<w:szCs w:val="{TABLE_PT * 2}"/></w:rPr>'
    )
    border = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"'
    tbl_pr = etree.fromstring(
        f'<w:tblPr xmlns:w="{W}">'
        '<w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>"
        f"<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )
    first_row = etree.fromstring(
        f'<w:tblStylePr xmlns:w="{W}" w:type="firstRow">'
        "<w:rPr><w:b/><w:bCs/></w:rPr>"
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/>'
        '<w:vAlign w:val="bottom"/></w:tcPr>'
        "</w:tblStylePr>"
    )
    # Schema order inside w:style: ..., pPr, rPr, tblPr, trPr, tcPr, tblStylePr.
    style.append(rpr)
    style.append(tbl_pr)
    style.append(first_row)
    style.set(qn("w:customStyle"), "1")


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.top_margin = Cm(2.5)
    section.bottom_margin = Cm(2.5)
    section.left_margin = Cm(2.5)
    section.right_margin = Cm(2.5)
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)
    section.gutter = Cm(0)


def _settings(doc) -> None:
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = etree.SubElement(settings, qn("w:themeFontLang"))
    lang.set(qn("w:val"), LANG)
    # Polish hyphenation (Word and LibreOffice with a Polish dictionary): narrow table
    # columns hyphenate instead of breaking words anywhere. Capitalised words (names
    # of gminas) are left whole.
    _settings_child(settings, "w:autoHyphenation", {"w:val": "true"}, before=_AFTER_HYPHENATION)
    _settings_child(settings, "w:doNotHyphenateCaps", {"w:val": "true"},
                    before=_AFTER_HYPHENATION)


# Children of w:settings that come after the hyphenation settings in the schema.
_AFTER_HYPHENATION = ("w:hyphenationZone", "w:consecutiveHyphenLimit", "w:doNotHyphenateCaps",
                      "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
                      "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
                      "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
                      "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                      "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
                      "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
                      "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
                      "w:noPunctuationKerning",
                      "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
                      "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
                      "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent",
                      "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
                      "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
                      "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields",
                      "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                      "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                      "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                      "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                      "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                      "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                      "w:listSeparator")


def _settings_child(settings: etree._Element, tag: str, attrs: dict[str, str],
                    before: tuple[str, ...]) -> None:
    """Set ``tag`` in w:settings at its place in the schema's order (Word is strict)."""
    for old in settings.findall(qn(tag)):
        settings.remove(old)
    element = etree.Element(qn(tag))
    for key, value in attrs.items():
        element.set(qn(key), value)
    position = before.index(tag) + 1 if tag in before else 0
    later = {qn(t) for t in before[position:] if not t.startswith(("m:", "sl:"))}
    for i, child in enumerate(settings):
        if child.tag in later:
            settings.insert(i, element)
            return
    settings.append(element)


def _theme_fonts(doc) -> None:
    """Point the theme's major and minor Latin fonts at Arial too."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
            for latin in root.iterfind(".//a:fontScheme/*/a:latin", ns):
                latin.set("typeface", FONT)
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


def _empty_body(doc) -> None:
    """Keep only the section: pandoc reads styles and page setup, never the text."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def build() -> bytes:
    default = subprocess.run(
        [pandoc_binary(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout
    doc = Document(io.BytesIO(default))
    styles_el = doc.styles.element
    _doc_defaults(styles_el)
    _strip_theme_fonts(styles_el)
    _headings(doc)
    _body(doc)
    _title_page(doc)
    _captions_and_sources(doc)
    _cells(doc)
    _lists_and_toc(doc)
    _header_footer(doc)
    _table_style(styles_el)
    _page(doc)
    _settings(doc)
    _theme_fonts(doc)
    _empty_body(doc)
    # Every style in Polish for spelling, including those that set their own rPr.
    for rpr in styles_el.iter(qn("w:rPr")):
        for lang in rpr.findall(qn("w:lang")):
            lang.set(qn("w:val"), LANG)
    props = doc.core_properties
    props.title = ""
    props.author = ""
    props.language = LANG
    props.created = props.modified = dt.datetime(2021, 1, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue(), date=(2021, 1, 1, 0, 0, 0))


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
