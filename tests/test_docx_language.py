"""The DOCX in the strategy's language (issue 11, item 11): what a Word user sees besides
the text (the names of the styles in the Styles pane, the custom properties in File >
Info > Properties, the core properties, the language of the styles for spelling and
hyphenation) follows the record's ``language``; read with python-docx and LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from checking import copy_tiny, switch_language

from strategy.commands.cli import main
from strategy.language.labels import labels

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {}
    for lang in ("pl", "en"):
        tmp = tmp_path_factory.mktemp(lang)
        root = copy_tiny(tmp)
        if lang != "pl":
            switch_language(root, lang)
        assert main(["build", "--sections", str(root), "--out", str(tmp / "out"),
                     "--format", "docx"]) == 0
        found[lang] = next((tmp / "out").glob("*.docx"))
    return found


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def _style_names(path: Path) -> dict[str, str]:
    doc = docx.Document(str(path))
    return {s.style_id: s.name for s in doc.styles}


# The names of the tool's styles and of pandoc's that a Word user sees, per language.
OWN_STYLES = {
    "pl": {"Source": "Źródło", "TitlePagePartnership": "Strona tytułowa – partnerstwo",
           "TableCaption": "Podpis tabeli", "ImageCaption": "Podpis rysunku",
           "ListTitle": "Tytuł spisu", "Table": "Tabela"},
    "en": {"Source": "Source", "TitlePagePartnership": "Title page – partnership",
           "TableCaption": "Table Caption", "ImageCaption": "Image Caption",
           "ListTitle": "List title", "Table": "Table"},
}


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_styles_a_word_user_sees_are_named_in_the_strategys_language(built, lang):
    names = _style_names(built[lang])
    for style_id, name in OWN_STYLES[lang].items():
        assert names[style_id] == name
    # Word's built-in styles keep the names Word recognises (and shows in its own language).
    assert names["Heading1"].lower() == "heading 1"
    assert names["TOCHeading"] == "TOC Heading"
    used = {p.style.name for p in docx.Document(str(built[lang])).paragraphs}
    assert OWN_STYLES[lang]["Source"] in used and OWN_STYLES[lang]["TitlePagePartnership"] in used


def test_no_polish_style_name_is_left_in_the_english_document(built):
    polish = set(labels("pl")["docx"]["styles"].values()) - set(
        labels("en")["docx"]["styles"].values())
    assert not polish & set(_style_names(built["en"]).values())
    assert not re.search("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]", " ".join(_style_names(built["en"]).values()))


@pytest.mark.parametrize(("lang", "tag", "names"), [
    ("pl", "pl-PL", ["Wersja", "Status", "Data wersji", "Partnerstwo"]),
    ("en", "en-GB", ["Version", "Status", "Version date", "Partnership"]),
])
def test_properties_and_style_languages_follow_the_strategy(built, lang, tag, names):
    props = docx.Document(str(built[lang])).core_properties
    assert props.language == tag
    status = labels(lang)["status"]["council"]
    assert props.category == props.content_status == status
    custom = _part(built[lang], "docProps/custom.xml")
    assert re.findall(r'name="([^"]+)"', custom) == names
    assert f"<vt:lpwstr>{status}</vt:lpwstr>" in custom
    styles = _part(built[lang], "word/styles.xml")
    languages = {value for element in re.findall(r"<w:lang ([^>]*)/>", styles)
                 for name, value in re.findall(r'w:(\w+)="([^"]+)"', element) if name != "bidi"}
    assert languages == {tag}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_english_document_with_its_english_style_names(built, tmp_path):
    out = tmp_path / "odt"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "odt", "--outdir", str(out), str(built["en"])],
                   check=True, capture_output=True, timeout=180)
    odt = out / (built["en"].stem + ".odt")
    with zipfile.ZipFile(odt) as archive:
        styles = archive.read("styles.xml").decode("utf-8")
        content = archive.read("content.xml").decode("utf-8")
        meta = archive.read("meta.xml").decode("utf-8")
    # A style's name as LibreOffice shows it: its display name, else its name.
    shown = {display or name for name, display in re.findall(
        r'<style:style style:name="([^"]+)"(?: style:display-name="([^"]+)")?', styles)}
    assert {"Source", "Title page – partnership", "Table Caption"} <= shown
    assert not shown & {"Źródło", "Strona tytułowa – partnerstwo", "Tytuł spisu"}
    assert "Document information" in content  # the text is there, in English
    assert 'meta:name="Version" meta:value-type="string">0.2<' in meta
    assert 'meta:name="Version date"' in meta and 'meta:name="Wersja"' not in meta
    assert "<dc:language>en-GB</dc:language>" in meta
