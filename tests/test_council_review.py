"""The council's review as council members really send it back, filed as the working
group needs it: one item per comment thread (its replies with it, "resolved" kept), one
per replacement, one per moved sentence, each naming the section file and field that hold
its text. Files are written as Word writes them (tests/word_review.py) and as LibreOffice
saves them (the same files opened and saved by soffice). Comments on an earlier draft are
filed against that draft, located in the current sections or marked stale; comments on
a redline are filed like those on the draft."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from test_release_support import SOFFICE, cli, edit, new_project, snapshot
from word_review import WordReview

from strategy.commands.cli import main

STEM = "strategia-testowa"
JAN, EWA, ADAM = "Jan Kowalski", "Ewa Radna", "Adam Nowak"
DAY = dt.date(2021, 7, 1)
INTRO_OLD = "Strategia powstała w partnerstwie dwóch gmin i powiatu."
INTRO = ("Strategia powstała w partnerstwie dwóch gmin i powiatu. Obejmuje lata 2022–2030 "
         "i cały obszar obu gmin. Dokument przygotowała grupa robocza partnerstwa.")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Two council drafts: v0.3, and v0.4 with direction K3 renamed."""
    root = new_project(tmp_path_factory.mktemp("review"))
    s = root / "sections"
    edit(s / "introduction.yaml", INTRO_OLD, INTRO)
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-20", "--format", "docx"]) == 0
    edit(s / "directions.yaml", "title: Transport zbiorowy", "title: Wspólny transport zbiorowy")
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-27", "--format", "docx"]) == 0
    return root


@pytest.fixture
def work(project, tmp_path) -> Path:
    shutil.copytree(project, tmp_path / "p")
    return tmp_path / "p"


def _draft(root: Path, version: str = "0.4") -> Path:
    return root / "releases" / f"v{version}" / f"{STEM}-v{version}-rada.docx"


def _redline(root: Path) -> Path:
    return root / "releases" / "v0.4" / f"{STEM}-v0.4-rada-zmiany-od-v0.3.docx"


def saved_by_libreoffice(docx: Path, out: Path) -> Path:
    """The file opened in LibreOffice Writer and saved again as Word 2007-365 (.docx)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/.profile",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=240)
    return out / docx.name


def _filed(root: Path) -> list[dict]:
    folder = root / "sections" / "review"
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.glob("*.yaml"))]


def _import(capsys, root: Path, docx: Path):
    result = cli(capsys, "comments", docx, "--sections", root / "sections")
    assert result.code == 0, result.err
    return result


# --- one council member's copy: a thread, a replacement, a moved sentence --------------------

def _reviewed(source: Path, target: Path) -> Path:
    review = WordReview(source)
    thread = review.comment("Wspólny transport zbiorowy", "Dodać połączenia kolejowe.", JAN,
                            dt.datetime(2021, 7, 1, 9, 30))
    review.reply(thread, "Kolej nie należy do zadań gmin.", EWA, dt.datetime(2021, 7, 2, 8))
    review.reply(thread, "Zgoda, zostawiamy autobusy.", JAN, dt.datetime(2021, 7, 2, 10))
    review.resolve(thread)
    review.comment("Współpraca dla rozwoju", "Za ogólne.", ADAM, DAY)
    review.replace("przedsiębiorczości", "lokalnej przedsiębiorczości", EWA, DAY)
    review.move(" Dokument przygotowała grupa robocza partnerstwa.", "Obejmuje lata", JAN, DAY,
                inserted="Dokument przygotowała grupa robocza partnerstwa. ")
    return review.save(target)


@pytest.fixture(scope="module")
def copies(project, tmp_path_factory) -> dict[str, Path]:
    """The same review saved by Word and, when LibreOffice is installed, by LibreOffice."""
    folder = tmp_path_factory.mktemp("copies")
    word = _reviewed(_draft(project), folder / "uwagi-rada.docx")
    found = {"word": word}
    if SOFFICE:
        found["libreoffice"] = saved_by_libreoffice(word, folder / "libreoffice")
    return found


@pytest.fixture(params=["word", "libreoffice"])
def filed(request, copies, project, tmp_path, capsys) -> list[dict]:
    if request.param not in copies:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path / "p"
    shutil.copytree(project, root)
    result = _import(capsys, root, copies[request.param])
    assert "Zarejestrowano 4 uwagi" in result.out, result.out
    return _filed(root)


def _one(filed: list[dict], **fields) -> dict:
    [item] = [i for i in filed if all(i.get(k) == v for k, v in fields.items())]
    return item


def test_items_are_numbered_in_the_order_of_the_document(filed):
    assert [(i["id"], i["kind"]) for i in filed] == [
        ("U-0.4-001", "move"), ("U-0.4-002", "comment"), ("U-0.4-003", "replacement"),
        ("U-0.4-004", "comment")]


def test_a_thread_is_one_item_with_its_replies_in_order_and_resolved(filed):
    thread = _one(filed, text="Dodać połączenia kolejowe.")
    assert (thread["kind"], thread["author"]) == ("comment", JAN)
    assert [(r["author"], r["text"]) for r in thread["replies"]] == [
        (EWA, "Kolej nie należy do zadań gmin."), (JAN, "Zgoda, zostawiamy autobusy.")]
    assert thread["resolved"] is True
    assert (thread["file"], thread["field"]) == ("directions.yaml", "directions[K3].title")
    # A resolved thread is still the council's comment: the working group answers it.
    assert thread["status"] == "open"
    assert not any(item["text"].startswith(("Kolej", "Zgoda")) for item in filed)


def test_an_unresolved_comment_without_replies_has_neither(filed):
    lone = _one(filed, author=ADAM)
    assert (lone["author"], lone["text"], lone["file"], lone["field"]) == (
        ADAM, "Za ogólne.", "goals.yaml", "mission")
    assert "replies" not in lone and "resolved" not in lone


def test_a_replacement_is_one_item_with_the_words_it_replaces(filed):
    [replacement] = [i for i in filed if i["kind"] == "replacement"]
    assert (replacement["text"], replacement["replaced"]) == (
        "lokalnej przedsiębiorczości", "przedsiębiorczości")
    assert (replacement["file"], replacement["field"]) == ("directions.yaml",
                                                          "directions[K2].title")
    assert (replacement["quoted"], replacement["proposed"]) == (
        "Wsparcie przedsiębiorczości", "Wsparcie lokalnej przedsiębiorczości")


def test_a_moved_sentence_is_one_item_showing_the_paragraph_before_and_after(filed):
    move = _one(filed, kind="move")
    assert move["text"] == "Dokument przygotowała grupa robocza partnerstwa."
    assert (move["file"], move["field"]) == ("introduction.yaml", "text")
    assert move["quoted"] == INTRO
    assert move["proposed"] == (
        "Strategia powstała w partnerstwie dwóch gmin i powiatu. Dokument przygotowała grupa "
        "robocza partnerstwa. Obejmuje lata 2022–2030 i cały obszar obu gmin.")
    assert len([i for i in filed if i["author"] == JAN and i["kind"] != "comment"]) == 1


def test_word_dragging_a_phrase_as_a_deletion_and_an_insertion_is_one_move(work, capsys,
                                                                          tmp_path):
    review = WordReview(_draft(work))
    review.delete(" i cały obszar obu gmin", EWA, DAY)
    review.insert("w partnerstwie dwóch gmin", " i cały obszar obu gmin", EWA, DAY)
    _import(capsys, work, review.save(tmp_path / "r.docx"))
    [item] = _filed(work)
    assert (item["kind"], item["text"], item["field"]) == ("move", "i cały obszar obu gmin",
                                                          "text")
    assert item["proposed"] == ("Strategia powstała w partnerstwie dwóch gmin i cały obszar "
                                "obu gmin i powiatu. Obejmuje lata 2022–2030. Dokument "
                                "przygotowała grupa robocza partnerstwa.")


def test_word_without_personal_information_is_filed_too(work, capsys, tmp_path):
    review = WordReview(_draft(work), anonymous=True)
    review.comment("Współpraca dla rozwoju", "Za ogólne.", JAN, DAY)
    _import(capsys, work, review.save(tmp_path / "r.docx"))
    [item] = _filed(work)
    assert (item["author"], item["text"], item["field"]) == ("Author", "Za ogólne.", "mission")


# --- an earlier draft ---------------------------------------------------------------------------

def test_comments_on_an_earlier_draft_are_filed_against_it_and_located_now_or_marked_stale(
        work, capsys, tmp_path):
    review = WordReview(_draft(work, "0.3"))
    review.comment("Transport zbiorowy", "Dodać kolej.", JAN, DAY)  # renamed in 0.4
    review.comment("Współpraca dla rozwoju", "Za ogólne.", EWA, DAY)  # unchanged
    result = _import(capsys, work, review.save(tmp_path / "r.docx"))
    assert ("Dokument jest w wersji 0.3, a później wydano wersję 0.4: uwagi zarejestrowano do "
            "wersji 0.3") in result.out
    assert "1 uwaga dotyczy tekstu, którego nie ma już w sekcjach" in result.out
    current, stale = _filed(work)  # in the order of the document: the mission comes first
    assert "U-0.3-002" in result.out.splitlines()[-1]
    assert (stale["id"], stale["version"], stale["stale"]) == ("U-0.3-002", "0.3", True)
    # Where the words stood in the version commented on.
    assert (stale["file"], stale["field"]) == ("directions.yaml", "directions[K3].title")
    assert (current["id"], current["version"], "stale" in current) == ("U-0.3-001", "0.3",
                                                                       False)
    assert (current["file"], current["field"]) == ("goals.yaml", "mission")


def test_a_change_on_an_earlier_draft_whose_words_have_changed_is_stale(work, capsys,
                                                                         tmp_path):
    review = WordReview(_draft(work, "0.3"))
    review.insert("Transport", " publiczny", JAN, DAY)
    _import(capsys, work, review.save(tmp_path / "r.docx"))
    [item] = _filed(work)
    assert (item["kind"], item["stale"], item["field"]) == ("insertion", True,
                                                           "directions[K3].title")
    assert (item["quoted"], item["proposed"]) == ("Transport zbiorowy",
                                                  "Transport publiczny zbiorowy")


# --- a redline --------------------------------------------------------------------------------

def test_comments_on_the_redline_are_filed_like_those_on_the_draft(work, capsys, tmp_path):
    review = WordReview(_redline(work))
    review.comment("Współpraca dla rozwoju", "Za ogólne.", EWA, DAY)
    review.comment("Wspólny transport", "Dobra zmiana.", JAN, DAY)  # words the redline adds
    review.insert("Współpraca dla rozwoju", " obszaru", ADAM, DAY)
    result = _import(capsys, work, review.save(tmp_path / "r.docx"))
    assert ("To wersja 0.4 z oznaczonymi zmianami względem 0.3: uwagi zarejestrowano do "
            "wersji 0.4") in result.out
    items = _filed(work)
    # The release's own tracked changes (the renamed K3) are not the council's proposals.
    assert [(i["id"], i["kind"], i["author"], i["field"]) for i in items] == [
        ("U-0.4-001", "comment", EWA, "mission"),
        ("U-0.4-002", "insertion", ADAM, "mission"),
        ("U-0.4-003", "comment", JAN, "directions[K3].title")]
    assert items[2]["quoted"] == "Wspólny transport"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_comments_on_the_redline_saved_by_libreoffice_are_filed_the_same(work, capsys,
                                                                          tmp_path):
    review = WordReview(_redline(work))
    review.comment("Współpraca dla rozwoju", "Za ogólne.", EWA, DAY)
    review.replace("Współpraca", "Kooperacja", ADAM, DAY)
    saved = saved_by_libreoffice(review.save(tmp_path / "r.docx"), tmp_path / "lo")
    _import(capsys, work, saved)
    assert [(i["kind"], i["author"], i["text"]) for i in _filed(work)] == [
        ("comment", EWA, "Za ogólne."), ("replacement", ADAM, "Kooperacja")]


def test_a_redline_against_a_version_never_released_is_refused(work, capsys, tmp_path):
    import zipfile

    source = _redline(work)
    target = tmp_path / "r.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "docProps/custom.xml":
                data = data.replace(b"<vt:lpwstr>0.3</vt:lpwstr>",
                                    b"<vt:lpwstr>0.1</vt:lpwstr>")
            new.writestr(name, data)
    before = snapshot(work / "sections")
    result = cli(capsys, "comments", target, "--sections", work / "sections")
    assert result.code == 1
    assert "To wersja 0.4 z oznaczonymi zmianami względem 0.1, a wersji 0.1 nie wydano." in (
        result.err)
    assert snapshot(work / "sections") == before


def test_the_annex_of_the_next_draft_shows_the_replacement_and_the_thread(copies, project,
                                                                        tmp_path, capsys):
    root = tmp_path / "p"
    shutil.copytree(project, root)
    _import(capsys, root, copies["word"])
    built = cli(capsys, "build", "--sections", root / "sections", "--out", tmp_path / "out",
                "--format", "md")
    assert built.code == 0, built.err
    text = next((tmp_path / "out").glob("*.md")).read_text("utf-8").replace("\\", "")
    text = text.replace("\u00a0", " ")
    assert "Propozycja zamiany: „przedsiębiorczości” → „lokalnej przedsiębiorczości”" in text
    assert ("Dodać połączenia kolejowe. Odpowiedzi w wątku: Ewa Radna: Kolej nie należy do "
            "zadań gmin., Jan Kowalski: Zgoda, zostawiamy autobusy.") in text
    assert "Propozycja przeniesienia: Dokument przygotowała grupa robocza partnerstwa." in text
