"""Pydantic models of every section kind; ``Strategy`` holds them all.

The names below come from ``model/strategy.py`` when first asked for: importing one
model module (``check`` validating one changed kind) does not build every kind's."""

from typing import Any

from strategy.model import plugins

# Before any model is built: pydantic then looks for its plugins only where there may be
# one (model/plugins.py).
plugins.install()

__all__ = ["KINDS", "SectionKind", "Strategy", "item_model"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from strategy.model import strategy

        return getattr(strategy, name)
    raise AttributeError(name)
