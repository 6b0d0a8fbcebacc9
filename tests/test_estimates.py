"""Numbers as they are known: a number a user enters may be an estimate to a precision or
an illustrative figure; the document marks it wherever it prints it, rounds an estimate
to its precision and never spreads it into a precision it does not have; the period may
run to a perspective year. Issue 9, items 5 and 7."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from checking import copy_tiny, edit, run_check

from strategy.checks.estimates import marked_numbers
from strategy.compose.compose import compose
from strategy.pipeline import load_and_validate

NBSP = "\u00a0"


def _plain(md: str) -> str:
    """The composed Markdown as a reader sees its words: no escapes, plain spaces."""
    return re.sub(r"\\(.)", r"\1", md).replace(NBSP, " ")


def _document(root: Path, tmp: Path) -> str:
    validated = load_and_validate(root)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return _plain(compose(validated.strategy, tmp / "assets", root, draw=False).markdown)


def _estimated_bus_line(root: Path) -> None:
    """P1 known only as an estimate: about 6,4 billion zł, to a hundred million."""
    edit(root, "investments/P1.yaml", "cost: 2500000",
         "cost: {value: 6400000000, estimate: true, precision: 100000000}")
    edit(root, "investments/P1.yaml", "amount: 2125000}",
         "amount: {value: 5440000000, estimate: true, precision: 10000000}}")
    edit(root, "investments/P1.yaml", "{source: own, amount: 375000}",
         "{source: own, amount: {value: 960000000, estimate: true, precision: 10000000}}")


def test_an_estimate_is_rounded_marked_and_never_spread_over_years(tmp_path):
    root = copy_tiny(tmp_path)
    _estimated_bus_line(root)
    run = run_check(root)
    assert run.exit_code == 0, run.describe()
    text = _document(root, tmp_path)
    assert "ok. 6,4 mld zł" in text  # the list, the sheet and the framework
    assert "6 400 000 000" not in text
    # spread over its three years, it would be 2 133 333 333,33 zł a year
    assert "2 133 333" not in text and "711 111 111" not in text
    assert "| Bez podziału na lata | ok. 5,44 mld zł |" in text
    # only estimates are apart (every sheet has its years): the sentence says so
    assert "Kwot szacunkowych (P1) nie dzielono na lata" in text
    assert "bez okresu realizacji" not in text.split("# Ramy finansowe")[1]
    # the total includes the estimate, so it is one, and no longer "equal to the sheets"
    assert "Łączny szacunkowy koszt wynosi ok. 6,4 mld zł." in text
    assert "sumy w tabelach są równe sumie kosztów z fiszek" not in text
    # the marks are explained once, in the record
    assert text.count("poprzedzone skrótem „ok.” są szacunkami") == 1


def test_an_illustrative_number_is_marked_and_the_note_says_what_the_mark_means(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "partnership.yaml", "population: 2814", "population: {value: 2800, "
         "illustrative: true}")
    edit(root, "surveys.yaml", "sample: 412", "sample: {value: 400, estimate: true, "
         "precision: 100}")
    text = _document(root, tmp_path)
    assert "| Gmina Beta | gmina wiejska | łosicki | 1410012 | 117,60 | 2800* |" in text
    assert "Wzięło w nim udział ok. 400 respondentów" in text
    assert "N = ok. 400" in text
    assert "Liczby oznaczone gwiazdką (*) są ilustracyjne" in text
    assert "poprzedzone skrótem „ok.”" in text


def test_exact_numbers_carry_no_mark_and_no_note(tmp_path):
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "ok. " not in text.replace("Pracownik", "")
    assert "gwiazdką" not in text and "szacunkami" not in text


def test_the_marked_numbers_are_listed_with_their_file_and_line(tmp_path):
    """The final gate (issue 11) reads this list: every estimated or illustrative number,
    a diagnosis indicator marked illustrative counting for each of its values."""
    root = copy_tiny(tmp_path)
    _estimated_bus_line(root)
    found = marked_numbers(load_and_validate(root))
    where = {(m.mark.file.name, m.mark.line, m.path[-1]) for m in found}
    assert ("P1.yaml", 8, "cost") in where
    assert ("P1.yaml", 10, "amount") in where and ("P1.yaml", 11, "amount") in where
    p1 = next(m for m in found if m.path[-1] == "cost")
    assert (p1.value, p1.estimate, p1.precision) == (Decimal(6400000000), True,
                                                     Decimal(100000000))
    # the tiny diagnosis' migration balance is illustrative: each of its values
    saldo = [m for m in found if m.mark.file.name == "diagnosis.yaml"]
    assert {m.path[-1] for m in saldo} == {"alfa", "beta"} and all(m.illustrative for m in saldo)


def test_an_estimate_may_differ_from_its_funding_within_its_precision_only(tmp_path):
    root = copy_tiny(tmp_path)
    _estimated_bus_line(root)
    assert run_check(root).codes() == []
    edit(root, "investments/P1.yaml", "value: 960000000", "value: 760000000")
    run = run_check(root)
    assert run.codes() == ["rule.funding_sum_estimate"], run.describe()
    assert run.exit_code == 0  # a warning: estimates are allowed to be rough


def test_the_period_shows_its_perspective_year_and_targets_may_run_to_it(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "strategy.yaml", "period: {first: 2022, last: 2030}",
         "period: {first: 2022, last: 2027, horizon: 2035, programme: {first: 2021, "
         "last: 2027}}")
    edit(root, "goals.yaml", "target: {value: 850, year: 2030}", "target: {value: 850, "
         "year: 2035}")
    run = run_check(root)
    assert run.codes() == [], run.describe()
    text = _document(root, tmp_path)
    assert "| Okres obowiązywania | 2022–2027, z perspektywą do 2035 roku |" in text
    assert "| Okres programowania UE | 2021–2027 |" in text


def test_a_full_stop_after_a_date_is_not_doubled(tmp_path):
    """"r.." after a date that ends a sentence (issue 9, item 8)."""
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "r.." not in text
    assert "Strategia rozwoju województwa mazowieckiego do 2030 r. Członkowie" in text


def _rows(text: str, first_cell: str) -> list[list[str]]:
    """The rows of the table whose header row starts with ``first_cell``."""
    lines = text[text.index(f"| {first_cell} |"):].split("\n\n")[0].splitlines()
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def _zl(cell: str) -> Decimal:
    return Decimal(cell.strip("*").replace(" zł", "").replace(" ", "").replace(",", "."))


def test_per_year_amounts_keep_the_precision_of_the_costs_and_add_up_exactly(tmp_path):
    """A cost in whole złoty spread over three years gives whole złoty a year (never
    "333 333,33 zł"), the years adding up to each source's amount; grosze only where
    the data has them."""
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "amount: 2125000}", "amount: 2125001}")
    edit(root, "investments/P1.yaml", "cost: 2500000", "cost: 2500001")
    text = _document(root, tmp_path)
    rows = _rows(text, "Rok")
    years, totals = rows[:-1], rows[-1]
    eu = [r[1] for r in years]
    assert all("," not in c for c in eu), eu  # 2 125 001 zł in whole złoty
    assert sorted({_zl(c) for c in eu if _zl(c)}) == [Decimal(708333), Decimal(708334)]
    for column in range(1, 6):
        assert sum(_zl(r[column]) for r in years) == _zl(totals[column])
    own = [r[3] for r in years]  # P2's own funding has grosze (200 000,50 zł)
    assert any("," in c for c in own)


def test_the_table_by_years_names_a_package_counted_by_its_estimate_and_adds_it(tmp_path):
    """A bundle known only as "ok. 2,2 mld zł" is in the framework's total: the table by
    years gives it a row of its own, named, instead of a total that leaves it out."""
    from test_hierarchy import packaged
    text = _document(packaged(tmp_path), tmp_path)
    rows = _rows(text, "Rok")
    assert rows[-2] == ["Bez podziału na źródła i lata (PK2)", "–", "–", "–", "–",
                        "ok. 2,2 mld zł"]
    assert rows[-1][-1] == "**ok. 2,2 mld zł**"


def test_a_share_is_no_more_exact_than_its_data(tmp_path):
    """Shares of a total known to a hundred million: an exact amount too small for that
    precision is "poniżej 0,1%", never "ok. 0,0%"; a source with nothing is 0,0%; the
    total is 100,0%."""
    from test_hierarchy import packaged
    text = _document(packaged(tmp_path), tmp_path)
    shares = {r[0]: r[2] for r in _rows(text, "Źródło finansowania")}
    assert shares["Środki krajowe"] == "poniżej 0,1%"
    assert shares["Inne źródła"] == "0,0%"
    assert shares["**Razem**"] == "**100,0%**"
    assert "ok. 0,0%" not in text


def test_running_text_sets_the_per_cent_sign_as_the_tables_do():
    from strategy.compose.typography import prose
    assert prose("udział 40 % i 5\u00a0%", "pl") == "udział 40% i\u00a05%"
    assert prose("a share of 40 %", "en") == "a share of 40%"
