"""Rewrite an OOXML zip so that the same content always gives the same bytes.

python-docx stamps every zip entry with the current time, so two saves a second apart
differ. Here each entry gets one fixed date and the entries a stable order:
``[Content_Types].xml`` first (some readers sniff it there), then the rest by name.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

ZipDate = tuple[int, int, int, int, int, int]


def normalized_zip(
    data: bytes, *, date: ZipDate, replace: Mapping[str, bytes] | None = None
) -> bytes:
    """Return ``data`` re-zipped with fixed dates; ``replace`` swaps entries' contents."""
    replace = dict(replace or {})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries.update(replace)
    return zip_entries(entries, date=date)


def zip_entries(entries: Mapping[str, bytes], *, date: ZipDate) -> bytes:
    """A zip of ``entries`` (name -> contents) with fixed dates, in the stable order."""
    names = sorted(entries, key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # ZipInfo's default depends on the OS building it
            info.external_attr = 0
            # A fixed level: the same zlib gives the same compressed bytes.
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
