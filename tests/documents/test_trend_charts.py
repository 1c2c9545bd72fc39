"""documents/trend_charts.py: trend and bar charts drawn for paper, told apart without colour.

Every point carries its value ('92,52%'), labels of one period are pushed apart, a missing
value leaves a gap in the line, a target is a dotted line labelled 'Mục tiêu 90,00%' and
repeated in the legend; on the board's bars a unit below its target is hatched and marked
'▼', a unit without a figure shows '—', a long name is cut with '…', a long list takes
several drawings with the legend on the last; all in Vietnamese under an English window.
Beside tests/documents/test_trends_pdf.py (the trends annex in a PDF) and
tests/documents/test_unit_board_documents.py (the board's charts).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, Shape, String

from cchc_desktop.documents.trend_charts import (
    BARS_PER_DRAWING,
    LABEL_SIZE,
    axis_text,
    bar_chart_drawings,
    chart_drawing,
    value_text,
)
from cchc_desktop.domain.trends import PERCENT, TARGET_DASH, Chart, Point, Series, TargetLine
from cchc_desktop.i18n import set_language

D = Decimal
NINETY = D(90)
PERIODS = ("Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm/2026")


def _shapes(group: Drawing | Group) -> Iterator[Shape]:
    for shape in group.contents:
        yield shape
        if isinstance(shape, Group):
            yield from _shapes(shape)


def _texts(drawing: Drawing) -> list[str]:
    return [s.text for s in _shapes(drawing) if isinstance(s, String)]


def _chart(values: list[list[Decimal | None]], target: Decimal | None = NINETY) -> Chart:
    series = [Series(f"s{n}", f"Tỷ lệ {n}", [Point(p, v) for p, v in zip(PERIODS, row, strict=True)])
              for n, row in enumerate(values)]
    targets = [TargetLine("s0", "Mục tiêu: Tỷ lệ 0", target)] if target is not None else []
    return Chart("Xu hướng", PERCENT, series, targets)


def test_values_and_axis_numbers_are_written_the_vietnamese_way() -> None:
    assert value_text(D("92.5211"), PERCENT, "vi") == "92,52%"
    assert value_text(D("1234567"), "hồ sơ", "vi", 0) == "1.234.567"
    assert value_text(D("92.5"), PERCENT, "vi", 1) == "92,5%"
    assert axis_text(D(100), PERCENT, "vi") == "100%" and axis_text(D("2.5"), "", "vi") == "2,5"
    assert value_text(D("92.5211"), PERCENT, "en") == "92.52%"


def test_every_point_carries_its_value_and_the_target_its_label() -> None:
    set_language("en")              # the window speaks English; the chart stays Vietnamese
    drawing = chart_drawing(_chart([[D(50), D("63.64"), D("92.52"), D(100)]]), 450, 300)
    texts = _texts(drawing)
    for value in ("50,00%", "63,64%", "92,52%", "100,00%", "Mục tiêu 90,00%",
                  "Mục tiêu: Tỷ lệ 0: 90,00%", "Tỷ lệ 0", *PERIODS):
        assert value in texts, value
    assert "0%" in texts and "100%" in texts          # the value axis
    dotted = [s for s in _shapes(drawing) if isinstance(s, Line)
              and tuple(s.strokeDashArray or ()) == TARGET_DASH]
    assert len(dotted) == 2                           # on the plot and in the legend


def test_a_missing_value_leaves_a_gap_and_a_lone_point_no_line() -> None:
    drawing = chart_drawing(_chart([[D(10), D(20), None, D(40)]], target=None), 450, 300)
    lines = [s for s in _shapes(drawing) if isinstance(s, PolyLine)]
    assert len(lines) == 1 and len(lines[0].points) == 4      # Q1 to H1 only; Y stands alone
    assert "40,00%" in _texts(drawing) and "Mục tiêu" not in " ".join(_texts(drawing))


def test_labels_of_one_period_are_pushed_apart() -> None:
    drawing = chart_drawing(_chart([[D(50)] * 4, [D(50)] * 4, [D(51)] * 4]), 450, 300)
    first = sorted(s.y for s in _shapes(drawing) if isinstance(s, String)
                   and s.text in ("50,00%", "51,00%") and s.x < 150)
    assert len(first) == 3
    assert all(b - a >= LABEL_SIZE + 1 - 1e-9 for a, b in pairwise(first))


def test_grey_series_are_black_and_told_by_their_dash() -> None:
    drawing = chart_drawing(_chart([[D(1)] * 4, [D(2)] * 4]), 450, 300, grey=True)
    lines = [s for s in _shapes(drawing) if isinstance(s, PolyLine)]
    assert [tuple(s.strokeDashArray or ()) for s in lines] == [(), (6, 3)]
    assert {s.strokeColor.hexval() for s in lines} == {"0x000000"}


def _board(points: list[Point]) -> Chart:
    return Chart("Tỷ lệ giải quyết đúng hạn", PERCENT, [Series("r", "Tỷ lệ", points)],
                 [TargetLine("r", "Mục tiêu", D(90))])


def test_bars_below_target_are_hatched_and_marked_and_missing_ones_dashed() -> None:
    set_language("en")
    long_name = "Ủy ban nhân dân xã " + "Thạnh Mỹ Tây " * 8
    [drawing] = bar_chart_drawings(_board([Point("UBND xã An Bình", D("92.52")),
                                           Point("UBND xã Mỹ Hòa", D(75), below=True),
                                           Point("UBND xã Tân Thạnh", None),
                                           Point(long_name, D(100))]), 700)
    texts = _texts(drawing)
    for value in ("92,52%", "75,00% ▼", "—", "100,00%", "Mục tiêu 90,00%", "▼ dưới chỉ tiêu"):
        assert value in texts, value
    cut = next(t for t in texts if t.startswith("Ủy ban nhân dân xã Thạnh"))
    assert cut.endswith("…") and len(cut) < len(long_name)
    hatched = [s for s in _shapes(drawing) if isinstance(s, Group)
               and sum(isinstance(c, Line) for c in s.contents) > 3]
    assert len(hatched) == 2                          # Mỹ Hòa's bar and the legend's sample
    solid = [s for s in drawing.contents if isinstance(s, Rect) and s.fillColor is not None
             and s.fillColor.hexval() != "0xffffff"]
    assert len(solid) == 2                            # An Bình's and the long name's


def test_a_long_list_takes_several_drawings_with_the_legend_on_the_last() -> None:
    points = [Point(f"Xã {n}", D(n % 100)) for n in range(BARS_PER_DRAWING * 2 + 1)]
    drawings = bar_chart_drawings(_board(points), 700)
    assert len(drawings) == 3
    assert ["▼ dưới chỉ tiêu" in _texts(d) for d in drawings] == [False, False, True]
    assert drawings[0].height > drawings[2].height
    assert len(bar_chart_drawings(_board([]), 700)) == 1
