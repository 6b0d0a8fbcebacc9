"""readiness names each kind's files as every problem names its file (``display_path``):
relative to where it is run when the folder lies under it, else as given."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import copy_tiny

from strategy.commands.readiness import files_of
from strategy.pipeline import load_and_validate
from strategy.problems import display_path


@pytest.mark.parametrize("base", [".", "sections", "sections/investments", "elsewhere"])
def test_each_file_is_named_as_a_problem_in_it_would_be(tmp_path: Path, base: str,
                                                        monkeypatch: pytest.MonkeyPatch):
    root = copy_tiny(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    for given in (root, Path("sections"), Path("elsewhere/../sections")):
        validated = load_and_validate(given)
        expected = {kind: [display_path(p, Path(base)) for p in paths]
                    for kind, paths in validated.sections.files.items()}
        assert files_of(validated, Path(base)) == expected
        assert len(expected["investments"]) > 1
