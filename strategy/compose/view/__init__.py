"""The compose stage's view of a Strategy, by concern: each module holds one mixin of
``compose._View``, the object whose methods and properties the templates call
(formatting, figures, the partnership, the preparation, the diagnosis, the goals, the
projects, the reviewer's parts, the financial framework). ``State`` is what they all
read, as ``_View.__init__`` and ``compose()`` set it; a mixin calls the others' methods
through ``self``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from strategy.compose.document import Drawing
from strategy.compose.hierarchy import Hierarchy
from strategy.compose.kepttables import KeptTables
from strategy.compose.phrases import Say
from strategy.model import Strategy
from strategy.model.finance import Framework
from strategy.model.investments import Investment


class State:
    """The attributes of a view, declared for its mixins; set by ``_View.__init__``."""

    s: Strategy
    lang: str
    assets: Path  # where charts and copied figures go
    root: Path  # the sections folder
    L: dict[str, Any]  # labels.yaml's words, with the version's status names
    say: Say
    members: dict[str, Any]
    entities: dict[str, Any]  # the members and the supporting partners, by ID
    hierarchy: Hierarchy
    goals: dict[str, str]  # each goal's title by its ID
    chapters: dict[str, str]  # each diagnosis chapter's title by its ID
    investments: list[Investment]
    fw: Framework
    figures: list[Path]
    drawings: list[Drawing]
    _kept_tables: KeptTables | None
