"""The document's one typeface, shared by the PDF, the DOCX, the HTML and the charts.

Liberation Sans 2.1.5 (fonts/, SIL Open Font License 1.1, see fonts/OFL.txt) is
metric-compatible with Arial: every glyph has Arial's advance width. So

- the PDF embeds Liberation Sans (typst reads only fonts/ and its own, never the
  system's, so a rebuild is byte-identical on any machine);
- the DOCX names Arial, which every Windows and macOS office machine has and which
  LibreOffice replaces by Liberation Sans: lines and pages break alike in Word, in
  LibreOffice and in the PDF;
- the charts and maps are drawn in it (text turned into outlines in the SVG);
- tables are measured with its advance widths (compose/measure.py) for all of them.

The fonts are the repository's own files: building needs nothing from apt.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "Liberation Sans"
# The family an office document names: metric-identical to FAMILY (see above).
OFFICE_FAMILY = "Arial"
# For the few symbols Liberation Sans lacks (✓): DejaVu Sans, from the pinned matplotlib.
SYMBOL_FALLBACK = "DejaVu Sans"
FACES = {
    (False, False): FONT_DIR / "LiberationSans-Regular.ttf",
    (True, False): FONT_DIR / "LiberationSans-Bold.ttf",
    (False, True): FONT_DIR / "LiberationSans-Italic.ttf",
    (True, True): FONT_DIR / "LiberationSans-BoldItalic.ttf",
}
