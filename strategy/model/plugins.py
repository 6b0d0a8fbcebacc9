"""Pydantic's plugins, looked for with importlib.metadata only where there may be one.

Each time pydantic builds a validator (a kind's model, the first time a command
validates that kind) it calls ``pydantic.plugin._loader.get_plugins()``. That module
imports ``importlib.metadata`` (which brings ``email``, ``socket``, ``zipfile``,
``csv``…) and its first call reads the entry points of every installed distribution:
~25 ms of a ``check`` after an edit, for plugins this tool is never installed with.

``install`` puts a stand-in under that module's name, before pydantic imports it. Its
``get_plugins`` answers "none" (as pydantic's own does when there are none: pydantic
only asks whether the answer is empty) when no distribution in any folder of
``sys.path`` names ``pydantic`` in its ``entry_points.txt``, the only place
importlib.metadata's path finder reads entry points from. Whenever that cannot be
told for sure (an egg or a zip on ``sys.path``, a file it cannot read, another finder
of distributions on ``sys.meta_path``), or a distribution does name pydantic, pydantic's
own module is imported in its place and answers (``PYDANTIC_DISABLE_PLUGINS``
included): installed plugins work as before. Safe across pydantic versions in the way
a pin makes it so: pydantic is pinned exactly, and ``tests/test_plugins.py`` holds the
stand-in to pydantic's module (the name it imports, the answer, a real plugin).
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"  # pydantic/plugin/_schema_validator.py imports it
_UNREADABLE = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def none_installed() -> bool:
    """Whether importlib.metadata surely finds no entry point of the group ``pydantic``:
    every distribution it can find is a ``*.dist-info`` or ``*.egg-info`` entry of a
    folder of ``sys.path`` (``""`` is the current folder), and none of their
    ``entry_points.txt`` holds the word at all."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder
           for finder in sys.meta_path):
        return False  # a finder of distributions of its own: only it knows
    for folder in sys.path:
        if not isinstance(folder, str) or folder.lower().endswith(".egg"):
            return False
        try:
            names = os.listdir(folder or ".")
        except OSError:
            if os.path.exists(folder or "."):
                return False  # a zip archive, or a folder that cannot be listed
            continue  # a place that is not there (a path hook's name) holds nothing
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as handle:
                    if b"pydantic" in handle.read().lower():
                        return False
            except _UNREADABLE:
                continue  # importlib.metadata reads no entry points there either
            except OSError:
                return False
    return True


class _StandIn(types.ModuleType):
    """``pydantic.plugin._loader`` until it is needed; then pydantic's own."""

    def __init__(self) -> None:
        super().__init__(LOADER, __doc__)
        self._none: bool | None = None

    def get_plugins(self) -> Iterable[Any]:
        if self._none is None:
            self._none = none_installed()
        return () if self._none else _pydantic_loader().get_plugins()

    def __getattr__(self, name: str) -> Any:
        # Any other name of pydantic's module is pydantic's; a dunder one is looked up
        # on every module by tools that walk sys.modules (inspect.getmodule: __file__),
        # which must not import it.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(_pydantic_loader(), name)


def _pydantic_loader() -> types.ModuleType:
    """pydantic's own loader, imported now in the stand-in's place."""
    if isinstance(sys.modules.get(LOADER), _StandIn):
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)


def install() -> None:
    """The stand-in, unless pydantic's loader is already imported (then it is used)."""
    if LOADER not in sys.modules:
        sys.modules[LOADER] = _StandIn()
