"""The books of words, every language: the command messages (messages.yaml) and the
document's phrasebooks (document.yaml, labels.yaml, changes.yaml) under one set of rules.

Every language has every book and every phrase of it, with the same placeholders and
the same variants, and as many word forms in a plural placeholder as its plural rule
gives. The templates ask only for phrases that exist, with the parameters they fill,
and every phrase of document.yaml is asked for by a template.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import jinja2
import pypandoc
import pytest
from jinja2 import nodes

from strategy.compose import phrases
from strategy.compose.compose import TEMPLATES, compose
from strategy.compose.phrases import Phrase, Say
from strategy.compose.typography import NBSP
from strategy.language import books
from strategy.language.books import DEFAULT, book, book_names, languages, leaves
from strategy.model import (
    KINDS,
    consultation,
    diagnosis,
    goals,
    investments,
    meetings,
    partnership,
    record,
    review,
)
from strategy.model.finance import SOURCES
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"
LANGS = languages()
BOOKS = book_names(DEFAULT)
OTHERS = [lang for lang in LANGS if lang != DEFAULT]


def _phrases(lang: str, name: str) -> dict[str, Any]:
    return dict(leaves(book(lang, name)))


def _mappings(data: Any, prefix: str = "") -> dict[str, set[str]]:
    """Every mapping of a book (a group of phrases, or a phrase's variants): its keys."""
    found: dict[str, set[str]] = {}
    if isinstance(data, dict):
        found[prefix] = {str(k) for k in data}
        for key, value in data.items():
            found.update(_mappings(value, f"{prefix}.{key}" if prefix else str(key)))
    return found


# --- every language has every book, phrase, placeholder and variant ----------------------

def test_the_languages_are_polish_first_then_english() -> None:
    assert LANGS[:2] == ("pl", "en")
    assert {"messages", "document", "labels", "changes"} <= set(BOOKS)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_the_same_books(lang: str) -> None:
    assert book_names(lang) == BOOKS


@pytest.mark.parametrize("name", BOOKS)
@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_every_phrase_and_no_other(lang: str, name: str) -> None:
    ours, theirs = set(_phrases(DEFAULT, name)), set(_phrases(lang, name))
    assert sorted(ours - theirs) == [], f"{lang}/{name}.yaml lacks these phrases"
    assert sorted(theirs - ours) == [], f"{lang}/{name}.yaml has phrases {DEFAULT} lacks"


@pytest.mark.parametrize("name", BOOKS)
@pytest.mark.parametrize("lang", OTHERS)
def test_every_phrase_has_the_same_variants_in_every_language(lang: str, name: str) -> None:
    ours, theirs = _mappings(book(DEFAULT, name)), _mappings(book(lang, name))
    differ = {key: (sorted(ours[key] ^ theirs[key]))
              for key in ours.keys() & theirs.keys() if ours[key] != theirs[key]}
    assert differ == {}, f"{lang}/{name}.yaml: variants or groups that differ"


@pytest.mark.parametrize("name", BOOKS)
@pytest.mark.parametrize("lang", OTHERS)
def test_every_phrase_has_the_same_placeholders_in_every_language(lang: str, name: str) -> None:
    ours, theirs = _phrases(DEFAULT, name), _phrases(lang, name)
    differ = {key: (books.placeholders(str(ours[key])), books.placeholders(str(theirs[key])))
              for key in ours.keys() & theirs.keys()
              if books.placeholders(str(ours[key])) != books.placeholders(str(theirs[key]))}
    assert differ == {}, f"{lang}/{name}.yaml: placeholders that differ from {DEFAULT}"


@pytest.mark.parametrize("name", BOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_placeholder_has_the_languages_number_of_forms(lang: str, name: str) -> None:
    forms = books.plural_forms(lang)
    wrong = [(key, placeholder, n) for key, text in _phrases(lang, name).items()
             for placeholder, n in books.plural_specs(str(text)) if n != forms]
    assert wrong == [], f"{lang}/{name}.yaml: plural placeholders without {forms} forms"


@pytest.mark.parametrize("name", BOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_phrase_is_text(lang: str, name: str) -> None:
    """A phrase is a string (YAML reads `yes`, `12` or a bare key otherwise); only a
    variant may be empty (an empty variant leaves the sentence out)."""
    assert [k for k, v in _phrases(lang, name).items() if not isinstance(v, str)] == []

    def odd_keys(data: Any) -> list[Any]:
        if isinstance(data, dict):
            return [k for k in data if not isinstance(k, str)] + [
                k for v in data.values() for k in odd_keys(v)]
        return [k for v in data for k in odd_keys(v)] if isinstance(data, list) else []
    assert odd_keys(book(lang, name)) == [], "quote these keys: YAML read them as non-strings"


def test_only_a_variant_of_the_document_may_be_empty() -> None:
    chosen = {key for key, _, _ in _calls() if _variant(key)}
    for lang in LANGS:
        empty = [k for k, v in _phrases(lang, "document").items() if not v.strip()]
        assert [k for k in empty if k.rpartition(".")[0] not in chosen] == [], lang
    for lang in LANGS:  # the commands always say something
        assert [k for k, v in _phrases(lang, "messages").items() if not v.strip()] == []


# --- the templates and the document's phrasebook agree ----------------------------------------

def _calls() -> list[tuple[str, nodes.Expr | None, set[str]]]:
    """Every say(...) of the templates: (key, the variant argument, the parameters)."""
    env = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")
    found = []
    for path in sorted(TEMPLATES.glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == "say":
                key = call.args[0]
                assert isinstance(key, nodes.Const), f"{path.name}: say() with a computed key"
                variant = call.args[1] if len(call.args) > 1 else None
                found.append((str(key.value), variant, {kw.key for kw in call.kwargs}))
    return found


def _entry(lang: str, key: str) -> Any:
    data: Any = book(lang, "document")
    for part in key.split("."):
        data = data[part]
    return data


def _variant(key: str) -> bool:
    return isinstance(_entry(DEFAULT, key), dict)


def test_the_templates_are_one_tree_with_no_language_folders() -> None:
    assert [p.name for p in TEMPLATES.iterdir() if p.is_dir()] == []
    assert len(list(TEMPLATES.glob("*.md.j2"))) == 19


# Pandoc's attributes and fenced divs: {#id .unnumbered}, ::: {.titlepage}, {.lot}…
_SYNTAX = re.compile(r"\{[.#][^{}]*\}|\{#|\s?\.unnumbered\}")


def test_the_templates_text_is_structure_without_words() -> None:
    """Outside their tags the templates print Markdown syntax and punctuation only:
    every word comes from say(), the labels or the sections."""
    env = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")
    worded = []
    for path in sorted(TEMPLATES.glob("*.j2")):
        for data in env.parse(path.read_text(encoding="utf-8")).find_all(nodes.TemplateData):
            if re.search(r"[^\W\d_]", _SYNTAX.sub("", data.data)):
                worded.append((path.name, data.data))
    assert worded == []
    assert len(_calls()) > 100


@pytest.mark.parametrize("lang", LANGS)
def test_every_phrase_a_template_asks_for_exists_with_the_parameters_it_fills(lang: str) -> None:
    problems = []
    for key, variant, params in _calls():
        try:
            entry = _entry(lang, key)
        except KeyError:
            problems.append(f"{key}: no such phrase")
            continue
        if variant is None:
            if isinstance(entry, dict):
                problems.append(f"{key}: has variants {sorted(entry)} but none is picked")
                continue
            texts = entry if isinstance(entry, list) else [entry]
        elif not isinstance(entry, dict):
            problems.append(f"{key}: a variant is picked but the phrase has none")
            continue
        elif isinstance(variant, nodes.Const):
            if variant.value not in entry:
                problems.append(f"{key}: no variant {variant.value!r}")
                continue
            texts = [entry[variant.value]]
        else:
            texts = list(entry.values())
        wanted = set().union(*(books.placeholders(t) for t in texts))
        if wanted != params:
            problems.append(f"{key}: fills {sorted(params)}, the phrase has {sorted(wanted)}")
    assert problems == []


def test_every_phrase_of_the_document_is_used_by_a_template() -> None:
    used = {key for key, _, _ in _calls()}
    unused = []
    for key, _ in leaves(book(DEFAULT, "document")):
        key = re.sub(r"\.\d+$", "", key)  # a column of a list of headings
        if key not in used and key.rpartition(".")[0] not in used:
            unused.append(key)
    assert sorted(set(unused)) == []


# Phrases and labels whose variant or key is a code of the sections: every code has words.
CODES = {
    ("document", "comments.heading"): review.CommentSource,
    ("document", "comments.lead"): review.CommentSource,
    ("document", "comments.proposal"): review.CommentKind,
    ("document", "comments.decision"): review.Decision,
    ("document", "comments.category"): review.CommenterCategory,
    ("labels", "status"): record.Status,
    ("labels", "file_status"): record.Status,
    ("labels", "kinds"): partnership.MemberKind,
    ("labels", "roles"): partnership.CouncilRole,
    ("labels", "forms"): meetings.Meeting.model_fields["form"].annotation,
    ("labels", "bodies"): meetings.Meeting.model_fields["body"].annotation,
    ("labels", "groups"): diagnosis.RespondentGroup,
    ("labels", "dimensions"): goals.Dimension,
    ("labels", "sources"): investments.FundingSource,
    ("labels", "investment_status"): investments.Investment.model_fields["status"].annotation,
    ("labels", "priority"): investments.Investment.model_fields["priority"].annotation,
    ("labels", "consulted_bodies"): consultation.ConsultedBody,
    ("labels", "commenter_categories"): review.CommenterCategory,
    ("labels", "decisions"): review.Decision,
    ("labels", "decision_groups"): review.Decision,
}


@pytest.mark.parametrize(("name", "key"), sorted(CODES))
@pytest.mark.parametrize("lang", LANGS)
def test_every_code_of_the_sections_has_its_words(lang: str, name: str, key: str) -> None:
    data: Any = book(lang, name)
    for part in key.split("."):
        data = data[part]
    assert sorted(set(get_args(CODES[name, key])) - set(data)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_section_has_its_word(lang: str) -> None:
    """A meeting lists the kinds it drafted or agreed (any kind, bdl and statistics too);
    the document names each in the table of meetings."""
    assert sorted(set(KINDS) - set(book(lang, "labels")["sections"])) == []


def test_the_funding_sources_of_the_framework_have_labels() -> None:
    assert set(SOURCES) == set(get_args(investments.FundingSource))


# --- how a phrase prints ---------------------------------------------------------------------

def test_a_phrase_prints_its_words_as_written_and_its_values_escaped() -> None:
    phrase = Say("pl")("comments.place", "quoted", section="*Cele* [1]", quoted="o wsi")
    assert isinstance(phrase, Phrase)
    assert phrase == "*Cele* [1] – „o wsi”", "as a string: the plain text"
    assert phrase.markdown == f"\\*Cele\\* \\[1\\] – „o{NBSP}wsi”"
    assert Say("pl")("intro.surveys.lead", groups=["mieszkańców"]).markdown.startswith(
        "W badaniach społecznych zapytano o opinię"), "the words keep their plain spaces"
    assert phrase.text == "*Cele* [1] – „o wsi”" and type(phrase.text) is str


@pytest.mark.parametrize(("n", "pl", "en"), [
    (1, "1 uwagę", "1 comment"), (2, "2 uwagi", "2 comments"), (5, "5 uwag", "5 comments"),
    (12, "12 uwag", "12 comments"), (22, "22 uwagi", "22 comments"), (0, "0 uwag", "0 comments"),
])
def test_a_plural_placeholder_takes_the_word_form_of_the_language(n: int, pl: str,
                                                                  en: str) -> None:
    assert f"zgłoszono {pl}." in Say("pl")("consultation.comments", "some", n=n, commenters="")
    assert f"produced {en}." in Say("en")("consultation.comments", "some", n=n, commenters="")


def test_numbers_in_a_phrase_follow_the_languages_typography() -> None:
    assert "udział 12\u00a0345 respondentów" in Say("pl")(
        "diagnosis.surveys.survey", "known", period="x", method="y", sample=12345, n=12345,
        group="z")
    md = Say("en")("diagnosis.surveys.survey", "known", period="x", method="y", sample=12345,
                   n=12345, group="z").markdown
    assert "answered by 12\\,345 respondents" in md


def test_the_data_picks_a_variant_and_an_empty_variant_leaves_the_sentence_out() -> None:
    say = Say("pl")
    assert say("consultation.comments", "none", n=0) == "W konsultacjach nie zgłoszono uwag."
    term = say("consultation.term", "unknown", days=None)
    assert term == "" and term.markdown == "" and not term
    assert say("comments.decision", "partly") == "uwzględniona częściowo"
    with pytest.raises(KeyError, match="has variants"):
        say("comments.decision")
    with pytest.raises(KeyError, match="no phrase 'comments.decision', variant 'maybe'"):
        say("comments.decision", "maybe")
    with pytest.raises(TypeError, match="name the variant"):
        say("comments.decision", True)  # type: ignore[arg-type]


def test_a_list_parameter_prints_its_items_each_escaped() -> None:
    phrase = Say("pl")("changelog.parts.lead", parts=["wizja", "analiza *SWOT*"])
    assert phrase == "Zmieniono także treść tych części: wizja, analiza *SWOT*."
    assert phrase.markdown == "Zmieniono także treść tych części: wizja, analiza \\*SWOT\\*."


def test_a_phrase_in_a_phrase_is_escaped_once() -> None:
    say = Say("en")
    change = say("changelog.change", "amount", old="1 PLN", new="2 PLN", delta="+1 PLN")
    field = say("changelog.field", "plain", field="cost*", change=change)
    assert field == "cost*: 1 PLN → 2 PLN (+1 PLN)"
    assert field.markdown == "cost\\*: 1 PLN → 2 PLN (\\+1 PLN)"


def test_a_table_escapes_a_phrase_as_it_escapes_any_text() -> None:
    from strategy.compose.markdown import table

    md = table(Say("pl")("intro.partnership.columns"), [], "c", "s")
    assert md.startswith("| Członek partnerstwa | Rodzaj | Powiat | Kod TERYT "
                         "| Powierzchnia \\[km²\\] | Ludność | Rok danych o\u00a0ludności |")


# --- the switch that typesets the phrases' own words (issue 13) ------------------------------

def test_typesetting_the_words_binds_one_letter_words_and_escapes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrases, "TYPESET_WORDS", True)
    lead = Say("pl")("intro.surveys.lead", groups=["mieszkańców"]).markdown
    assert f"zapytano o{NBSP}opinię" in lead
    say = Say("pl")
    field = say("changelog.field", "plain", field="w sieci",
                change=say("changelog.change", "amount", old="1", new="2", delta="+1"))
    assert field.markdown == f"w{NBSP}sieci\\: 1 → 2 \\(\\+1\\)", "each word escaped once"
    law = Phrase("art. 29 ust. 1 rozporządzenia (UE) 2021/1060, art. 6 u.z.p.p.", "pl", {})
    lead = say("readiness.lead", strategy=Phrase("strategia", "pl", {}), laws=law).markdown
    assert "rozporządzenia \\(UE\\) 2021\\/1060\\," in lead, "the law's words typeset too"


def _pandoc_blocks(md: str) -> dict[str, int]:
    ast = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    found: dict[str, int] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") in ("Header", "Table", "Figure", "BulletList", "Para"):
                found[node["t"]] = found.get(node["t"], 0) + 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(ast)
    return found


def test_the_document_with_typeset_words_has_the_same_structure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch is ready: turned on, every phrase is escaped and typeset and pandoc
    reads the same headings, tables, figures, lists and paragraphs."""
    validated = load_and_validate(TINY)
    assert validated.strategy is not None
    before = compose(validated.strategy, tmp_path / "a", TINY).markdown
    monkeypatch.setattr(phrases, "TYPESET_WORDS", True)
    after = compose(validated.strategy, tmp_path / "b", TINY).markdown
    assert after != before
    assert f"zapytano o{NBSP}opinię" in after and "zapytano o opinię" in before
    assert _pandoc_blocks(after) == _pandoc_blocks(before)
