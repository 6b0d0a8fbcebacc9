"""A legal profile's paths through the models' fields are walked (importing the models
of the kinds they name) once per profile and models' code: the cache then says they
were found good. A path found wrong is never kept, so it is refused each time."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy.law import profiles


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    walked: list[str] = []
    real = profiles._check_path

    def counted(dotted: str, where: str) -> None:
        walked.append(dotted)
        real(dotted, where)

    monkeypatch.setattr(profiles, "_check_path", counted)
    return walked


def test_the_paths_of_a_profile_are_walked_once_with_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    walked = _walks(monkeypatch)
    profiles.profile.cache_clear()
    try:
        first = profiles.profile(profiles.DEFAULT)
        assert walked  # found good, and kept
        walked.clear()
        profiles.profile.cache_clear()
        assert profiles.profile(profiles.DEFAULT) == first
        assert walked == []
        monkeypatch.setenv("STRATEGY_CACHE", "off")
        profiles.profile.cache_clear()
        profiles.profile(profiles.DEFAULT)
        assert walked  # without a cache, every time
    finally:
        profiles.profile.cache_clear()


def test_a_wrong_path_is_refused_each_time_with_the_cache(tmp_path, monkeypatch):
    law = tmp_path / "law"
    law.mkdir()
    (law / "trial.yaml").write_text("""name: {pl: próba, en: trial}
title: {pl: próba, en: trial}
role: {pl: próby, en: a trial}
laws: {pl: próba, en: trial}
adoption: {pl: próba, en: trial}
elements:
  - id: conclusions
    name: {pl: Wnioski, en: Conclusions}
    basis: {pl: art. 10e ust. 3, en: art. 10e(3)}
    kinds: [conclusions]
    tests:
      - {some: conclusions.conclusion, has: text, status: missing, detail: readiness.no_results}
""", encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(profiles, "HERE", Path(law))
    try:
        for _ in range(2):
            profiles.profile.cache_clear()
            with pytest.raises(profiles.LawError, match="no field 'conclusion'"):
                profiles.profile("trial")
    finally:
        monkeypatch.undo()
        profiles.profile.cache_clear()
