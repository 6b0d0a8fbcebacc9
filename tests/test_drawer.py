"""The drawer: charts and maps drawn in worker processes beside the build, each handed
over as soon as compose makes it, and their PNG twins made there too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from strategy.compose import timeline
from strategy.compose.compose import compose
from strategy.compose.document import Drawing
from strategy.export.drawings import Drawer, DrawingFailed
from strategy.pipeline import load_and_validate

REPO = Path(__file__).resolve().parent.parent


def _timeline(target: Path) -> Drawing:
    rows = timeline.rows([("A", "Zażółć gęślą jaźń", 2023, 2027)])
    return Drawing("strategy.compose.charts", "timeline",
                   (target, rows, (2022, 2031), (2022, 2030), "Rok"), output=target)


def _bars(target: Path) -> Drawing:
    return Drawing("strategy.compose.charts", "stacked_bars",
                   (target, ["2024", "2025"], {"UE": [1.0, 2.0], "własne": [0.5, 0.5]},
                    "tys. zł"), output=target)


def test_compose_hands_over_every_drawing_as_it_makes_it_in_the_documents_order(tmp_path):
    validated = load_and_validate(REPO / "sections", cache=False)
    handed: list[Drawing] = []
    doc = compose(validated.strategy, tmp_path, REPO / "sections", draw=False,
                  hand=handed.append)
    assert handed and handed == doc.drawings
    assert [d.output.name for d in handed][:2] == ["timeline-1.svg", "funding.svg"]
    assert all(not d.output.exists() for d in handed)  # handed over, not drawn


@pytest.mark.parametrize("workers", [1, 2])
def test_the_drawers_svgs_and_twins_are_the_bytes_drawn_in_the_builds_own_process(
        tmp_path, workers):
    inside = [_timeline(tmp_path / "inside" / "t.svg"), _bars(tmp_path / "inside" / "b.svg")]
    for drawing in inside:
        drawing()  # the SVG, then its twin
    drawer = Drawer(workers).start()
    try:
        drawn = [_timeline(tmp_path / "drawer" / "t.svg"), _bars(tmp_path / "drawer" / "b.svg")]
        for drawing in drawn:
            drawer.draw(drawing)
        drawer.finish(twins=True)
        drawer.wait()
        assert all(d.output.exists() for d in drawn)
        drawer.wait_twins()
    finally:
        drawer.close()
    for a, b in zip(inside, drawn, strict=True):
        for mine, theirs in zip(a.files, b.files, strict=True):
            assert mine.read_bytes() == theirs.read_bytes(), theirs.name


def test_without_twins_the_drawer_draws_the_svgs_alone(tmp_path):
    drawer = Drawer().start()
    try:
        drawing = _bars(tmp_path / "b.svg")
        drawer.draw(drawing)
        drawer.finish(twins=False)
        drawer.wait()
        drawer.wait_twins()  # nothing to wait for
    finally:
        drawer.close()
    assert drawing.output.exists() and not drawing.files[1].exists()


def _broken(path: Path) -> None:
    raise ValueError(f"cannot draw {path.name}")


def test_the_first_failing_drawing_in_the_documents_order_is_named(tmp_path, monkeypatch):
    from strategy.compose import charts

    monkeypatch.setattr(charts, "broken", _broken, raising=False)  # the drawer is a fork
    drawer = Drawer(2).start()
    try:
        drawings = [_bars(tmp_path / "ok.svg"),
                    Drawing("strategy.compose.charts", "broken", (tmp_path / "first.svg",),
                            output=tmp_path / "first.svg"),
                    Drawing("strategy.compose.charts", "broken", (tmp_path / "second.svg",),
                            output=tmp_path / "second.svg")]
        for drawing in drawings:
            drawer.draw(drawing)
        drawer.finish(twins=True)
        with pytest.raises(DrawingFailed) as failed:
            drawer.wait()
    finally:
        drawer.close()
    assert failed.value.drawing is drawings[1]
    assert "cannot draw first.svg" in str(failed.value) and "ValueError" in failed.value.details


def test_a_twin_typst_cannot_draw_is_named_by_its_drawing(tmp_path):
    svg = tmp_path / "not-an-image.svg"
    svg.write_text("this is no SVG", encoding="utf-8")
    drawing = Drawing("pathlib", "Path", (svg,), output=svg)  # "draws" by naming it
    drawer = Drawer(1).start()
    try:
        drawer.draw(drawing)
        drawer.finish(twins=True)
        drawer.wait()
        with pytest.raises(DrawingFailed) as failed:
            drawer.wait_twins()
    finally:
        drawer.close()
    assert failed.value.drawing.output == svg
    assert not svg.with_suffix(".png").exists()


def test_closing_the_drawer_ends_its_workers_and_removes_its_folder(tmp_path):
    drawer = Drawer(2).start()
    pid, folder = drawer._pid, drawer._folder
    assert pid is not None and folder is not None and folder.is_dir()
    drawer.draw(_bars(tmp_path / "b.svg"))
    drawer.close()  # without waiting: a failed build
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not folder.exists()


def test_a_drawer_that_died_names_the_drawing_it_did_not_draw(tmp_path):
    drawer = Drawer(1).start()
    try:
        assert drawer._pid is not None
        os.kill(drawer._pid, 9)
        os.waitpid(drawer._pid, 0)
        drawer._pid = None
        drawings = [_bars(tmp_path / "a.svg"), _bars(tmp_path / "b.svg")]
        for drawing in drawings:
            drawer.draw(drawing)  # to nobody: no error yet
        drawer.finish(twins=True)
        with pytest.raises(DrawingFailed) as failed:
            drawer.wait()
    finally:
        drawer.close()
    assert failed.value.drawing is drawings[0]
    assert "ended before drawing it" in str(failed.value)
