"""A listing names each file as ``display_path`` does, however the folder is reached:
relative to the base by name when it lies under it, else by where its links lead, else
as given; the listing only works each folder out once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from strategy.problems import display_path, shown_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "base" / "sections" / "investments").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    for name in ("base/sections/goals.yaml", "base/sections/investments/p1.yaml",
                 "outside/notes.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    # A folder outside that leads into the base, and a file there that does.
    (tmp_path / "outside" / "linked").symlink_to(tmp_path / "base" / "sections")
    (tmp_path / "outside" / "goals.yaml").symlink_to(tmp_path / "base/sections/goals.yaml")
    return tmp_path


FILES = ["base/sections/goals.yaml", "base/sections/investments/p1.yaml",
         "base/sections/investments/../goals.yaml", "base/sections/missing.yaml",
         "outside/notes.yaml", "outside/goals.yaml", "outside/linked/goals.yaml",
         "outside/linked/investments/p1.yaml", "base/sections", "base/sections/."]


@pytest.mark.parametrize("base", ["base", "base/sections", "outside", ".", "base/x/.."])
@pytest.mark.parametrize("absolute", [False, True])
def test_a_listing_names_every_file_as_display_path_does(
        tree: Path, base: str, absolute: bool, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tree)
    files = [Path(os.path.abspath(f)) if absolute else Path(f) for f in FILES]
    shown = shown_paths(Path(base))
    assert [shown(f) for f in files] == [display_path(f, Path(base)) for f in files]
    assert [shown(f) for f in files] == [display_path(f, Path(base)) for f in files]
    assert [shown_paths(None)(f) for f in files] == [display_path(f, None) for f in files]
