"""Every problem in one run: twenty mistakes of different kinds in ten files of the tiny
strategy, and one `check` reports all twenty, each at its place. A file that does not
parse hides nothing of the others; a field missing or wrong in one item hides neither
the reference errors nor the sums of the items that are valid."""

from __future__ import annotations

from checking import copy_tiny, run_check
from test_broken_corpus import Edit, Expect, _texts, assert_reported, both, replace

# (the mistake, what check says about it)
MISTAKES: list[tuple[Edit, Expect]] = [
    # a project sheet that does not parse at all
    (replace("investments/P1.yaml", "title: Wspólna linia", 'title: "Wspólna linia'),
     Expect("investments/P1.yaml", "yaml.unclosed_quote", "title:", '"Wspólna')),
    # the other sheet is still checked: its sum, its references, its partners
    (replace("investments/P2.yaml", "amount: 200000.50}", "amount: 200000}"),
     Expect("investments/P2.yaml", "rule.funding_sum", "funding:", 1, says=("P2",))),
    (replace("investments/P2.yaml", "directions: [K1]", "directions: [K9]"),
     Expect("investments/P2.yaml", "rule.dangling_reference", "directions:", "K9",
            says=("K9",))),
    (replace("investments/P2.yaml", "leader: beta\n", "leader: beta\npartners: [beta]\n"),
     Expect("investments/P2.yaml", "rule.leader_is_partner", "partners:", "[beta",
            "warning", says=("beta",))),
    # a member lacks a field; the other members' rules still run
    (replace("partnership.yaml", "    name: Gmina Beta\n    kind: rural\n",
             "    name: Gmina Beta\n"),
     Expect("partnership.yaml", "value.missing", "- id: beta", "id: beta",
            says=("kind", both("members nr 2 (beta)", "members no. 2 (beta)")))),
    (replace("partnership.yaml", "kind: urban-rural", "kind: urban"),
     Expect("partnership.yaml", "rule.teryt_kind", '"1410023"', '"1410023"',
            says=("1410023",))),
    # a meeting with a wrong code; another meeting's participants are still resolved
    (replace("meetings.yaml", "form: remote", "form: online"),
     Expect("meetings.yaml", "value.choice", "form: online", "online", says=("online",),
            hint_says=("in_person",))),
    (replace("meetings.yaml", "participants: [alfa, beta, powiat]",
             "participants: [alfa, betta, powiat]"),
     Expect("meetings.yaml", "rule.dangling_reference", "betta", "betta", says=("betta",),
            hint_says=("beta",))),
    # a goal with a decimal comma; the other goals' indicators are still checked
    (replace("goals.yaml", "target: {value: 850, year: 2030}",
             "target: {value: 8,5, year: 2030}"),
     Expect("goals.yaml", "value.comma_in_number", "{value: 8,5", "8,5", says=("8,5",),
            hint_says=("8.5",))),
    (replace("goals.yaml", "baseline: {value: 120, year: 2020}",
             "baseline: {value: 120, year: 2030}"),
     Expect("goals.yaml", "rule.baseline_after_target", "{value: 120", "2030",
            says=("WR1",))),
    # a direction without its title; the others' references are still resolved
    (replace("directions.yaml", "goal: CS2", "goal: CS9"),
     Expect("directions.yaml", "rule.dangling_reference", "CS9", "CS9", says=("CS9",))),
    (replace("directions.yaml", "{id: K1, title: Rozwój usług społecznych, goal: CO1.1",
             "{id: K1, goal: CO1.1"),
     Expect("directions.yaml", "value.missing", "{id: K1", "{id: K1", says=("title",))),
    # the record: a wrong value does not hide the check of the period
    (replace("strategy.yaml", 'version: "0.2"\n', "version: 0.2\n"),
     Expect("strategy.yaml", "value.type", "version: 0.2", "0.2", says=("version",),
            hint_says=('"0.2"',))),
    (replace("strategy.yaml", "period: {first: 2022, last: 2030}",
             "period: {first: 2030, last: 2022}"),
     Expect("strategy.yaml", "rule.year_order", "period:", "2022}", says=("2022", "2030"))),
    # an indicator with thousands separators; another's references are still resolved
    (replace("diagnosis.yaml", "values: {alfa: 10815,", "values: {alfa: 10 815,"),
     Expect("diagnosis.yaml", "value.type", "values: {alfa: 10 815", "10 815",
            says=("10 815",), hint_says=("10815",))),
    (replace("diagnosis.yaml", "beta: -4.1", "betta: -4.1"),
     Expect("diagnosis.yaml", "rule.dangling_reference", "betta", "betta", says=("betta",))),
    # a survey with a share out of range and a key written twice
    (replace("surveys.yaml", "share: 41.5", "share: 141.5"),
     Expect("surveys.yaml", "value.range", "141.5", "141.5", says=("141.5",))),
    (replace("surveys.yaml", "    method: Ankieta internetowa (CAWI)\n",
             "    method: Ankieta internetowa (CAWI)\n    method: CATI\n"),
     Expect("surveys.yaml", "yaml.duplicate_key", "method: CATI", "method",
            says=("method",))),
    # conclusions: a misspelt key in one, a wrong chapter in another
    (replace("conclusions.yaml", "chapter: demografia", "chapter: gospodarka"),
     Expect("conclusions.yaml", "rule.dangling_reference", "gospodarka", "gospodarka",
            says=("gospodarka",))),
    (replace("conclusions.yaml", "{id: W2, text:", "{id: W2, txt:"),
     Expect("conclusions.yaml", "value.unknown_key", "txt:", "txt", says=("txt",),
            hint_says=("text",))),
]


def test_twenty_mistakes_in_ten_files_are_all_reported_in_one_run(tmp_path):
    assert len(MISTAKES) == 20
    assert len({expect.file for _, expect in MISTAKES}) == 10
    assert len({expect.code for _, expect in MISTAKES}) >= 12  # mistakes of many kinds
    root = copy_tiny(tmp_path)
    texts = _texts(root, [edit for edit, _ in MISTAKES])
    for lang in ("pl", "en"):
        run = run_check(root, "--lang", lang)
        assert run.exit_code == 1
        assert "Traceback" not in run.stdout + run.stderr
        for _, expect in MISTAKES:
            assert_reported(run, expect, texts, root, lang)
        # Nothing else: no cascade from one mistake onto its neighbours.
        assert run.codes() == sorted(expect.code for _, expect in MISTAKES), run.describe()


def test_a_rule_on_the_valid_items_points_at_the_right_item_of_the_file(tmp_path):
    """The first member is invalid, the third has a TERYT that does not fit its kind: the
    rule sees the valid members only, and its problem is still at the third member."""
    root = copy_tiny(tmp_path)
    texts = _texts(root, [
        replace("partnership.yaml", "    name: Miasto i Gmina Alfa\n", ""),
        replace("partnership.yaml", "kind: powiat", "kind: rural")])
    run = run_check(root)
    assert_reported(run, Expect("partnership.yaml", "value.missing", "- id: alfa", "id: alfa",
                                says=("name",)), texts, root, "pl")
    assert_reported(run, Expect("partnership.yaml", "rule.teryt_kind", 'teryt: "1410"',
                                '"1410"', says=("1410",)), texts, root, "pl")
