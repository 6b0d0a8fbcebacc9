"""The strategy record (metryka): title, period, language, version, status, history;
the legal profile the strategy is prepared under and the opinions given on its draft."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.language.books import DEFAULT, languages
from strategy.model.common import Id, Model, Text, Year

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Status = Literal["working", "council", "consultation", "final"]
# The document's language: one of the folders of strategy/language/ (a language is data).
Language = Literal[languages()]  # type: ignore[valid-type]
# The legal profiles, one per file of strategy/law/ (a test keeps the two in step):
# supra_local, a supra-local development strategy (art. 10g u.s.g.), the default;
# territorial, a territorial strategy under art. 29 of Regulation (EU) 2021/1060 for a
# regional programme's territorial instrument (IIT, ZPT); zit, the strategy of an
# integrated territorial investment (ZIT) of a functional urban area.
ProfileName = Literal["supra_local", "territorial", "zit"]
OpinionBody = Literal["voivodeship_board", "managing_authority", "minister"]


class Period(Model):
    first: Year = Field(description="Pierwszy rok okresu strategii")
    last: Year = Field(description="Ostatni rok okresu strategii")


class Withdrawn(Model):
    """A release withdrawn after it was made: when, by whom and why (``withdraw``)."""

    date: dt.date
    by: Text = Field(description="Kto wycofał wersję")
    reason: Text = Field(description="Dlaczego wycofano wersję")


class VersionEntry(Model):
    version: Version
    date: dt.date
    status: Status
    note: str = ""
    meeting: Id | None = Field(default=None, description="Spotkanie, na którym przyjęto wersję")
    forced: str | None = Field(default=None, description="Uzasadnienie wydania mimo uwag")
    withdrawn: Withdrawn | None = Field(
        default=None, description="Wersja wycofana: data, kto i dlaczego (polecenie withdraw)")


class Opinion(Model):
    """An opinion on the draft by a body the law asks: the voivodeship board (on the
    region's spatial policy), the managing authority of the regional programme (on
    financing the strategy from it), the minister for regional development (ZIT)."""

    body: OpinionBody = Field(description="voivodeship_board (zarząd województwa), "
                              "managing_authority (instytucja zarządzająca programem "
                              "regionalnym) albo minister (minister właściwy do spraw rozwoju "
                              "regionalnego)")
    date: dt.date = Field(description="Data opinii")
    outcome: Literal["positive", "remarks", "negative"] = Field(
        description="positive (pozytywna), remarks (pozytywna z uwagami) albo negative "
        "(negatywna)")
    reference: Text = Field(description="Dokument opinii, np. uchwała nr 214/24 Zarządu "
                            "Województwa Małopolskiego z dnia 6 lutego 2024 r.")
    version: str = Field(default="", description="Wersja projektu, którą zaopiniowano")
    response: str = Field(default="", description="Jak uwzględniono uwagi z opinii")


class Record(Model):
    title: Text = Field(description="Pełny tytuł strategii")
    subtitle: str = ""
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        description="Krótka nazwa do nazw plików, np. strategia-razem-dla-rozwoju"
    )
    period: Period
    language: Language = DEFAULT  # type: ignore[assignment]
    version: Version = Field(description="Bieżąca wersja, np. 0.3")
    status: Status = Field(description="working, council, consultation albo final")
    date: dt.date = Field(description="Data bieżącej wersji")
    prepared_by: str = Field(default="", description="Kto opracował dokument")
    place: str = Field(default="", description="Miejscowość na stronie tytułowej, przed datą, "
                       "np. Łosice")
    history: list[VersionEntry] = Field(default_factory=list)
    profile: ProfileName | None = Field(
        default=None, description="Podstawa prawna strategii: supra_local (strategia rozwoju "
        "ponadlokalnego, art. 10g u.s.g.; także, gdy pole jest puste), territorial (strategia "
        "terytorialna, art. 29 rozporządzenia (UE) 2021/1060, dla IIT lub ZPT) albo zit "
        "(strategia ZIT miejskiego obszaru funkcjonalnego)")
    serves_as: list[ProfileName] = Field(
        default_factory=list, description="Inne role strategii, których wymogi też ma "
        "spełnić, np. [zit] dla strategii ponadlokalnej pełniącej rolę strategii ZIT")
    opinions: list[Opinion] = Field(
        default_factory=list, description="Opinie o projekcie: zarządu województwa, "
        "instytucji zarządzającej, ministra")
