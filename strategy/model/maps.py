"""Maps of the graphic part (art. 10e ust. 4 u.s.g.): an image the user supplies, or a
GeoJSON file in the sections folder drawn with matplotlib."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.model.common import Id, Model, Number, Text
from strategy.model.files import MapPath

# What the map shows, in the words of art. 10e ust. 3: pkt 4, pkt 6 and pkt 7.
MapKind = Literal["model", "osi", "local_osi"]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class MapLayer(Model):
    """One entry of the legend: the features whose property ``category`` equals
    ``category`` are drawn in this style and described by ``label``."""

    category: Id
    label: Text
    colour: Colour | None = None
    size: Number | None = Field(default=None, gt=0, le=20)
    dashed: bool = False


class Map(Model):
    kind: MapKind = Field(description="model (model struktury funkcjonalno-przestrzennej), osi "
                          "(OSI określone w strategii województwa) albo local_osi (OSI lokalne)")
    file: MapPath = Field(description="Plik GeoJSON albo obraz PNG, JPEG lub SVG w folderze "
                          "sekcji, ścieżka względem niego, np. maps/model.geojson")
    caption: Text = Field(description="Tytuł mapy (bez słowa „Rysunek N.”)")
    alt: Text = Field(description="Tekst alternatywny: co pokazuje mapa, dla osób niewidomych")
    source: Text = Field(description="Źródło, np. „opracowanie własne”")
    layers: list[MapLayer] = Field(
        default_factory=list, description="Dla GeoJSON: warstwy legendy w kolejności rysowania")
    schematic: bool = Field(default=False, description="true: schemat poglądowy, nie w skali "
                            "(zamiast podziałki rysowana jest notka „bez skali”)")
