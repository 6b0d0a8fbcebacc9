"""The projects' timeline and the maps' labels, checked on the drawn picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from large_fixture import large_sections

from strategy.compose import charts, timeline
from strategy.compose.compose import compose
from strategy.compose.document import TWIN_PPI, Drawing
from strategy.compose.mapdraw import label_point
from strategy.model.tablefit import PORTRAIT_HEIGHT
from strategy.pipeline import load_and_validate


def _bars(fig) -> list[tuple[float, float]]:
    """(start, end) in years of every bar of the drawn timeline."""
    ax = fig.axes[0]
    return [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches
            if p.get_facecolor()[:3] != (0.933, 0.933, 0.933) and p.get_height() < 1]


def test_a_project_of_2023_to_2027_spans_from_the_start_of_2023_to_the_end_of_2027():
    rows = timeline.rows([("IPR-01", "Drogi rowerowe", 2023, 2027)])
    fig = charts.timeline_figure(rows, timeline.axis(rows, 2022, 2030), (2022, 2030), "Rok")
    assert _bars(fig) == [(2023, 2028)]
    ax = fig.axes[0]
    assert ax.get_xlim() == (2022, 2031)  # the period's first and last year whole
    labels = [t.get_text() for t in ax.xaxis.get_minorticklabels()]
    assert labels[0] == "2022" and labels[-1] == "2030"
    # each year's label stands in the middle of its year
    assert list(ax.xaxis.get_minorticklocs())[:2] == [2022.5, 2023.5]


def test_no_bar_is_cut_off_when_a_project_starts_before_the_period():
    rows = timeline.rows([("A", "Wcześniej", 2020, 2023), ("B", "Później", 2029, 2032)])
    lo, hi = timeline.axis(rows, 2022, 2030)
    assert (lo, hi) == (2020, 2033)
    fig = charts.timeline_figure(rows, (lo, hi), (2022, 2030), "Rok")
    xmin, xmax = fig.axes[0].get_xlim()
    assert all(xmin <= start and end <= xmax for start, end in _bars(fig))


def test_the_rows_show_code_and_name_wrapped_within_the_label_column():
    name = "Modernizacja sieci dróg gminnych i powiatowych wraz z budową chodników i oświetlenia"
    [row] = timeline.rows([("IPR-07", name, 2024, 2026)])
    assert " ".join(row.lines) == f"IPR-07 {name}"
    assert len(row.lines) >= 2
    fig = charts.timeline_figure([row], (2022, 2031), (2022, 2030), "Rok")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "\n".join(row.lines) in texts


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    root = large_sections(tmp_path_factory.mktemp("large") / "sections")
    validated = load_and_validate(root)
    doc = compose(validated.strategy, tmp_path_factory.mktemp("assets"), root)
    return validated.strategy, doc


def test_sixty_projects_take_several_figures_none_taller_than_the_text_area(large):
    strategy, doc = large
    svgs = sorted(p for p in doc.figures if p.name.startswith("timeline-") and p.suffix == ".svg")
    assert len(svgs) >= 2
    from PIL import Image

    for svg in svgs:
        with Image.open(svg.with_suffix(".png")) as png:
            height_pt = png.height / TWIN_PPI * 72
        assert height_pt <= PORTRAIT_HEIGHT - 60
    captions = [b for b in doc.markdown.split("\n\n") if "](charts/timeline-" in b]
    assert len(captions) == len(svgs)
    assert captions[0].startswith("![Harmonogram przedsięwzięć \\(1\\/")


def test_each_timeline_figure_describes_exactly_the_projects_it_shows(large):
    strategy, doc = large
    blocks = [b for b in doc.markdown.split("\n\n") if "](charts/timeline-" in b]
    shown = []
    for block in blocks:
        alt = block.split('fig-alt="')[1]
        shown += [inv.id for inv in strategy.investments.investments
                  if f"{inv.id} {inv.title}: " in alt]
    assert shown == [inv.id for inv in strategy.investments.investments]
    first = strategy.investments.investments[0]
    assert f"{first.years.first}–{first.years.last}" in blocks[0]


def test_a_label_sits_inside_a_concave_area_where_the_mean_of_its_vertices_does_not():
    # A "C" open to the east: the mean of its vertices falls in the opening.
    ring = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10), (0, 0)]
    mean = (sum(p[0] for p in ring[:-1]) / 8, sum(p[1] for p in ring[:-1]) / 8)
    from strategy.compose.mapdraw import _signed_distance

    assert _signed_distance(*mean, [ring]) < 0  # outside
    x, y = label_point([ring])
    assert _signed_distance(x, y, [ring]) >= 0.9  # inside, about a band's half-width away
    assert x < 2.1


def test_a_label_point_respects_the_maps_aspect():
    square = [(0, 0), (4, 0), (4, 1), (0, 1), (0, 0)]
    x, y = label_point([square], stretch=1.6)
    assert 0 < x < 4 and 0 < y < 1


def test_timeline_svg_and_png_are_identical_when_drawn_twice(tmp_path: Path):
    rows = timeline.rows([("A", "Zażółć gęślą jaźń", 2023, 2027)])
    for folder in ("a", "b"):
        target = tmp_path / folder / "t.svg"
        Drawing("strategy.compose.charts", "timeline",
                (target, rows, (2022, 2031), (2022, 2030), "Rok"), output=target)()
    for name in ("t.svg", "t.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_charts_png_twin_is_its_svg_at_the_twins_resolution(tmp_path: Path):
    import re

    from PIL import Image

    target = tmp_path / "funding.svg"
    drawing = Drawing("strategy.compose.charts", "stacked_bars",
                      (target, ["2024", "2025"], {"UE": [1.0, 2.0], "własne": [0.5, 0.5]},
                       "tys. zł"), output=target)
    drawing.vector()
    assert not target.with_suffix(".png").exists()  # the drawer's part: the SVG alone
    drawing.twin()
    head = target.read_text(encoding="utf-8")[:1000]
    width, height = (float(re.search(rf'{k}="([\d.]+)pt"', head).group(1))
                     for k in ("width", "height"))
    with Image.open(target.with_suffix(".png")) as png:
        assert abs(png.width - width / 72 * TWIN_PPI) <= 1
        assert abs(png.height - height / 72 * TWIN_PPI) <= 1
        assert png.getpixel((0, 0))[:3] == (255, 255, 255)  # on white, as on the page
        colours = png.convert("RGB").getcolors(1 << 20)
    assert any(colour[:3] == (0x1F, 0x4E, 0x79) for _, colour in colours)  # the bars
