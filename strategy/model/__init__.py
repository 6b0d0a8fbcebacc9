"""Pydantic models of every section kind; ``Strategy`` holds them all."""

from strategy.model.strategy import KINDS, SectionKind, Strategy, item_model

__all__ = ["KINDS", "SectionKind", "Strategy", "item_model"]
