"""The tiny strategy completed for submission: every element the law requires, a public
consultation with its comments, the ex-ante evaluation, and the maps of the graphic part.

Imported by the submission tests (pytest puts tests/ on sys.path); not a test module.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

TINY = Path(__file__).parent / "fixtures" / "tiny"

MODEL_GEOJSON: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"category": "river", "name": "Rzeka"},
         "geometry": {"type": "LineString",
                      "coordinates": [[22.60, 52.40], [22.75, 52.33], [22.95, 52.30]]}},
        {"type": "Feature", "properties": {"category": "link"},
         "geometry": {"type": "LineString", "coordinates": [[22.72, 52.21], [22.80, 52.12]]}},
        {"type": "Feature", "properties": {"category": "centre", "name": "Alfa"},
         "geometry": {"type": "Point", "coordinates": [22.72, 52.21]}},
        {"type": "Feature", "properties": {"category": "centre", "name": "Beta"},
         "geometry": {"type": "Point", "coordinates": [22.80, 52.12]}},
        {"type": "Feature", "properties": {"category": "valley", "name": "Dolina"},
         "geometry": {"type": "Polygon", "coordinates": [[[22.58, 52.37], [22.95, 52.27],
                                                          [22.97, 52.32], [22.62, 52.43],
                                                          [22.58, 52.37]]]}},
    ],
}
MODEL_MAP: dict[str, Any] = {
    "kind": "model", "file": "maps/model.geojson", "schematic": True,
    "caption": "Schemat modelu struktury funkcjonalno-przestrzennej",
    "alt": "Schemat: ośrodek Alfa połączony z Betą; dolina rzeki wzdłuż północnej granicy.",
    "source": "opracowanie własne, schemat poglądowy, nie mapa w skali",
    "layers": [{"category": "valley", "label": "dolina rzeki", "colour": "#2e8b57"},
               {"category": "river", "label": "rzeka", "colour": "#3a7dc9"},
               {"category": "link", "label": "powiązanie lokalne", "dashed": True},
               {"category": "centre", "label": "ośrodek lokalny"}],
}
OSI_MAP: dict[str, Any] = {
    "kind": "osi", "file": "maps/osi.png",
    "caption": "Obszar strategicznej interwencji w partnerstwie",
    "alt": "Mapa: gmina Beta zaznaczona jako obszar wymagający wsparcia procesów rozwojowych.",
    "source": "Strategia rozwoju województwa mazowieckiego do 2030 r.",
}
CONSULTATION: dict[str, Any] = {
    "start": "2021-09-01", "end": "2021-10-06", "version": "0.3",
    "announcements": [
        {"where": "strona internetowa lidera (www.alfa.example.pl) i BIP", "date": "2021-09-01"},
        {"where": "tablica ogłoszeń urzędu", "date": "2021-09-02"}],
    "channels": ["formularz elektroniczny", "spotkanie konsultacyjne w Alfie"],
    "bodies": ["neighbouring_gminas", "social_partners", "economic_partners", "residents",
               "water_authority"],
    "body_names": ["Gmina Gamma (sąsiednia)",
                   "Dyrektor RZGW w Warszawie PGW Wody Polskie"],
    "summary": "W spotkaniu konsultacyjnym wzięło udział 20 osób.",
}
COMMENTS: list[dict[str, Any]] = [
    {"id": "K-01", "source": "consultation", "category": "resident", "date": "2021-09-10",
     "section": "Kierunki działań", "text": "Proszę dodać ścieżkę rowerową wzdłuż doliny.",
     "status": "accepted", "response": "Dodano działanie w kierunku K3."},
    {"id": "K-02", "source": "consultation", "category": "ngo", "date": "2021-09-20",
     "section": "Diagnoza", "text": "Uzupełnić dane o organizacjach pozarządowych.",
     "status": "partly", "response": "Dodano liczbę organizacji; brak danych o członkach."},
    {"id": "K-03", "source": "consultation", "category": "business", "date": "2021-10-01",
     "text": "Zrezygnować z linii autobusowej.", "status": "rejected",
     "response": "Linia odpowiada na wniosek W2 z diagnozy."},
]
EVALUATION: dict[str, Any] = {
    "author": "Zespół ewaluacyjny (ekspert zewnętrzny)", "date": "2021-08-20",
    "version": "0.3", "summary": "Strategia jest trafna i spójna; wskaźniki są mierzalne.",
    "recommendations": ["Doprecyzować wartości docelowe wskaźników."],
    "response": "Rekomendację uwzględniono w rozdziale o celach.",
}
CHAPTERS: list[dict[str, Any]] = [
    {"id": "gospodarka", "title": "Gospodarka i rynek pracy",
     "text": "Na obszarze dominuje rolnictwo i drobna przedsiębiorczość."},
    {"id": "przestrzen", "title": "Przestrzeń, środowisko i powiązania funkcjonalne",
     "covers": ["spatial", "environmental", "functional_areas"],
     "text": "Alfa jest ośrodkiem usług dla Bety; dolina rzeki jest cenna przyrodniczo."},
]


def _schema_line(path: Path) -> str:
    """The first line a section file at ``path`` carries (a file of a split folder names
    its item schema), as `check` asks for."""
    from strategy.model import KINDS
    from strategy.model.schema import schema_line

    folder = path.parent
    root = folder.parent if KINDS.get(folder.name) and KINDS[folder.name].split else folder
    return schema_line(path, root) + "\n"


def rewrite(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_schema_line(path) + yaml.safe_dump(data, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")


def osi_png(path: Path) -> None:
    """A small map image of the user's own (drawn here so the test needs no binary file)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.fill([0, 1, 1, 0], [0, 0, 1, 1], color="#c0392b", alpha=0.4)
    ax.set_axis_off()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=50, metadata={"Software": None})
    plt.close(fig)


def _real_data(root: Path) -> None:
    """The tiny strategy's illustrative data as a final version has it: public
    statistics, no illustrative marks (the final gate refuses them)."""
    def diagnosis(d: dict[str, Any]) -> None:
        for chapter in d["chapters"]:
            for indicator in chapter.get("indicators", []):
                indicator.pop("illustrative", None)
                indicator["source"] = "GUS, Bank Danych Lokalnych"
        d["chapters"].extend(CHAPTERS)

    def sources(d: dict[str, Any]) -> None:
        for item in d.get("members", d.get("surveys", [])):
            if "ilustracyjn" in str(item.get("source", "")):
                item["source"] = str(item["source"]).split(" (")[0]

    rewrite(root / "diagnosis.yaml", diagnosis)
    rewrite(root / "partnership.yaml", sources)
    rewrite(root / "surveys.yaml", sources)


def complete(root: Path) -> Path:
    """Add to sections made from the tiny strategy what the law requires and the tiny
    strategy lacks: diagnosis chapters, a partner in the council, the maps, the ex-ante
    evaluation, the consultation and its (decided) comments; its illustrative data
    replaced as a final version needs. The record is unchanged: the consultation names
    version 0.3, which ``complete_copy`` (or the test) releases for consultation."""
    _real_data(root)
    rewrite(root / "partnership.yaml", lambda d: d["council"].append(
        {"role": "ngo", "function": "Prezes Stowarzyszenia Dolina"}))
    rewrite(root / "spatial.yaml", lambda d: d.update(maps=[MODEL_MAP]))
    rewrite(root / "areas.yaml", lambda d: d.update(maps=[OSI_MAP]))
    (root / "maps").mkdir(exist_ok=True)
    (root / "maps" / "model.geojson").write_text(
        json.dumps(MODEL_GEOJSON, ensure_ascii=False, indent=1), encoding="utf-8")
    osi_png(root / "maps" / "osi.png")
    write_yaml(root / "consultation.yaml", CONSULTATION)
    write_yaml(root / "evaluation.yaml", EVALUATION)
    for comment in COMMENTS:
        write_yaml(root / "review" / f"{comment['id']}.yaml", comment)
    return root


def consulted(root: Path) -> Path:
    """Record in the history that version 0.3, the version ``CONSULTATION`` names, was
    released for consultation on the day it began (as ``complete_copy`` does)."""
    def record(d: dict[str, Any]) -> None:
        d["history"].append({"version": "0.3", "date": "2021-09-01", "status": "consultation",
                             "note": "Projekt do konsultacji"})
        d.update(version="0.3", status="consultation", date="2021-09-01")

    rewrite(root / "strategy.yaml", record)
    return root


def complete_copy(tmp_path: Path, *, status: str = "final") -> Path:
    """A copy of the tiny strategy with everything the law requires, at ``status``
    (a final version 1.0 by default)."""
    from checking import copy_tiny

    root = copy_tiny(tmp_path)
    complete(root)

    def record(d: dict[str, Any]) -> None:
        d["history"].append({"version": "0.3", "date": "2021-09-01", "status": "consultation",
                             "note": "Projekt do konsultacji"})
        if status == "final":
            d["history"].append({"version": "1.0", "date": "2021-10-20", "status": "final",
                                 "note": "Wersja ostateczna"})
        d.update(version="1.0" if status == "final" else "0.3", status=status,
                 date="2021-10-20" if status == "final" else "2021-09-01")

    rewrite(root / "strategy.yaml", record)
    return root
