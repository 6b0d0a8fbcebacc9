"""`data fetch`: the variables of bdl.yaml for the members, from the BDL API as recorded in
tests/fixtures/bdl/ (hand-written in the API's format; the numbers are not GUS data),
with the client's transport, clock and sleep injected instead of the network."""

from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path

import pytest
from bdl_recorded import Clock, Recorded
from checking import copy_tiny, edit, run_check

from strategy.data.bdlapi import ANONYMOUS, MAX_WAIT, BdlError, Client, Limiter, retry_after
from strategy.data.bdlunits import teryt_of, teryt_of_code
from strategy.data.snapshots import fetch_into
from strategy.release.errors import Refused
from strategy.sections.yamlsource import read

BDL_YAML = """\
# yaml-language-server: $schema=../schema/bdl.schema.json
years: [2022, 2023]
compare: [voivodeship, poland]
variables:
  - {id: ludnosc-bdl, variable: 90001, name: "Ludność testowa wg płci (fixture) – ogółem, ogółem"}
  - {id: drogi, variable: 90002, name: "Drogi testowe (fixture) – ogółem"}
"""
TODAY = dt.date(2024, 5, 10)


def _sections(tmp_path: Path, bdl: str = BDL_YAML) -> Path:
    root = copy_tiny(tmp_path)
    (root / "bdl.yaml").write_text(bdl, encoding="utf-8")
    return root


def _client(transport: Recorded, key: str | None = None) -> tuple[Client, Clock]:
    clock = Clock()
    return Client(transport, key, clock=clock, sleep=clock.sleep), clock


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


# --- BDL unit ids and TERYT ---------------------------------------------------------

@pytest.mark.parametrize(("bdl", "teryt"), [
    ("000000000000", "PL"),
    ("071400000000", "14"),           # a voivodeship: its two TERYT digits
    ("071423510000", "1410"),         # a powiat: voivodeship + powiat digits
    ("071423510023", "1410023"),      # an urban-rural gmina keeps its kind digit
    ("011212001011", "1201011"),      # Bochnia, urban (pyBDL's recorded /units sample)
    ("010000000000", None),           # a macroregion has no TERYT code
    ("011210000000", None),           # nor a region
    ("011212000000", None),           # nor a subregion
    ("0714235100", None),             # not 12 digits
])
def test_a_bdl_unit_id_carries_the_teryt_digits_at_fixed_places(bdl, teryt):
    assert teryt_of(bdl) == teryt


@pytest.mark.parametrize(("code", "teryt"), [
    ("1410023", "1410023"), ("1410000", "1410"), ("1400000", "14"), ("0000000", "PL"),
    ("071423510023", "1410023"),
    ("201011", "0201011"),            # a spreadsheet dropped Dolnośląskie's leading zero
    ("Łosice", None), ("14100", None),
])
def test_a_csv_kod_is_a_bdl_id_or_a_padded_teryt_code(code, teryt):
    assert teryt_of_code(code) == teryt


# --- fetching --------------------------------------------------------------------------

def test_fetch_writes_one_valid_snapshot_per_variable_from_the_units_found_by_teryt(tmp_path):
    root = _sections(tmp_path)
    transport = Recorded()
    client, _ = _client(transport)
    written = fetch_into(root, client, TODAY)
    assert [p.name for p in written.files] == ["ludnosc-bdl.yaml", "drogi.yaml"]
    doc, problems = read(root / "statistics" / "ludnosc-bdl.yaml")
    assert problems == []
    snap = doc.data
    assert snap["variable"] == 90001 and snap["measure"] == "osoba"
    assert snap["name"] == "Ludność testowa wg płci (fixture) – ogółem, ogółem"
    assert snap["retrieved"] == TODAY and snap["updated"] == dt.date(2024, 4, 30)
    assert snap["origin"] == {"kind": "api", "url": "https://bdl.stat.gov.pl/api/v1",
                              "subject": "P9001"}
    # Members by TERYT, then the voivodeship and Poland to compare with.
    assert [(u["code"], u["bdl"]) for u in snap["units"]] == [
        ("1410023", "071423510023"), ("1410012", "071423510012"), ("1410", "071423510000"),
        ("14", "071400000000"), ("PL", "000000000000")]
    assert {"unit": "1410023", "year": 2023, "value": 10500, "attribute": 9} in snap["values"]
    assert {"unit": "1410012", "year": 2022, "value": 2700} in snap["values"]
    # What attribute 9 means, as the API's /attributes says: BDL prints the value with "s".
    assert snap["attributes"] == {"9": {"symbol": "s", "shows": "value",
                                        "description": "Szacunki wstępne"}}
    drogi = read(root / "statistics" / "drogi.yaml")[0].data
    assert {"unit": "1410023", "year": 2022, "value": 40.5} in drogi["values"]
    first = (root / "statistics" / "drogi.yaml").read_text(encoding="utf-8").split("\n")[0]
    assert first == "# yaml-language-server: $schema=../../schema/statistics-item.schema.json"
    check = run_check(root)
    assert check.exit_code == 0, check.describe()
    assert not [p for p in check.problems if p["code"].startswith("statistics.")]


def test_fetch_asks_each_unit_list_once_and_all_variables_of_a_unit_in_one_request(tmp_path):
    transport = Recorded()
    client, _ = _client(transport)
    fetch_into(_sections(tmp_path), client, TODAY)
    asked = [key for key, _ in transport.asked]
    assert asked[:3] == ["units?level=2&page=0&page-size=100",
                         "units?level=5&page=0&page-size=100&parent-id=071400000000",
                         "units?level=6&page=0&page-size=100&parent-id=071423510000"]
    data = [a for a in asked if a.startswith("data/")]
    assert len(data) == 5  # three members, the voivodeship and Poland
    assert all("var-id=90001&var-id=90002&year=2022&year=2023" in a for a in data)
    assert len(asked) == 13 and client.requests == 13


def test_an_anonymous_client_keeps_to_five_requests_a_second(tmp_path):
    transport = Recorded()
    client, clock = _client(transport)
    fetch_into(_sections(tmp_path), client, TODAY)
    assert "X-ClientId" not in transport.asked[0][1]
    assert clock.slept == [1.0, 1.0]  # 13 requests: waits after the 5th and the 10th


def test_a_client_key_is_sent_and_raises_the_limit(tmp_path):
    transport = Recorded()
    client, clock = _client(transport, key="klucz-testowy")
    fetch_into(_sections(tmp_path), client, TODAY)
    assert {headers["X-ClientId"] for _, headers in transport.asked} == {"klucz-testowy"}
    assert clock.slept == [1.0]  # ten a second


def test_a_429_is_retried_after_the_seconds_the_server_asks_for(tmp_path):
    transport = Recorded(before=["too-many-requests.json"])
    client, clock = _client(transport)
    written = fetch_into(_sections(tmp_path), client, TODAY)
    assert len(written.files) == 2
    assert clock.slept[0] == 2.0  # Retry-After: 2
    assert transport.asked[0][0] == transport.asked[1][0]  # the same request, again


def test_a_server_that_keeps_answering_429_refuses_with_its_own_words(tmp_path):
    root = _sections(tmp_path)
    before = _tree(root)
    transport = Recorded(before=["too-many-requests.json"] * 10)
    client, _ = _client(transport)
    with pytest.raises(Refused) as refusal:
        fetch_into(root, client, TODAY)
    problem = refusal.value.problems[0]
    assert problem.code == "data.bdl_status" and problem.params["status"] == 429
    assert "Przekroczono limit zapytań" in problem.params["detail"]
    assert _tree(root) == before


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    assert retry_after({"Retry-After": "30"}) == 30.0
    assert retry_after({"retry-after": email.utils.formatdate(1_000_060, usegmt=True)},
                       now=1_000_000) == 60.0
    assert retry_after({}) is None
    assert retry_after({"Retry-After": "soon"}) is None


def test_the_limiter_waits_for_the_fifteen_minute_window_and_gives_up_beyond_it():
    clock = Clock()
    waits: list[float] = []
    limiter = Limiter(ANONYMOUS, clock, clock.sleep, waits.append)
    for _ in range(100):
        limiter.acquire()
    limiter.acquire()  # the 101st waits until the first leaves the 15-minute window
    assert waits and 800 < waits[-1] <= 900
    slow = Limiter(((60, 1), (3600, 1)), clock, clock.sleep)
    slow.acquire()
    with pytest.raises(BdlError) as error:
        slow.acquire()
    assert error.value.reason == "data.bdl_quota" and MAX_WAIT < 3600


def test_a_variable_whose_bdl_name_is_not_the_pinned_one_is_refused_at_its_line(tmp_path):
    root = _sections(tmp_path, BDL_YAML.replace('name: "Drogi testowe (fixture) – ogółem"',
                                                "name: Ludność ogółem"))
    before = _tree(root)
    client, _ = _client(Recorded())
    with pytest.raises(Refused) as refusal:
        fetch_into(root, client, TODAY)
    [problem] = refusal.value.problems
    assert problem.code == "data.variable_name"
    assert problem.mark.file.name == "bdl.yaml" and problem.mark.line == 6
    assert problem.params["actual"] == "Drogi testowe (fixture) – ogółem"
    assert _tree(root) == before


def test_the_pinned_name_is_compared_word_by_word(tmp_path):
    root = _sections(tmp_path, BDL_YAML.replace('"Drogi testowe (fixture) – ogółem"',
                                                '"drogi testowe, fixture: ogółem"'))
    client, _ = _client(Recorded())
    assert len(fetch_into(root, client, TODAY).files) == 2


def test_a_member_bdl_does_not_know_is_refused_at_its_teryt(tmp_path):
    root = _sections(tmp_path)
    edit(root, "partnership.yaml", 'teryt: "1410012"', 'teryt: "1410042"')
    before = _tree(root)
    client, _ = _client(Recorded())
    with pytest.raises(Refused) as refusal:
        fetch_into(root, client, TODAY)
    [problem] = refusal.value.problems
    assert problem.code == "data.member_not_in_bdl"
    assert problem.mark.file.name == "partnership.yaml" and problem.params["teryt"] == "1410042"
    assert _tree(root) == before


def test_an_unknown_variable_id_is_refused(tmp_path):
    root = _sections(tmp_path, BDL_YAML.replace("variable: 90002", "variable: 90003"))
    client, _ = _client(Recorded())
    with pytest.raises(Refused) as refusal:
        fetch_into(root, client, TODAY)
    assert [p.code for p in refusal.value.problems] == ["data.variable_unknown"]


def test_fetch_refuses_without_bdl_yaml_and_says_which_file_to_write(tmp_path):
    root = copy_tiny(tmp_path)
    client, _ = _client(Recorded())
    with pytest.raises(Refused) as refusal:
        fetch_into(root, client, TODAY)
    assert "data.kind_missing" in [p.code for p in refusal.value.problems]
    assert not (root / "statistics").exists()


# --- rules on snapshots and on the indicators bound to them ---------------------------

def _fetched(tmp_path: Path) -> Path:
    root = _sections(tmp_path)
    client, _ = _client(Recorded())
    fetch_into(root, client, TODAY)
    return root


def test_a_requested_variable_without_a_snapshot_is_a_warning(tmp_path):
    check = run_check(_sections(tmp_path))
    assert check.codes().count("statistics.not_fetched") == 2


def test_a_snapshot_of_another_variable_than_requested_is_an_error(tmp_path):
    root = _fetched(tmp_path)
    edit(root, "bdl.yaml", "variable: 90002", "variable: 90009")
    assert "statistics.other_variable" in run_check(root).codes()


def test_a_snapshot_more_than_a_year_older_than_the_strategy_is_a_warning(tmp_path):
    root = _fetched(tmp_path)
    edit(root, "statistics/drogi.yaml", "retrieved: 2024-05-10", "retrieved: 2020-06-09")
    check = run_check(root)
    [stale] = [p for p in check.problems if p["code"] == "statistics.stale"]
    assert stale["file"].endswith("drogi.yaml") and "366" in stale["message"]
    edit(root, "statistics/drogi.yaml", "retrieved: 2020-06-09", "retrieved: 2020-06-10")
    assert "statistics.stale" not in run_check(root).codes()  # exactly a year: still fine


def test_a_broken_snapshot_is_reported_value_by_value(tmp_path):
    root = _fetched(tmp_path)
    path = "statistics/drogi.yaml"
    edit(root, path, '{unit: "1410012", year: 2023, value: 12.25}',
         '{unit: "1410012", year: 2022, value: 12.25}')
    edit(root, path, '{unit: "14", year: 2022, value: 30000}',
         '{unit: "1429", year: 2022, value: 30000, attribute: 77}')  # BDL lists no 77
    text = (root / "statistics" / "ludnosc-bdl.yaml").read_text(encoding="utf-8")
    (root / "statistics" / "kopia.yaml").write_text(text, encoding="utf-8")
    codes = run_check(root).codes()
    assert {"statistics.duplicate_value", "statistics.unknown_unit",
            "statistics.attribute_unexplained", "statistics.duplicate_id"} <= set(codes)


def _bind(root: Path, line: str, year: int = 2019) -> None:
    """The tiny diagnosis's first indicator taken from a snapshot instead of typed."""
    edit(root, "diagnosis.yaml", """        year: 2019
        source: GUS, Bank Danych Lokalnych
        values: {alfa: 10815, beta: 2814, powiat: 30895}
        area: 13629
""", f"        year: {year}\n{line}")


def test_an_indicator_on_a_snapshot_needs_every_member_in_its_year(tmp_path):
    root = _fetched(tmp_path)
    _bind(root, "        variable: ludnosc-bdl\n        aggregate: sum\n", year=2023)
    check = run_check(root)
    assert check.exit_code == 0, check.describe()
    edit(root, "diagnosis.yaml", "        year: 2023\n", "        year: 2021\n")
    check = run_check(root)
    [missing] = [p for p in check.problems if p["code"] == "statistics.not_covered"]
    assert "alfa, beta, powiat" in missing["message"] and "2022, 2023" in missing["message"]


def test_an_indicator_naming_a_snapshot_that_is_not_there_is_an_error(tmp_path):
    root = _fetched(tmp_path)
    _bind(root, "        variable: ludnosc\n        aggregate: rate\n"
                "        denominator: drogi\n")
    check = run_check(root)
    [problem] = [p for p in check.problems if p["code"] == "statistics.no_snapshot"]
    assert "ludnosc-bdl" in problem["message"]


@pytest.mark.parametrize(("old", "new", "code", "line"), [
    ("        area: 13629\n",
     "        area: 13629\n        variable: ludnosc-bdl\n        aggregate: sum\n",
     "statistics.values_typed", 12),
    ("        area: 13629\n", "        area: 13629\n        aggregate: sum\n",
     "statistics.unbound", 14),
    ("        values: {alfa: 10815, beta: 2814, powiat: 30895}\n", "",
     "statistics.values_missing", 7),
    ("        values: {alfa: 10815, beta: 2814, powiat: 30895}\n        area: 13629\n",
     "        variable: ludnosc-bdl\n", "statistics.aggregate_missing", 12),
    ("        values: {alfa: 10815, beta: 2814, powiat: 30895}\n        area: 13629\n",
     "        variable: ludnosc-bdl\n        aggregate: rate\n",
     "statistics.rate_denominator", 13),
])
def test_an_indicator_either_types_its_values_or_takes_them_from_a_snapshot(
        tmp_path, old, new, code, line):
    root = _fetched(tmp_path)
    edit(root, "diagnosis.yaml", old, new)
    check = run_check(root, "--lang", "en")
    found = [p for p in check.problems if p["code"] == code]
    assert check.exit_code == 1 and found, check.describe()
    assert (found[0]["file"], found[0]["line"]) == ("diagnosis.yaml", line)
    assert found[0]["hint"]


def test_the_values_of_a_bound_indicator_are_computed_from_its_snapshots(tmp_path):
    from strategy.model.bound import bind
    from strategy.model.diagnosis import Indicator
    from strategy.pipeline import load_and_validate

    validated = load_and_validate(_fetched(tmp_path))
    snapshots = {s.id: s for s in validated.kinds["statistics"].snapshots}
    members = [(m.id, m.teryt) for m in validated.kinds["partnership"].members]
    total = Indicator(id="l", name="Ludność", unit="osoby", year=2023, variable="ludnosc-bdl",
                      aggregate="sum")
    bound = bind(total, snapshots, members)
    assert bound.values == {"alfa": 10500, "beta": 2650, "powiat": 29700}
    # Alfa and Beta lie in the powiat, a member too: the area is the powiat's territory,
    # and its value is the powiat's own, not the powiat and its gminas added.
    assert (bound.area.number, bound.basis, bound.unit) == (29700, "unit", "powiat")
    assert bound.members["alfa"].marks == ("s",)  # 2023: preliminary estimates (9, "s")
    assert bound.area == bound.members["powiat"]
    rate = Indicator(id="r", name="Drogi na 1000 mieszkańców", unit="km", year=2022,
                     variable="drogi", aggregate="rate", denominator="ludnosc-bdl", per=1000)
    bound = bind(rate, snapshots, members)
    assert bound.values["beta"] == pytest.approx(12.25 / 2700 * 1000)
    assert bound.basis == "rate" and bound.area.number == pytest.approx(300 / 30000 * 1000)
    flat = Indicator(id="f", name="x", unit="km", year=2022, variable="drogi",
                     aggregate="none")
    assert bind(flat, snapshots, members).area.number == 300  # the powiat's own value


def test_the_area_is_the_outermost_members_and_a_rate_is_never_an_average():
    """Sums and rates over the members no other member contains; a member without a
    number (or whose number BDL withholds) leaves the area without one."""
    import datetime as dt

    from strategy.model.bound import bind, outermost
    from strategy.model.diagnosis import Indicator
    from strategy.model.statistics import Snapshot

    members = [("alfa", "1410023"), ("beta", "1410012"), ("gamma", "1426022"),
               ("powiat", "1410")]
    assert [m for m, _ in outermost(members)] == ["gamma", "powiat"]

    def snapshot(ident: str, values: dict[str, tuple]) -> Snapshot:
        return Snapshot.model_validate({
            "id": ident, "name": ident, "measure": "osoba", "retrieved": dt.date(2024, 5, 10),
            "origin": {"kind": "csv"}, "units": [{"code": c, "name": c} for c in values],
            "values": [{"unit": c, "year": 2023, "value": v[0], **(
                {"attribute": v[1]} if len(v) > 1 else {})} for c, v in values.items()]})

    people = snapshot("p", {"1410023": (10000,), "1410012": (2000, 9), "1426022": (5000,),
                            "1410": (30000,)})
    jobs = snapshot("j", {"1410023": (1000,), "1410012": (0, 4), "1426022": (100,),
                          "1410": (3300,)})
    snaps = {"p": people, "j": jobs}

    def indicator(**kw: object) -> Indicator:
        return Indicator(id="i", name="i", unit="u", year=2023, **kw)

    total = bind(indicator(variable="p", aggregate="sum"), snaps, members)
    assert (total.area.number, total.basis, total.nested) == (35000, "sum", True)
    rate = bind(indicator(variable="j", aggregate="rate", denominator="p", per=100),
                snaps, members)
    assert rate.area.number == pytest.approx((100 + 3300) / (5000 + 30000) * 100)
    # Beta's jobs are withheld (attribute 4, x): no rate for Beta, but BDL's mark.
    assert rate.members["beta"].withheld and rate.members["beta"].marks == ("x",)
    jobs_only = bind(indicator(variable="j", aggregate="sum"), snaps,
                     [("alfa", "1410023"), ("beta", "1410012")])
    assert jobs_only.area.number is None and jobs_only.lacking == ("beta",)
    estimated = bind(indicator(variable="p", aggregate="sum"), snaps,
                     [("alfa", "1410023"), ("beta", "1410012")])
    assert (estimated.area.number, estimated.area.marks) == (12000, ("s",))
    flat = bind(indicator(variable="p", aggregate="none"), snaps, members)
    assert (flat.area.number, flat.basis) == (None, "none")


def test_the_command_without_bdl_yaml_says_what_to_write_and_touches_no_network(tmp_path):
    import contextlib
    import io

    from strategy.commands.cli import main

    root = copy_tiny(tmp_path)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["data", "fetch", "--sections", str(root), "--lang", "en"])
    assert code == 1
    assert "bdl.yaml:1:1: error: Section 'bdl' is missing (file bdl.yaml)." in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_units_are_found_level_by_level_when_the_api_gives_only_direct_children(tmp_path):
    empty = {"totalRecords": 0, "page": 0, "pageSize": 100, "results": []}

    def children(*units: tuple[str, str, int]) -> dict:
        return {"totalRecords": len(units), "page": 0, "pageSize": 100, "results": [
            {"id": i, "name": n, "level": lv, "hasDescription": False} for i, n, lv in units]}

    transport = Recorded(answers={
        "units?level=5&page=0&page-size=100&parent-id=071400000000": empty,
        "units?page=0&page-size=100&parent-id=071400000000": children(
            ("071420000000", "REGION MAZOWIECKI REGIONALNY", 3)),
        "units?page=0&page-size=100&parent-id=071420000000": children(
            ("071423500000", "PODREGION (fixture)", 4)),
        "units?page=0&page-size=100&parent-id=071423500000": children(
            ("071423510000", "Powiat łosicki", 5), ("071423526000", "Powiat siedlecki", 5)),
    })
    client, _ = _client(transport)
    written = fetch_into(_sections(tmp_path), client, TODAY)
    assert len(written.files) == 2
    assert "units?page=0&page-size=100&parent-id=071423500000" in [k for k, _ in transport.asked]


def test_a_bound_indicator_prints_the_snapshot_values_in_the_document(tmp_path):
    from strategy.pipeline import Progress, build

    root = _fetched(tmp_path)
    _bind(root, "        variable: ludnosc-bdl\n        aggregate: sum\n", year=2023)
    written, problems, _ = build(root, tmp_path / "out", {"md"}, Progress(quiet=True))
    assert [p.code for p in problems if p.severity == "error"] == []
    lines = [" ".join(line.split()) for line in written[0].read_text(encoding="utf-8")
             .replace("\u00a0", " ").replace("\u202f", " ").splitlines()]
    # The indicator's table: the members' values of 2023, and for the area the powiat's
    # own, as its territory is the area (Alfa and Beta lie in it).
    assert "| Miasto i Gmina Alfa | 10 500^s^ | −2\\,5 |" in lines
    assert "| Gmina Beta | 2650^s^ | −4\\,1 |" in lines  # four digits stay ungrouped
    assert "| Powiat Testowy | 29 700^s^ | – |" in lines
    assert "| **Obszar partnerstwa** | 29 700^s^ | – |" in lines
    assert "Znaki BDL\\: s – szacunki wstępne\\." in lines  # 2023's values are estimates
