"""Maps of the graphic part (art. 10e ust. 4 u.s.g.): an image the user supplies, or a
GeoJSON file in the sections folder drawn with matplotlib."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.model.common import Id, Model, Number, Text
from strategy.model.files import MapPath

# What the map shows, in the words of art. 10e ust. 3: pkt 4, pkt 6 and pkt 7; and the
# location of the area, which a reader expects early (in the chapter on the partnership).
MapKind = Literal["model", "osi", "local_osi", "location"]
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
    kind: MapKind
    file: MapPath
    caption: Text
    alt: Text
    source: Text
    layers: list[MapLayer] = Field(default_factory=list)
    schematic: bool = False
