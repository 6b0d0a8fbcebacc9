"""The HTML page's images and stylesheet are embedded in Python (export/html/embed.py)
exactly as pandoc's --embed-resources embeds them: the same bytes for every page shape
pandoc's writer and html.lua write, and no answer (pandoc then does it) for any other."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from strategy.export.html.embed import self_contained
from strategy.export.html.export import STYLESHEET
from strategy.export.pandoc import pandoc_binary

SVG = (b'<?xml version="1.0" encoding="utf-8"?>\r\n<svg xmlns="http://www.w3.org/2000/svg" '
       b'width="10pt" height="10pt"><rect width="5" height="5"/></svg>\r\n')
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
                    "890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def pandoc_embeds(page: str, resources: Path, tmp_path: Path) -> str:
    """What pandoc --embed-resources makes of ``page``: given as the template of an empty
    document, it is written as it is, then embedded."""
    template = tmp_path / "page.html"
    template.write_text(page.replace("$", "$$"), encoding="utf-8")
    return subprocess.run(
        [pandoc_binary(), "-f", "markdown", "-t", "html5", "--standalone",
         f"--template={template}", "--embed-resources", f"--resource-path={resources}"],
        input=b"", capture_output=True, check=True, cwd=tmp_path).stdout.decode("utf-8")


@pytest.fixture
def resources(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    (folder / "charts").mkdir(parents=True)
    (folder / "charts" / "plan.svg").write_bytes(SVG)
    (folder / "logo.PNG").write_bytes(PNG)
    return folder


PAGES = {
    "a page as the build writes it": f"""<!DOCTYPE html>
<html lang="pl-PL">
<head>
<meta charset="utf-8">
<title>Strategia „Razem” – O'Brien &amp; syn</title>
<meta name="description" content="Opis &quot;cytat&quot; &lt;b&gt; &#39;x&#39;">
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body>
<header class="titlepage"><p class="draft-mark" role="note">PROJEKT – wersja 0.3</p>
<p><img src="logo.PNG" alt="" /></p></header>
<main id="main">
<h2 id="a"><span
class="number">1.1.</span> Tytuł z ' i " i &amp; i &gt;</h2>
<p>Linia<br />
druga</p>
<table>
<colgroup>
<col style="width: 50%" />
<col style="width: 50%" />
</colgroup>
<tr><td hidden>x</td><td></td></tr>
</table>
<figure id="fig:plan"><img src="charts/plan.svg" \
alt="Wykres: 'plan' &amp; &quot;lata&quot; &lt;2030&gt;"><figcaption><strong>Rysunek 1.</strong> \
Plan</figcaption></figure>
<p><img role="presentation" aria-label="już jest" src="charts/plan.svg" alt="x" /></p>
<p><img src="data:image/png;base64,AAAA" alt="dane" /></p>
</main>
</body>
</html>
""",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_is_embedded_to_the_byte_as_pandoc_embeds_it(name, resources, tmp_path):
    page = PAGES[name]
    ours = self_contained(page, resources)
    assert ours is not None
    assert ours == pandoc_embeds(page, resources, tmp_path)
    assert "data:image/svg+xml;base64," in ours and "<style" in ours and "<link" not in ours


@pytest.mark.parametrize("odd", [
    "<!-- a comment -->",
    "<script>var a = 1;</script>",
    "<p>&nbsp;</p>",
    "<p>a &amp b</p>",
    "<p>1 < 2</p>",
    "<p><img src='charts/plan.svg' alt='single quotes'></p>",
    '<p><img src="https://example.org/x.png" alt="remote"></p>',
    '<p><img src="missing.png" alt="no file"></p>',
    '<p><img src="charts/plan.webp" alt="no type"></p>',
    '<p><img src="../outside.png" alt="outside"></p>',
    '<video src="charts/plan.svg"></video>',
    '<p><img class="inline-svg" src="charts/plan.svg" alt="inline"></p>',
])
def test_a_page_with_anything_else_is_left_to_pandoc(odd, resources):
    page = f'<!DOCTYPE html>\n<html>\n<body>\n{odd}\n</body>\n</html>\n'
    assert self_contained(page, resources) is None
