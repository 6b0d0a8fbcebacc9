"""`package`: the submission ZIP of a final version for the ministry, the managing
authority and the voivodeship board: the strategy's PDF and DOCX, the readiness and
consultation reports, and manifest.json with the SHA-256 of each; refused otherwise."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest
from submission import complete_copy

from strategy.commands.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def package(sections: Path, out: Path, *more: str) -> tuple[int, str, str]:
    return run("package", "--sections", str(sections), "--out", str(out), *more)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, zipfile.ZipFile]:
    tmp = tmp_path_factory.mktemp("package")
    sections = complete_copy(tmp)
    code, out, err = package(sections, tmp / "out")
    assert code == 0, err
    path = Path(out.strip())
    return path, zipfile.ZipFile(path)


def _manifest(archive: zipfile.ZipFile) -> dict:
    return json.loads(archive.read("manifest.json"))


# --- what the package holds ---------------------------------------------------------------

def test_the_package_is_named_after_the_strategy_and_its_version(made):
    path, _ = made
    assert path.name == "strategia-testowa-v1.0-pakiet.zip"


def test_the_package_holds_the_documents_the_reports_and_the_manifest(made):
    _, archive = made
    assert sorted(archive.namelist()) == [
        "manifest.json", "raport-gotowosci.json", "raport-gotowosci.pdf",
        "raport-z-konsultacji.pdf", "strategia-testowa-v1.0-ostateczna.docx",
        "strategia-testowa-v1.0-ostateczna.pdf"]
    roles = {f["name"]: f["role"] for f in _manifest(archive)["files"]}
    assert roles == {
        "raport-gotowosci.json": "readiness-data", "raport-gotowosci.pdf": "readiness-report",
        "raport-z-konsultacji.pdf": "consultation-report",
        "strategia-testowa-v1.0-ostateczna.docx": "strategy-docx",
        "strategia-testowa-v1.0-ostateczna.pdf": "strategy-pdf"}


def test_the_manifest_gives_the_sha256_and_size_of_every_other_file(made):
    _, archive = made
    manifest = _manifest(archive)
    listed = {f["name"] for f in manifest["files"]}
    assert listed == set(archive.namelist()) - {"manifest.json"}
    for entry in manifest["files"]:
        data = archive.read(entry["name"])
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["name"]
        assert entry["bytes"] == len(data)
    assert (manifest["version"], manifest["status"], manifest["date"]) == (
        "1.0", "final", "2021-10-20")
    assert manifest["source"] == "sections"


def test_every_pdf_in_the_package_is_pdf_a_2a_and_pdf_ua_1_in_polish(made):
    _, archive = made
    for name in (n for n in archive.namelist() if n.endswith(".pdf")):
        with pikepdf.open(io.BytesIO(archive.read(name))) as pdf, pdf.open_metadata() as xmp:
            assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("2", "A"), name
            assert xmp.get("pdfuaid:part") == "1", name
            assert str(pdf.Root.Lang) == "pl-PL", name
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle), name


def test_the_consultation_report_answers_every_comment(made):
    _, archive = made
    reader = pypdf.PdfReader(io.BytesIO(archive.read("raport-z-konsultacji.pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Raport z konsultacji" in text
    for ident in ("K-01", "K-02", "K-03"):
        assert ident in text
    assert "Linia odpowiada na wniosek W2" in text
    with pikepdf.open(io.BytesIO(archive.read("raport-z-konsultacji.pdf"))) as pdf:
        title = str(pdf.docinfo.Title)
    assert title.startswith("Raport z konsultacji – Strategia rozwoju ponadlokalnego")


def test_the_readiness_report_says_every_element_is_present(made):
    _, archive = made
    report = json.loads(archive.read("raport-gotowosci.json"))
    assert report["ready"] is True and len(report["elements"]) == 22
    assert {e["status"] for e in report["elements"]} == {"present"}
    reader = pypdf.PdfReader(io.BytesIO(archive.read("raport-gotowosci.pdf")))
    assert "Zgodność strategii z wymogami prawa" in reader.pages[0].extract_text()


def test_the_package_is_the_same_bytes_when_made_again(made, tmp_path: Path):
    path, _ = made
    sections = complete_copy(tmp_path)
    code, out, _ = package(sections, tmp_path / "again")
    assert code == 0
    assert Path(out.strip()).read_bytes() == path.read_bytes()


# --- refusals ---------------------------------------------------------------------------------

def test_a_draft_is_refused(tmp_path: Path):
    sections = complete_copy(tmp_path, status="consultation")
    code, _, err = package(sections, tmp_path / "out")
    assert code == 1
    assert "tylko z wersji ostatecznej; wersja 0.3 ma status „projekt do konsultacji" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_final_version_missing_a_statutory_element_is_refused(tmp_path: Path):
    sections = complete_copy(tmp_path)
    (sections / "evaluation.yaml").unlink()
    code, _, err = package(sections, tmp_path / "out")
    assert code == 1
    assert "Uprzednia ewaluacja (ex ante)" in err and "art. 10a ust. 2 u.z.p.p." in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_sections_with_errors_are_refused_with_their_problems(tmp_path: Path):
    sections = complete_copy(tmp_path)
    (sections / "maps" / "model.geojson").write_text("{", encoding="utf-8")
    code, _, err = package(sections, tmp_path / "out")
    assert code == 1 and "map" in err.lower() and "Traceback" not in err


def test_a_failing_exporter_leaves_no_package_and_no_traceback(tmp_path: Path, monkeypatch):
    from strategy.export.pdf import export as pdf_export

    def broken(*_args, **_kwargs):
        raise RuntimeError("typst crashed")

    monkeypatch.setattr(pdf_export, "export_pdf", broken)
    sections = complete_copy(tmp_path)
    code, _, err = package(sections, tmp_path / "out")
    assert code == 1 and "Traceback" not in err
    assert not list((tmp_path / "out").glob("*.zip"))


# --- from a release folder -------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("released")
    sections = complete_copy(tmp, status="consultation")
    code, _, err = run("release", "--sections", str(sections), "--status", "final",
                       "--date", "2021-10-20", "--note", "Wersja ostateczna")
    assert code == 0, err
    return sections


def test_the_package_takes_the_documents_of_the_final_release(released: Path, tmp_path: Path):
    code, out, err = package(released, tmp_path / "out")
    assert code == 0, err
    folder = released.parent / "releases" / "v1.0"
    assert f"Dokumenty z wydania: {folder}" in err
    archive = zipfile.ZipFile(out.strip())
    assert _manifest(archive)["source"] == "release v1.0"
    for suffix in (".pdf", ".docx"):
        [archived] = [p for p in folder.glob(f"*{suffix}")]
        assert archive.read(archived.name) == archived.read_bytes()


def test_a_release_folder_edited_by_hand_is_refused(released: Path, tmp_path: Path):
    folder = released.parent / "releases" / "v1.0"
    pdf = next(folder.glob("*.pdf"))
    original = pdf.read_bytes()
    try:
        pdf.write_bytes(original + b"\n%edited")
        code, _, err = package(released, tmp_path / "out")
        assert code == 1 and f"Nie można użyć wydania {folder}" in err
        assert not list((tmp_path / "out").glob("*.zip")) if (tmp_path / "out").exists() else True
    finally:
        pdf.write_bytes(original)
