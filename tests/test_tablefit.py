"""Table widths from their content and the rule for portrait, landscape, turned and
split tables (strategy/model/tablefit.py), and the ``check`` warning that announces it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from large_fixture import large_sections

from strategy.compose.markdown import table
from strategy.model import tablefit as tf
from strategy.model.common import Table

REPO = Path(__file__).resolve().parent.parent


def cells(texts, bold=False):
    return [tf.Cell(t, bold) for t in texts]


def test_widths_are_measured_with_the_typefaces_advance_widths():
    # Liberation Sans, like Arial: "m" is 0.833 em, "i" 0.222 em (regular).
    assert abs(tf.text_width("m", size=10) - 8.33 * tf.SAFETY) < 0.05
    assert tf.text_width("Powierzchnia", bold=True) > tf.text_width("Powierzchnia")


def test_no_column_is_narrower_than_its_longest_word():
    header = cells(["Członek partnerstwa", "Rodzaj", "Powiat", "Kod TERYT",
                    "Powierzchnia [km²]", "Ludność", "Rok danych o ludności"], bold=True)
    rows = [cells(["Miasto i Gmina Łosice", "gmina miejsko-wiejska", "łosicki", "1410023",
                   "121,20", "10 815", "2019"])] * 16
    fit = tf.fit(header, rows)
    width = tf.LANDSCAPE_WIDTH if fit.landscape else tf.PORTRAIT_WIDTH
    for i, share in enumerate(fit.widths):
        longest = max(c.longest_word for c in [header[i]] + [r[i] for r in rows])
        assert share * width >= longest + tf.CELL_PADDING - 0.01, i


def test_a_narrow_table_stays_portrait():
    fit = tf.fit(cells(["Rok", "Kwota"], True), [cells(["2023", "1 000 zł"])] * 9)
    assert fit.orientation == "portrait" and not fit.parts and not fit.transposed


def test_a_table_whose_words_do_not_fit_portrait_goes_landscape():
    header = cells([f"Kolumna{i}" for i in range(7)], True)
    fit = tf.fit(header, [cells(["Przedsiębiorczość"] * 7)] * 12)
    assert fit.landscape and not fit.parts


def test_many_columns_and_few_rows_are_turned_round():
    header = cells(["Wskaźnik"] + [f"Gmina Ściborzyce {i}" for i in range(41)], True)
    fit = tf.fit(header, [cells([f"W{r}"] + ["12,5"] * 41) for r in range(6)])
    assert fit.transposed and fit.orientation == "portrait"


def test_many_columns_and_many_rows_are_split_with_the_label_column_in_every_part():
    header = cells(["Gmina"] + [f"Wskaźnik nr {i}" for i in range(41)], True)
    fit = tf.fit(header, [cells([f"Gmina {r}"] + ["12,5"] * 41) for r in range(60)])
    assert len(fit.parts) >= 3 and all(part[0] == 0 for part in fit.parts)
    assert sorted(i for part in fit.parts for i in part[1:]) == list(range(1, 42))
    minimum = tf.minimum_widths([[header[i]] for i in range(42)])
    assert all(sum(minimum[i] for i in part) <= tf.LANDSCAPE_WIDTH for part in fit.parts)


def test_a_split_table_prints_as_numbered_parts_on_landscape_pages():
    columns = ["Gmina"] + [f"Wskaźnik nr {i}" for i in range(41)]
    md = table(columns, [[f"Gmina {r}"] + ["1"] * 41 for r in range(60)], "Wskaźniki", "GUS")
    parts = re.findall(r"^: Wskaźniki \((\d+)/(\d+)\)", md, re.M)
    assert len(parts) >= 3 and md.startswith("::: {.landscape}")
    assert md.count("Źródło: GUS") == len(parts)


def test_separator_dashes_follow_the_measured_widths():
    md = table(["Nr", "Przedsięwzięcie o bardzo długiej nazwie"], [["1", "Tekst " * 30]], "T", "S")
    separator = md.splitlines()[1]
    first, second = (len(c.strip(":")) for c in separator.strip("|").split("|"))
    assert second > 3 * first


def test_a_table_that_fits_a_page_is_marked_to_keep_and_a_long_one_is_not():
    short = table(["A", "B"], [["x", "y"]] * 5, "Krótka", "S")
    long = table(["A", "B"], [["x", "y"]] * 80, "Długa", "S")
    assert ": Krótka {.keep}" in short and ": Długa\n" in long


def test_the_advance_widths_file_is_what_the_fonts_give(tmp_path: Path):
    before = tf.ADVANCES.read_text(encoding="utf-8")
    tf.regenerate()
    assert tf.ADVANCES.read_text(encoding="utf-8") == before
    assert json.loads(before)["font"].startswith("Liberation Sans")


def test_check_warns_that_a_wide_user_table_will_be_turned_round(tmp_path: Path):
    root = large_sections(tmp_path / "sections", members=16, projects=16, wide_columns=42)
    done = subprocess.run([sys.executable, str(REPO / "build_strategy.py"), "check",
                           "--sections", str(root), "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0
    found = [p for p in json.loads(done.stdout) if p["code"] == "layout.table_turned"]
    assert len(found) == 1 and found[0]["file"].endswith("implementation.yaml")
    assert "42 columns" in found[0]["message"]


def _warnings(table_: Table) -> list[tuple[str, dict]]:
    from strategy.checks.rules import _View, tables_fit_a_page
    from strategy.model.common import Part

    part = Part(title="Wdrażanie", tables=[table_])
    return [(code, params) for _, code, _, params in
            tables_fit_a_page(_View({"implementation": part}), None)]


def test_check_warns_that_a_wide_long_table_will_be_split_into_parts():
    columns = ["Gmina"] + [f"Wskaźnik nr {i}" for i in range(41)]
    rows = [[f"Gmina {r}"] + [1.5] * 41 for r in range(60)]
    [(code, params)] = _warnings(Table(caption="Wskaźniki", columns=columns, rows=rows,
                                       source="GUS"))
    assert code == "layout.table_split" and params["parts"] >= 3 and params["columns"] == 42


def test_check_warns_about_a_word_too_wide_for_any_column():
    address = "bip.example.gov.pl?" + "dokument=uchwala&rok=2021&" * 5
    [(code, params)] = _warnings(Table(caption="Adresy", columns=["Gmina", "Adres"],
                                       rows=[["Łosice", address]], source="BIP"))
    assert code == "layout.table_too_wide" and params["word"] == address  # no break in it
