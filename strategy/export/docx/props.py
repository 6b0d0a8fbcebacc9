"""Document properties of the DOCX: what Word shows under File > Info > Properties."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from strategy.compose.document import DocumentMeta
from strategy.export.docx.oxml import element, escape, qn
from strategy.export.docx.words import property_names

# Which element holds each core property (the order below is the order they are set,
# which decides where a missing one is appended, as python-docx appends it).
_CORE = {
    "title": "dc:title", "subject": "dc:subject", "keywords": "cp:keywords",
    "author": "dc:creator", "last_modified_by": "cp:lastModifiedBy", "version": "cp:version",
    "content_status": "cp:contentStatus", "category": "cp:category",
    "language": "dc:language", "comments": "dc:description", "revision": "cp:revision",
    "created": "dcterms:created", "modified": "dcterms:modified",
}


def _set(core: etree._Element, tag: str, text: str) -> etree._Element:
    found = core.find(qn(tag))
    if found is None:
        found = element(tag)
        core.append(found)
    found.text = text
    return found


def core_properties(core: etree._Element, meta: DocumentMeta) -> None:
    """Fill ``docProps/core.xml`` (its root element) from ``meta``."""
    # The version's date, not the clock: a rebuild gives the same file.
    moment = dt.datetime.combine(meta.date, dt.time(12, 0)).strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {
        "title": meta.title,
        "subject": meta.subject or meta.subtitle,
        "keywords": "; ".join(meta.keywords),
        "author": meta.author or meta.partnership,
        "last_modified_by": meta.author or meta.partnership,
        "version": meta.version,
        "content_status": meta.status_label,
        "category": meta.status_label,  # the document's words, never the status code
        "language": meta.bcp47,
        "comments": meta.status_label,
        "revision": "1",
        "created": moment,
        "modified": moment,
    }
    for name, tag in _CORE.items():
        found = _set(core, tag, values[name])
        if name in ("created", "modified"):
            # Set on the root first, so that xsi is declared there and not on each date.
            core.set(qn("xsi:foo"), "bar")
            found.set(qn("xsi:type"), "dcterms:W3CDTF")
            del core.attrib[qn("xsi:foo")]


def custom_properties_xml(meta: DocumentMeta) -> bytes:
    """docProps/custom.xml: the version record, readable in Word's Properties dialog."""
    names = property_names(meta.lang)
    values = [
        (names["version"], meta.version),
        (names["status"], meta.status_label),
        (names["date"], meta.date_text),
        (names["partnership"], meta.partnership),
    ]
    props = "".join(
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        f'pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(values, start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes">{props}</Properties>'
    ).encode()
