"""gui/unit_board_table.py: the model and the proxy of the board of the units' main rates. The
model writes each rate as the report does ("75,00% ▼" below its target), says in a tool tip
the fraction it came from, or that the unit sent no report or lacks the figures; the proxy
sorts by the number, by the folded name in the unit column, keeps units without a figure and
the sum row last either way, and filters by words typed without accents or with stray spaces.

Beside tests/gui/test_unit_board_dialog.py, which shows the board of a consolidated province in
the window (sorting by clicks, filtering by typing); here the model and the proxy alone, on a
board computed from reports made by hand (domain/unit_board.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.domain.unit_board import BoardLine, UnitBoard, unit_board
from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.unit_board_table import SORT_ROLE, UnitBoardModel, UnitBoardProxy
from tests.factories import make_report, records, template

ON_TIME = "tthc.hs.tong.ty_le_dung_han"
PROVINCE = Unit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh")
TOTAL = "Sở Nội vụ tỉnh Thử (tổng các đơn vị)"


def board() -> UnitBoard:
    """On time: Định An 400/400 = 100%, Mỹ Hòa 15/20 = 75% (below 90%), An Bình 9/10 = 90%;
    Tân Thạnh sent nothing, Phú Hữu resolved no record (no rate); the province 424/430."""
    def sent(code: str, name: str, **figures: int):  # type: ignore[no-untyped-def]
        unit = Unit(code, name, "xa")
        return unit, make_report(records("xa", **figures), unit=unit, kind="Q3")

    units = [sent("xa-dinh-an", "UBND xã Định An", online=400, early=300, on_time=100),
             sent("xa-my-hoa", "UBND xã Mỹ Hòa", online=20, early=10, on_time=5, late=5),
             (Unit("xa-tan-thanh", "UBND xã Tân Thạnh", "xa"), None),
             sent("xa-an-binh", "UBND xã An Bình", online=10, early=9, late=1),
             sent("xa-phu-huu", "UBND xã Phú Hữu", pending=3, in_person=3)]
    consolidating = make_report(unit=PROVINCE, kind="Q3")
    return unit_board(consolidating, template(), units, shipped_templates().get)


def table(qtbot) -> tuple[UnitBoardModel, UnitBoardProxy]:  # type: ignore[no-untyped-def]
    model = UnitBoardModel()
    model.set_board(board())
    proxy = UnitBoardProxy()
    proxy.setSourceModel(model)
    return model, proxy


def column(proxy: UnitBoardProxy, index: int) -> list[str]:
    return [proxy.index(row, index).data() for row in range(proxy.rowCount())]


def test_an_empty_model_has_no_rows_columns_or_headers(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = UnitBoardModel()
    assert (model.rowCount(), model.columnCount()) == (0, 0)
    assert model.headerData(0, Qt.Orientation.Horizontal) is None
    assert model.code_at(1) is None and model.rate_codes == []


def test_each_rate_says_where_it_came_from(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, proxy = table(qtbot)
    rate = model.rate_column(ON_TIME)
    assert column(proxy, rate) == ["100,00%", "75,00% ▼", "—", "90,00%", "—", "98,60%"]

    def tip(row: int) -> str:
        return str(model.index(row, rate).data(Qt.ItemDataRole.ToolTipRole))

    assert tip(0) == "Tử số/mẫu số: 400/400; chỉ tiêu 90,00%"
    assert tip(1) == "Tử số/mẫu số: 15/20; dưới chỉ tiêu 90,00%"
    assert tip(2) == "Đơn vị chưa gửi báo cáo kỳ này.; chỉ tiêu 90,00%"
    assert tip(4) == "Tử số/mẫu số: 0/0; chỉ tiêu 90,00%", "'—' with the zero it came from"
    assert isinstance(model.index(1, rate).data(Qt.ItemDataRole.BackgroundRole), QBrush)
    assert model.index(0, rate).data(Qt.ItemDataRole.BackgroundRole) is None
    note = model.columnCount() - 1
    assert model.headerData(note, Qt.Orientation.Horizontal) == "So với chỉ tiêu"
    assert [model.index(r, note).data() for r in (1, 2)] == ["▼ dưới chỉ tiêu", "Chưa gửi báo cáo"]
    assert model.index(5, 0).data(Qt.ItemDataRole.FontRole).bold(), "the sum row in bold"


def test_sorting_by_a_rate_keeps_units_without_a_figure_and_the_sum_last(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, proxy = table(qtbot)
    rate = model.rate_column(ON_TIME)
    proxy.sort(rate, Qt.SortOrder.AscendingOrder)
    assert column(proxy, 0) == ["UBND xã Mỹ Hòa", "UBND xã An Bình", "UBND xã Định An",
                                "UBND xã Phú Hữu", "UBND xã Tân Thạnh", TOTAL]
    proxy.sort(rate, Qt.SortOrder.DescendingOrder)
    assert column(proxy, rate) == ["100,00%", "90,00%", "75,00% ▼", "—", "—", "98,60%"]
    assert model.index(0, rate).data(SORT_ROLE) == 100.0


def test_sorting_by_name_folds_the_vietnamese_letters(qtbot) -> None:  # type: ignore[no-untyped-def]
    _model, proxy = table(qtbot)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # "Định" folds to "dinh": between "An" and "Mỹ", not after "Tân" as its "Đ" would sort
    assert column(proxy, 0) == ["UBND xã An Bình", "UBND xã Định An", "UBND xã Mỹ Hòa",
                                "UBND xã Phú Hữu", "UBND xã Tân Thạnh", TOTAL]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert column(proxy, 0)[-1] == TOTAL


def test_filtering_by_words_and_to_units_below_target(qtbot) -> None:  # type: ignore[no-untyped-def]
    _model, proxy = table(qtbot)
    proxy.set_words("  PHU   huu ")
    assert column(proxy, 0) == ["UBND xã Phú Hữu", TOTAL]
    proxy.set_words("thanh pho")
    assert column(proxy, 0) == [TOTAL], "no unit: the sum row stays"
    proxy.set_words("")
    proxy.set_below_only(True)
    # Mỹ Hòa below the on-time target, Phú Hữu below the online one (0 of 3 records)
    assert [line.name() for line in proxy.visible_lines()] == ["UBND xã Mỹ Hòa", "UBND xã Phú Hữu",
                                                               TOTAL]
    assert all(isinstance(line, BoardLine) for line in proxy.visible_lines())
