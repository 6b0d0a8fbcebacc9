"""Walking pandoc's JSON AST in tests."""

from __future__ import annotations

from collections.abc import Iterator


def nodes(tree: object) -> Iterator[dict]:
    """Every element of a pandoc JSON AST (anything with a "t"), depth first."""
    if isinstance(tree, dict):
        if "t" in tree:
            yield tree
        for value in tree.values():
            yield from nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from nodes(value)
