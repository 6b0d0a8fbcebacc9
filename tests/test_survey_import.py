"""`survey FILE`: the exports of Google Forms, Microsoft Forms and LimeSurvey become a
survey with counts per answer (shares computed from them), its sample and period; bad
exports get located errors and change nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from checking import copy_tiny, run_check

from strategy.commands.cli import main
from strategy.data.surveyexport import parse_date
from strategy.pipeline import load_and_validate

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
GOOGLE = SURVEYS / "google-forms.csv"
LIME = SURVEYS / "limesurvey-codes.csv"


def _survey(root: Path, file: Path, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["survey", str(file), "--sections", str(root), "--lang", "en",
                     "--id", "S9", "--group", "residents", "--title", "Ankieta testowa",
                     *options])
    return code, out.getvalue(), err.getvalue()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _imported(root: Path):
    surveys = load_and_validate(root).kinds["surveys"].surveys
    return next(s for s in surveys if s.id == "S9")


def _answers(finding) -> dict[str, tuple[int, float]]:
    return {a.label: (a.count, round(float(a.share.value), 1)) for a in finding.answers}


def test_a_google_forms_export_counts_single_and_checkbox_answers(tmp_path):
    root = copy_tiny(tmp_path)
    code, out, err = _survey(root, GOOGLE)
    assert code == 0, err
    assert "Imported survey S9: 12 responses from 2021-03-29 to 2021-04-10, 2 questions" in out
    survey = _imported(root)
    assert survey.sample.value == 12 and survey.method == "Google Forms"
    assert (survey.period.start, survey.period.end) == (dt.date(2021, 3, 29), dt.date(2021, 4, 10))
    rating, problems = survey.findings
    assert not rating.multiple and rating.answered == 11  # one left it empty
    # "Ani dobrze, ani źle" holds ", " and is still one answer of a single-choice question.
    assert _answers(rating) == {"Raczej dobrze": (5, 45.5), "Bardzo dobrze": (2, 18.2),
                                "Ani dobrze, ani źle": (2, 18.2), "Raczej źle": (2, 18.2)}
    assert problems.multiple and problems.answered == 11
    assert _answers(problems)["Brak miejsc pracy"] == (7, 63.6)
    assert _answers(problems)["Słaby transport publiczny"] == (5, 45.5)
    assert "\"Co chciałby Pan/Pani dodać?\" has too many different answers" in err
    assert run_check(root).exit_code == 0


def test_the_document_gives_n_per_question_where_fewer_answered_than_took_part(tmp_path):
    """Shares are of those who answered the question: that N is printed under its table,
    with the survey's sample beside it, where the two differ."""
    from strategy.pipeline import Progress, build

    root = copy_tiny(tmp_path)
    assert _survey(root, GOOGLE)[0] == 0
    written, problems, _ = build(root, tmp_path / "out", {"md"}, Progress(quiet=True))
    assert [p.code for p in problems if p.severity == "error"] == []
    text = written[0].read_text(encoding="utf-8").replace("\u00a0", " ").replace("\\", "")
    assert text.count("Źródło: badanie własne partnerstwa, N = 11 (na to pytanie odpowiedziało "
                      "11 z 12 respondentów)\n") == 2
    # The tiny survey's question has no count of those who answered: the sample is N.
    assert "Źródło: Badanie własne partnerstwa (dane ilustracyjne), N = 412\n" in text


def test_the_survey_is_appended_to_surveys_yaml_leaving_what_is_there_as_it_was(tmp_path):
    root = copy_tiny(tmp_path)
    before = (root / "surveys.yaml").read_text(encoding="utf-8")
    assert _survey(root, GOOGLE)[0] == 0
    after = (root / "surveys.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n  - id: S9\n")
    assert "      - {label: Raczej dobrze, count: 5}" in after
    assert "share" not in after[len(before):]  # shares are computed, never typed


def test_into_a_folder_of_surveys_the_survey_is_a_file_of_its_own(tmp_path):
    root = copy_tiny(tmp_path)
    (root / "surveys.yaml").rename(tmp_path / "old.yaml")
    folder = root / "surveys"
    folder.mkdir()
    old = (tmp_path / "old.yaml").read_text(encoding="utf-8")
    body = old.split("surveys:\n", 1)[1]
    (folder / "S1.yaml").write_text(
        "# yaml-language-server: $schema=../../../schema/surveys-item.schema.json\n"
        + "\n".join(line[4:] for line in body.split("\n")), encoding="utf-8")
    assert run_check(root).exit_code == 0
    code, _, err = _survey(root, GOOGLE)
    assert code == 0, err
    text = (folder / "S9.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/surveys-item.schema.json")


def _microsoft(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Identyfikator", "Godzina rozpoczęcia", "Godzina ukończenia", "Adres e-mail",
                  "Nazwa", "Które usługi są najpilniejsze?", "Czy korzysta Pan/Pani z autobusu?"])
    rows = [("Transport;Opieka nad seniorami;", "Tak"), ("Transport;", "Nie"),
            ("Internet;Transport;", "Tak"), ("Opieka nad seniorami;", "Tak"),
            ("Transport;Internet;Opieka nad seniorami;", "Nie"), ("Internet;", "Tak")]
    for i, (services, bus) in enumerate(rows, start=1):
        when = dt.datetime(2021, 5, i, 12, 0)
        sheet.append([i, when - dt.timedelta(minutes=5), when, "anonymous", "", services, bus])
    book.save(path)
    return path


def test_a_microsoft_forms_export_splits_choices_at_semicolons(tmp_path):
    root = copy_tiny(tmp_path)
    code, _, err = _survey(root, _microsoft(tmp_path / "Ankieta(1-6).xlsx"))
    assert code == 0, err
    survey = _imported(root)
    assert survey.sample.value == 6 and survey.method == "Microsoft Forms"
    assert (survey.period.start, survey.period.end) == (dt.date(2021, 5, 1), dt.date(2021, 5, 6))
    services, bus = survey.findings
    assert services.multiple and _answers(services) == {
        "Transport": (4, 66.7), "Opieka nad seniorami": (3, 50.0), "Internet": (3, 50.0)}
    assert not bus.multiple and _answers(bus) == {"Tak": (4, 66.7), "Nie": (2, 33.3)}


def test_a_limesurvey_export_groups_option_columns_and_leaves_incomplete_responses_out(tmp_path):
    root = copy_tiny(tmp_path)
    code, _, err = _survey(root, LIME)
    assert code == 0, err
    assert "1 incomplete response was left out" in err
    assert "by their codes" in err
    survey = _imported(root)
    assert survey.sample.value == 6 and survey.method == "LimeSurvey"
    single, multiple = survey.findings
    assert single.question == "G01Q01" and _answers(single)["Tak"] == (3, 50.0)
    assert multiple.question == "G01Q02" and multiple.multiple and multiple.answered == 6
    assert _answers(multiple) == {"SQ001": (4, 66.7), "SQ002": (3, 50.0), "SQ003": (3, 50.0)}
    assert "G01Q02[other]" in err  # the text typed beside "other" is an open answer


@pytest.mark.parametrize(("text", "day"), [
    ("2021/03/29 10:15:32 AM GMT+2", dt.date(2021, 3, 29)),
    ("2021-04-06 10:01:00", dt.date(2021, 4, 6)),
    ("29.03.2021 10:15", dt.date(2021, 3, 29)),
    ("3/29/2021 10:15:32", dt.date(2021, 3, 29)),
    ("3/29/21 10:15", dt.date(2021, 3, 29)),
    ("29/3/2021 10:15", dt.date(2021, 3, 29)),
    ("wczoraj", None),
])
def test_the_tools_timestamps_give_the_day(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(("content", "message"), [
    (b'"Name","Answer"\n"A","Tak"\n', "Unknown layout"),
    (b'"Timestamp","Q"\n', "The export holds no responses"),
    (b'"Timestamp","Q"\n"sometime","Tak"\n', "'sometime' is not a date of a response"),
    (b'"Timestamp","Q"\n"2021/03/29 10:00:00","A1"\n"2021/03/29 10:00:01","A2"\n'
     b'"2021/03/29 10:00:02","A3"\n"2021/03/29 10:00:03","A4"\n"2021/03/29 10:00:04","A5"\n',
     "no question with choices"),
    (b"PK\x03\x04 not really a zip", "This is not an Excel workbook (XLSX)."),
])
def test_bad_exports_are_refused_and_change_nothing(tmp_path, content, message):
    root = copy_tiny(tmp_path)
    before = _tree(root)
    bad = tmp_path / "export.csv"
    bad.write_bytes(content)
    code, _, err = _survey(root, bad)
    assert code == 1 and message in err and "Traceback" not in err, err
    assert _tree(root) == before


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    import zipfile

    root = copy_tiny(tmp_path)
    bad = tmp_path / "export.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("hello.txt", "hi")
    code, _, err = _survey(root, bad)
    assert code == 1 and "This is not an Excel workbook (XLSX)." in err


def test_a_workbook_that_would_unpack_to_a_huge_size_is_refused_unopened(tmp_path):
    import zipfile

    root = copy_tiny(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (110 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    code, _, err = _survey(root, bomb)
    assert code == 1 and "unpacks to 110 MB" in err


def test_an_existing_survey_id_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    shutil.copy(GOOGLE, tmp_path / "a.csv")
    assert _survey(root, tmp_path / "a.csv")[0] == 0
    before = _tree(root)
    code, _, err = _survey(root, GOOGLE)
    assert code == 1 and "A survey with ID 'S9' already exists." in err
    assert _tree(root) == before


@pytest.mark.parametrize(("old", "new", "code", "message"), [
    ("{label: Raczej dobrze, count: 5}", "{label: Raczej dobrze, count: 5, share: 50}",
     "survey.share_mismatch", "the share 50% does not match 5 of 11 (45.5%)"),
    ("{label: Raczej dobrze, count: 5}", "{label: Raczej dobrze, count: 12}",
     "survey.count_too_big", "12 is more than the 11 who answered"),
    ("{label: Raczej dobrze, count: 5}", "{label: Raczej dobrze}",
     "survey.share_missing", "has neither a count nor a share"),
    ("        answered: 11\n        answers:\n          - {label: Brak",
     "        answers:\n          - {label: Brak",
     "survey.answered_missing", "gives counts but not 'answered'"),
    ("        answered: 11\n        answers:\n          - {label: Brak",
     "        answered: 13\n        answers:\n          - {label: Brak",
     "survey.answered_above_sample", "13 answered the question, more than the survey's 12"),
])
def test_counts_and_shares_that_cannot_be_right_are_located_errors(tmp_path, old, new, code,
                                                                   message):
    root = copy_tiny(tmp_path)
    assert run_check(root).exit_code == 0  # the tiny surveys type shares
    assert _survey(root, GOOGLE)[0] == 0
    path = root / "surveys.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    check = run_check(root, "--lang", "en")
    found = [p for p in check.problems if p["code"] == code]
    assert check.exit_code == 1 and found, check.describe()
    assert message in found[0]["message"] and found[0]["file"] == "surveys.yaml"


def test_an_id_that_would_name_a_file_outside_the_sections_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    (root / "surveys.yaml").unlink()
    (root / "surveys").mkdir()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["survey", str(GOOGLE), "--sections", str(root), "--lang", "en",
                     "--id", "../../poza", "--group", "residents", "--title", "T"])
    assert code == 2 and "cannot be the ID of a file" in err.getvalue()
    assert not list(tmp_path.rglob("poza*"))
