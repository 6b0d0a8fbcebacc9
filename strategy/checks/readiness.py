"""Readiness: is every element the law requires of the strategy in it?

One table (``ELEMENTS``) lists each element the law requires of a supra-local strategy
with its legal basis and the function that judges it: art. 10e ust. 2–4 of the Act on
gmina self-government (u.s.g.), applied by its art. 10g ust. 3; art. 10a and art. 6 of
the Act on the principles of development policy (u.z.p.p.); art. 29(1)(a)–(d) of
Regulation (EU) 2021/1060. Each judgement is ``present``, ``incomplete`` or
``missing``, with the anchors of the document's chapters that hold the element, or the
catalogued messages that say what is missing.

The judges read plain data: a Strategy's ``model_dump()``, or the loaded sections when
they do not validate (a missing kind is then judged missing, not ignored). A final
release and a submission package are refused while ``missing(strategy)`` is not empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from strategy.checks import consultation as consult
from strategy.language.messages import render

Status = Literal["present", "incomplete", "missing"]
Data = dict[str, Any]
Detail = tuple[str, dict[str, object]]  # a catalog code and its parameters


@dataclass(frozen=True)
class Finding:
    status: Status
    where: tuple[str, ...] = ()  # places in the document: keys of labels.yaml's ``anchors``
    details: tuple[Detail, ...] = ()  # what is missing, or a note on a present element

    def text(self, lang: str) -> str:
        return "; ".join(render(code, lang, params) for code, params in self.details)


@dataclass(frozen=True)
class Element:
    id: str
    name: dict[str, str]
    basis: dict[str, str]
    kinds: tuple[str, ...]  # the section kinds that hold it
    judge: Callable[[Data], Finding]


@dataclass(frozen=True)
class Item:
    element: Element
    finding: Finding

    @property
    def status(self) -> Status:
        return self.finding.status


# --- reading plain data defensively ----------------------------------------------------

def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _ids(items: list[dict[str, Any]]) -> str:
    return ", ".join(str(i.get("id", "?")) for i in items)


def _words(*pairs: dict[str, str]) -> dict[str, str]:
    return {lang: ", ".join(p[lang] for p in pairs) for lang in ("pl", "en")}


def present(*where: str, note: Detail | None = None) -> Finding:
    return Finding("present", where, (note,) if note else ())


def lacking(status: Status, *details: Detail, where: tuple[str, ...] = ()) -> Finding:
    return Finding(status, where, details)


def _kind_missing(kind: str) -> Finding:
    return lacking("missing", ("readiness.kind_missing", {"kind": kind}))


# --- the diagnosis (art. 10a ust. 1 u.z.p.p.; art. 29(1)(b) CPR) -------------------------

COVERAGE_WORDS = {
    "social": ("społ", "demograf", "ludno", "edukac", "oświat", "zdrow", "kultur", "social",
               "demograph", "populat", "educat", "health"),
    "economic": ("gospodar", "przedsięb", "rynek pracy", "rynku pracy", "bezrobo", "rolnic",
                 "turysty", "econom", "business", "labour", "employ", "agricult", "touris"),
    "spatial": ("przestrz", "zagospod", "osadnic", "infrastruk", "transport", "komunikac",
                "spatial", "settlement", "infrastruct", "land use", "mobility"),
    "environmental": ("środowisk", "przyrod", "klimat", "ekolog", "environment", "nature",
                      "climate"),
    "functional_areas": ("funkcjonaln", "powiązan", "functional", "linkage", "interlink"),
}
COVERAGE_NAMES = {
    "social": {"pl": "sytuacji społecznej", "en": "the social situation"},
    "economic": {"pl": "sytuacji gospodarczej", "en": "the economic situation"},
    "spatial": {"pl": "sytuacji przestrzennej", "en": "the spatial situation"},
    "environmental": {"pl": "środowiska", "en": "the environment"},
    "functional_areas": {"pl": "obszarów i powiązań funkcjonalnych",
                         "en": "functional areas and linkages"},
}


def coverage(d: Data) -> set[str]:
    """What the diagnosis covers: each chapter's ``covers`` and what its title names
    (``COVERAGE_WORDS``: "Demografia" is social, "Transport" spatial, and so on)."""
    found: set[str] = set()
    for chapter in _items(_get(d, "diagnosis", "chapters")):
        declared = chapter.get("covers")
        if isinstance(declared, list):
            found.update(c for c in declared if isinstance(c, str))
        title = _text(chapter.get("title")).casefold()
        found.update(k for k, words in COVERAGE_WORDS.items() if any(w in title for w in words))
    return found


def _coverage_gaps(d: Data, needed: tuple[str, ...]) -> list[str]:
    covered = coverage(d)
    return [c for c in needed if c not in covered]


def _diagnosis(d: Data) -> Finding:
    if not _items(_get(d, "diagnosis", "chapters")):
        return _kind_missing("diagnosis")
    gaps = _coverage_gaps(d, ("social", "economic", "spatial", "functional_areas"))
    if gaps:
        return lacking("incomplete", ("readiness.diagnosis_gaps", {
            "gaps": _words(*(COVERAGE_NAMES[g] for g in gaps))}), where=("diagnosis",))
    return present("diagnosis")


def _conclusions(d: Data) -> Finding:
    if not [c for c in _items(_get(d, "conclusions", "conclusions")) if _text(c.get("text"))]:
        return _kind_missing("conclusions")
    return present("conclusions")


# --- art. 10e ust. 3 pkt 1–9 u.s.g. --------------------------------------------------------

DIMENSIONS = {"social": {"pl": "społecznym", "en": "social"},
              "economic": {"pl": "gospodarczym", "en": "economic"},
              "spatial": {"pl": "przestrzennym", "en": "spatial"}}


def _goals_list(d: Data) -> list[dict[str, Any]]:
    return _items(_get(d, "goals", "strategic_goals"))


def _goals(d: Data) -> Finding:
    goals = _goals_list(d)
    if not goals:
        return _kind_missing("goals")
    missing = [k for k in DIMENSIONS if k not in {g.get("dimension") for g in goals}]
    if missing:
        return lacking("incomplete", ("readiness.dimensions_missing", {
            "missing": _words(*(DIMENSIONS[k] for k in missing))}), where=("goals",))
    return present("goals")


def _directions(d: Data) -> Finding:
    directions = _items(_get(d, "directions", "directions"))
    if not directions:
        return _kind_missing("directions")
    served = {x.get("goal") for x in directions}
    orphans = [g for g in _goals_list(d) if not ({g.get("id")} | {
        o.get("id") for o in _items(g.get("operational_goals"))}) & served]
    if orphans:
        return lacking("incomplete", ("readiness.goals_without_directions",
                                      {"ids": _ids(orphans)}), where=("directions",))
    return present("directions")


def _results(d: Data) -> Finding:
    results = [(g, r) for g in _goals_list(d) for r in _items(g.get("results"))]
    if not results:
        return lacking("missing", ("readiness.no_results", {}))
    details: list[Detail] = []
    if not any(r.get("spatial") is True for _, r in results):
        details.append(("readiness.no_spatial_result", {}))
    bare = list(dict.fromkeys(str(g.get("id")) for g, r in results
                              if not _items(r.get("indicators"))))
    if bare:
        details.append(("readiness.results_without_indicators", {"ids": ", ".join(bare)}))
    return lacking("incomplete", *details, where=("goals",)) if details else present("goals")


def _spatial_model(d: Data) -> Finding:
    model = _get(d, "spatial", "model")
    if not isinstance(model, dict):
        return lacking("missing", ("readiness.no_model", {}))
    if not _text(model.get("text")) and not _items(model.get("subsections")):
        return lacking("incomplete", ("readiness.model_empty", {}), where=("model",))
    return present("model")


def _spatial_policy(d: Data) -> Finding:
    if not [r for r in _items(_get(d, "spatial", "recommendations")) if _text(r.get("text"))]:
        return lacking("missing", ("readiness.no_recommendations", {}))
    return present("recommendations")


def _osi(d: Data, group: str) -> list[dict[str, Any]]:
    return _items(_get(d, "areas", group))


def _regional_osi(d: Data) -> Finding:
    areas = _osi(d, "regional")
    if not areas:
        return lacking("missing", ("readiness.no_regional_osi", {}))
    no_scope = [a for a in areas if not _text(a.get("scope"))]
    if no_scope:
        return lacking("incomplete", ("readiness.osi_without_scope", {"ids": _ids(no_scope)}),
                       where=("osi",))
    return present("osi")


def _local_osi(d: Data) -> Finding:
    areas = _osi(d, "local")
    if not areas:  # art. 10e ust. 3 pkt 7: "jeżeli takie zidentyfikowano"
        if not isinstance(d.get("areas"), dict):
            return _kind_missing("areas")
        return present("osi", note=("readiness.local_osi_none", {}))
    no_scope = [a for a in areas if not _text(a.get("scope"))]
    if no_scope:
        return lacking("incomplete", ("readiness.osi_without_scope", {"ids": _ids(no_scope)}),
                       where=("osi",))
    return present("osi")


def _implementation(d: Data) -> Finding:
    part = d.get("implementation")
    if not isinstance(part, dict):
        return _kind_missing("implementation")
    details: list[Detail] = []
    if not _text(part.get("text")) and not _items(part.get("subsections")):
        details.append(("readiness.implementation_empty", {}))
    guidelines = part.get("guidelines")
    if not isinstance(guidelines, list) or not [g for g in guidelines if _text(g)]:
        details.append(("readiness.no_guidelines", {}))
    return lacking("incomplete", *details, where=("implementation",)) if details else present(
        "implementation")


def _financing(d: Data) -> Finding:
    if not isinstance(d.get("financing"), dict):
        return _kind_missing("financing")
    funded = [i for i in _items(_get(d, "investments", "investments")) if _items(i.get("funding"))]
    if not funded:
        return lacking("incomplete", ("readiness.no_funding", {}), where=("financing",))
    return present("financing")


# --- art. 10e ust. 4 u.s.g.: the graphic part ------------------------------------------------

def _maps(d: Data, kind: str) -> list[dict[str, Any]]:
    return [m for group in ("spatial", "areas") for m in _items(_get(d, group, "maps"))
            if m.get("kind") == kind and _text(m.get("file")) and _text(m.get("alt"))]


def _map_model(d: Data) -> Finding:
    if not _maps(d, "model"):
        return lacking("missing", ("readiness.no_map", {"kind": "model", "section": "spatial"}))
    return present("model")


def _map_osi(d: Data) -> Finding:
    if not _maps(d, "osi"):
        return lacking("missing", ("readiness.no_map", {"kind": "osi", "section": "areas"}))
    return present("osi")


def _map_local_osi(d: Data) -> Finding:
    if not _osi(d, "local"):
        return present(note=("readiness.map_not_needed", {}))
    if not _maps(d, "local_osi"):
        return lacking("missing", ("readiness.no_map", {"kind": "local_osi", "section": "areas"}))
    return present("osi")


# --- art. 10e ust. 2 u.s.g.: consistency with the voivodeship strategy ------------------------

_VOIVODESHIP = ("wojew", "voivodeship", "regional development strategy")


def _voivodeship(d: Data) -> Finding:
    areas = _osi(d, "regional")
    if not areas:
        return lacking("missing", ("readiness.no_regional_osi", {}))
    unnamed = [a for a in areas
               if not any(w in _text(a.get("basis")).casefold() for w in _VOIVODESHIP)]
    if unnamed:
        return lacking("incomplete", ("readiness.basis_not_voivodeship", {"ids": _ids(unnamed)}),
                       where=("osi",))
    return present("osi")


# --- art. 10a ust. 2 and art. 6 u.z.p.p. -------------------------------------------------------

def _ex_ante(d: Data) -> Finding:
    evaluation = d.get("evaluation")
    if not isinstance(evaluation, dict):
        return _kind_missing("evaluation")
    gaps = [k for k in ("author", "date", "summary") if not evaluation.get(k)]
    if gaps:
        return lacking("incomplete", ("readiness.evaluation_gaps", {"fields": ", ".join(gaps)}),
                       where=("ex_ante",))
    return present("ex_ante")


def _consultation(d: Data) -> Finding:
    c = d.get("consultation")
    if not isinstance(c, dict):
        return _kind_missing("consultation")
    details: list[Detail] = []
    t = consult.term(c)
    if t.announced is None:
        details.append(("readiness.consultation_no_website", {}))
    elif not t.long_enough:
        details.append(("readiness.consultation_short", {"days": t.days if t.days else 0}))
    bodies = consult.missing_bodies(c)
    if bodies:
        details.append(("readiness.consultation_bodies", {
            "bodies": _words(*(consult.body_name(b) for b in bodies))}))
    where = ("consultation_report",)
    return lacking("incomplete", *details, where=where) if details else present(*where)


def _consultation_report(d: Data) -> Finding:
    if not isinstance(d.get("consultation"), dict):
        return lacking("missing", ("readiness.no_consultation", {}))
    comments = consult.comments(d.get("review"))
    where = ("consultation_report",)
    if not comments:
        return present(*where, note=("readiness.no_comments", {}))
    details: list[Detail] = []
    undecided = [c for c in comments if c.get("status") not in ("accepted", "partly", "rejected")]
    if undecided:
        details.append(("readiness.comments_open", {"count": len(undecided),
                                                    "ids": _ids(undecided)}))
    unjustified = [c for c in comments if c not in undecided and not _text(c.get("response"))]
    if unjustified:
        details.append(("readiness.comments_unjustified", {"ids": _ids(unjustified)}))
    return lacking("incomplete", *details, where=where) if details else present(*where)


# --- art. 29(1) of Regulation (EU) 2021/1060 ------------------------------------------------

def _cpr_area(d: Data) -> Finding:
    members = [m for m in _items(_get(d, "partnership", "members"))
               if _text(m.get("name")) and _text(m.get("teryt"))]
    if not members:
        return _kind_missing("partnership")
    return present("introduction")


def _cpr_needs(d: Data) -> Finding:
    if not _items(_get(d, "diagnosis", "chapters")):
        return _kind_missing("diagnosis")
    gaps = [COVERAGE_NAMES[g] for g in _coverage_gaps(
        d, ("social", "economic", "environmental", "functional_areas"))]
    if not isinstance(d.get("swot"), dict):
        gaps.append({"pl": "analizy SWOT (potencjał i potrzeby)",
                     "en": "the SWOT analysis (potential and needs)"})
    if gaps:
        return lacking("incomplete", ("readiness.needs_gaps", {"gaps": _words(*gaps)}),
                       where=("diagnosis",))
    return present("diagnosis")


def _cpr_integrated(d: Data) -> Finding:
    directions = _items(_get(d, "directions", "directions"))
    if not directions:
        return _kind_missing("directions")
    details: list[Detail] = []
    loose = [x for x in directions if not x.get("conclusions")]
    if loose:
        details.append(("readiness.directions_without_conclusions", {"ids": _ids(loose)}))
    if not [i for i in _items(_get(d, "investments", "investments")) if i.get("partners")]:
        details.append(("readiness.no_joint_investment", {}))
    where = ("directions", "investments")
    return lacking("incomplete", *details, where=where) if details else present(*where)


PARTNER_ROLES = ("residents", "ngo", "business", "lgd")


def _cpr_partners(d: Data) -> Finding:
    if not _items(_get(d, "meetings", "meetings")):
        return _kind_missing("meetings")
    seats = [s for s in _items(_get(d, "partnership", "council")) if s.get("role") in PARTNER_ROLES]
    if not seats:
        return lacking("incomplete", ("readiness.no_partner_seats", {}), where=("introduction",))
    return present("introduction")


# --- the table ---------------------------------------------------------------------------

USG = {"pl": "u.s.g.", "en": "Act on gmina self-government"}
UZPP = {"pl": "u.z.p.p.", "en": "Act on development policy"}


def _usg(paragraph: str, point: str = "") -> dict[str, str]:
    pl_point = f" pkt {point}" if point else ""
    en_point = f"({point})" if point else ""
    return {"pl": f"art. 10e ust. {paragraph}{pl_point} w zw. z art. 10g ust. 3 u.s.g.",
            "en": f"art. 10e({paragraph}){en_point} with art. 10g(3), {USG['en']}"}


def _maps_basis(point: str) -> dict[str, str]:
    return {"pl": f"art. 10e ust. 4 w zw. z ust. 3 pkt {point} i art. 10g ust. 3 u.s.g.",
            "en": f"art. 10e(4) with 10e(3)({point}) and art. 10g(3), {USG['en']}"}


def _uzpp(pl: str, en: str) -> dict[str, str]:
    return {"pl": f"art. {pl} u.z.p.p.", "en": f"art. {en}, {UZPP['en']}"}


def _cpr(letter: str) -> dict[str, str]:
    return {"pl": f"art. 29 ust. 1 lit. {letter} rozporządzenia (UE) 2021/1060",
            "en": f"art. 29(1)({letter}) of Regulation (EU) 2021/1060"}


def _e(ident: str, pl: str, en: str, basis: dict[str, str], kinds: tuple[str, ...],
       judge: Callable[[Data], Finding]) -> Element:
    return Element(ident, {"pl": pl, "en": en}, basis, kinds, judge)


ELEMENTS: tuple[Element, ...] = (
    _e("diagnosis", "Diagnoza sytuacji społecznej, gospodarczej i przestrzennej, z "
       "uwzględnieniem obszarów funkcjonalnych", "Diagnosis of the social, economic and "
       "spatial situation, functional areas included", _uzpp("10a ust. 1", "10a(1)"),
       ("diagnosis",), _diagnosis),
    _e("conclusions", "Wnioski z diagnozy", "Conclusions of the diagnosis", _usg("3"),
       ("conclusions",), _conclusions),
    _e("goals", "Cele strategiczne w wymiarze społecznym, gospodarczym i przestrzennym",
       "Strategic objectives in the social, economic and spatial dimensions", _usg("3", "1"),
       ("goals",), _goals),
    _e("directions", "Kierunki działań podejmowanych dla osiągnięcia celów strategicznych",
       "Directions of action taken to reach the strategic objectives", _usg("3", "2"),
       ("directions",), _directions),
    _e("results", "Oczekiwane rezultaty planowanych działań, w tym w wymiarze przestrzennym, "
       "oraz wskaźniki ich osiągnięcia", "Expected results, spatial ones included, and "
       "indicators of their achievement", _usg("3", "3"), ("goals",), _results),
    _e("spatial_model", "Model struktury funkcjonalno-przestrzennej",
       "Model of the functional-spatial structure", _usg("3", "4"), ("spatial",),
       _spatial_model),
    _e("spatial_policy", "Ustalenia i rekomendacje w zakresie kształtowania i prowadzenia "
       "polityki przestrzennej", "Findings and recommendations for spatial policy",
       _usg("3", "5"), ("spatial",), _spatial_policy),
    _e("regional_osi", "Obszary strategicznej interwencji określone w strategii rozwoju "
       "województwa, wraz z zakresem planowanych działań", "Areas of strategic intervention "
       "named in the voivodeship strategy, with the scope of planned actions", _usg("3", "6"),
       ("areas",), _regional_osi),
    _e("local_osi", "Obszary strategicznej interwencji kluczowe dla obszaru, jeżeli takie "
       "zidentyfikowano, wraz z zakresem planowanych działań", "Areas of strategic "
       "intervention of local importance, where identified, with the scope of planned actions",
       _usg("3", "7"), ("areas",), _local_osi),
    _e("implementation", "System realizacji strategii, w tym wytyczne do sporządzania "
       "dokumentów wykonawczych", "Implementation system, with guidelines for implementing "
       "documents", _usg("3", "8"), ("implementation",), _implementation),
    _e("financing", "Ramy finansowe i źródła finansowania",
       "Financial framework and sources of funding", _usg("3", "9"),
       ("financing", "investments"), _financing),
    _e("map_model", "Część graficzna: mapa modelu struktury funkcjonalno-przestrzennej",
       "Graphic part: map of the model of the functional-spatial structure", _maps_basis("4"),
       ("spatial",), _map_model),
    _e("map_osi", "Część graficzna: mapa obszarów strategicznej interwencji określonych w "
       "strategii województwa", "Graphic part: map of the areas of strategic intervention of the "
       "voivodeship strategy", _maps_basis("6"), ("areas",), _map_osi),
    _e("map_local_osi", "Część graficzna: mapa obszarów strategicznej interwencji kluczowych "
       "dla obszaru", "Graphic part: map of the areas of strategic intervention of local "
       "importance", _maps_basis("7"), ("areas",), _map_local_osi),
    _e("voivodeship", "Spójność ze strategią rozwoju województwa (OSI wskazują jej ustalenia)",
       "Consistency with the voivodeship strategy (the OSI name it)", _usg("2"), ("areas",),
       _voivodeship),
    _e("ex_ante", "Uprzednia ewaluacja (ex ante) trafności, przewidywanej skuteczności "
       "i efektywności", "Ex-ante evaluation of relevance, expected effectiveness and "
       "efficiency", _uzpp("10a ust. 2", "10a(2)"), ("evaluation",), _ex_ante),
    _e("consultation", "Konsultacje projektu: ogłoszenie na stronie internetowej, co najmniej "
       "35 dni, wymagane podmioty", "Consultation of the draft: announced on the website, "
       "at least 35 days, the required bodies", _uzpp("6 ust. 3–5", "6(3)–(5)"),
       ("consultation",), _consultation),
    _e("consultation_report", "Raport z konsultacji: odniesienie się do każdej uwagi wraz "
       "z uzasadnieniem", "Consultation report: every comment answered with a justification",
       _uzpp("6 ust. 6", "6(6)"), ("consultation", "review"), _consultation_report),
    _e("cpr_area", "Obszar geograficzny objęty strategią", "Geographical area covered by the "
       "strategy", _cpr("a"), ("partnership",), _cpr_area),
    _e("cpr_needs", "Analiza potrzeb i potencjału obszaru, z powiązaniami gospodarczymi, "
       "społecznymi i środowiskowymi", "Analysis of the development needs and potential, "
       "economic, social and environmental interlinkages included", _cpr("b"),
       ("diagnosis", "swot"), _cpr_needs),
    _e("cpr_integrated", "Opis zintegrowanego podejścia do potrzeb i potencjału",
       "Description of the integrated approach to the needs and potential", _cpr("c"),
       ("directions", "investments"), _cpr_integrated),
    _e("cpr_partners", "Opis zaangażowania partnerów w przygotowanie i realizację strategii",
       "Description of how partners were involved in preparing and carrying out the strategy",
       _cpr("d"), ("meetings", "partnership"), _cpr_partners),
)


# --- the API -----------------------------------------------------------------------------

def evaluate(data: Data) -> list[Item]:
    """Judge every element on plain data (kind name -> its data)."""
    return [Item(e, e.judge(data)) for e in ELEMENTS]


def plain_data(validated: Any) -> Data:
    """Kind -> data: the validated model's dump where valid, the loaded YAML elsewhere
    (``validated`` is the validate stage's :class:`~strategy.checks.validated.Validated`)."""
    data: dict[str, Any] = dict(validated.sections.data)
    for name, model in validated.kinds.items():
        data[name] = model.model_dump(mode="python")
    return data


def evaluate_strategy(strategy: Any) -> list[Item]:
    data = strategy.model_dump(mode="python")
    return evaluate({k: v for k, v in data.items() if v is not None})


def missing(strategy: Any) -> list[Item]:
    """The elements the law requires that are missing in whole or in part. A final
    release (``release``) and a submission package (``package``) are refused while this
    is not empty; an incomplete element is a legal gap as much as a missing one."""
    return [item for item in evaluate_strategy(strategy) if item.status != "present"]


def refusal(items: list[Item], lang: str) -> str:
    """The lines that say why a final release or a package is refused."""
    lines = [render("readiness.refused", lang, {"count": len(items)})]
    for item in items:
        lines.append(f"  - {item.element.name[lang]} ({item.element.basis[lang]}): "
                     f"{render('readiness.status.' + item.status, lang, {})}"
                     + (f" – {item.finding.text(lang)}" if item.finding.details else ""))
    return "\n".join(lines)


def as_json(items: list[Item], lang: str, places: dict[str, str], files: dict[str, list[str]],
            errors: int) -> str:
    return json.dumps({
        "ready": errors == 0 and all(i.status == "present" for i in items),
        "errors": errors,
        "elements": [{
            "id": i.element.id, "name": i.element.name[lang], "basis": i.element.basis[lang],
            "status": i.status, "where": [places[a] for a in i.finding.where if a in places],
            "files": sorted({f for k in i.element.kinds for f in files.get(k, [])}),
            "details": i.finding.text(lang) or None,
        } for i in items],
    }, ensure_ascii=False, indent=2)
