"""Document properties of the DOCX: what Word shows under File > Info > Properties."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument

from strategy.compose.document import DocumentMeta
from strategy.export.docx.words import property_names


def core_properties(doc: DocxDocument, meta: DocumentMeta) -> None:
    # The version's date, not the clock: a rebuild gives the same file.
    moment = dt.datetime.combine(meta.date, dt.time(12, 0))
    props = doc.core_properties
    props.title = meta.title
    props.subject = meta.subject or meta.subtitle
    props.keywords = "; ".join(meta.keywords)
    props.author = meta.author or meta.partnership
    props.last_modified_by = meta.author or meta.partnership
    props.version = meta.version
    props.content_status = meta.status_label
    props.category = meta.status_label  # the document's words, never the status code
    props.language = meta.bcp47
    props.comments = meta.status_label
    props.revision = 1
    props.created = moment
    props.modified = moment


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
