"""gui/forms/annex_model.py: an annex's cells on screen, the view told only of the cells whose
text changed, rows added or removed at the end, the table laid out anew when the headings change
or rows take the placeholder's place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from cchc_desktop.gui.forms.annex_model import RIGHT, AnnexModel, Cell

HEADERS = ["Đơn vị", "Số TTHC", "Tỷ lệ"]
PLACEHOLDER = "Chưa có số liệu"


def row(name: str, count: str, rate: str) -> list[Cell]:
    return [(name, False), (count, True), (rate, True)]


ROWS = [row("Xã Mỹ An", "42", "63,6%"), row("Xã Mỹ Hòa", "30", "50,0%")]


class Seen:
    """What the view was told."""

    def __init__(self, model: AnnexModel) -> None:
        self.changed: list[tuple[int, int]] = []
        self.resets = 0
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda first, last: self.changed.append((first.row(), first.column())))
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda parent, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda parent, first, last: self.removed.append((first, last)))

    def _reset(self) -> None:
        self.resets += 1


def shown(model: AnnexModel) -> list[list[str]]:
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_first_showing_lays_the_table_out_with_its_cells_aligned(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    seen = Seen(model)
    assert model.show(HEADERS, ROWS, PLACEHOLDER) is None
    assert seen.resets == 1
    assert shown(model) == [["Xã Mỹ An", "42", "63,6%"], ["Xã Mỹ Hòa", "30", "50,0%"]]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Số TTHC"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None


def test_a_figure_typed_tells_the_view_of_its_cells_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    model.show(HEADERS, ROWS, PLACEHOLDER)
    seen = Seen(model)
    changes = model.show(HEADERS, [row("Xã Mỹ An", "43", "65,2%"), ROWS[1]], PLACEHOLDER)
    assert changes is not None
    assert changes.cells == [(0, 1), (0, 2)]
    assert changes.columns == set()
    assert seen.changed == [(0, 1), (0, 2)] and seen.resets == 0
    assert model.text(0, 1) == "43"


def test_the_same_annex_again_tells_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    model.show(HEADERS, ROWS, PLACEHOLDER)
    seen = Seen(model)
    changes = model.show(HEADERS, [list(r) for r in ROWS], PLACEHOLDER)
    assert changes is not None and changes.cells == [] and seen.changed == []


def test_rows_added_and_removed_go_at_the_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    model.show(HEADERS, ROWS, PLACEHOLDER)
    seen = Seen(model)
    more = [*ROWS, row("Thị trấn Mỹ Thọ", "12", "100%")]
    changes = model.show(HEADERS, more, PLACEHOLDER)
    assert changes is not None
    assert seen.inserted == [(2, 2)] and seen.resets == 0
    assert changes.cells == [(2, 0), (2, 1), (2, 2)]
    changes = model.show(HEADERS, ROWS[:1], PLACEHOLDER)
    assert changes is not None
    assert seen.removed == [(1, 2)]
    assert changes.columns == {0, 1, 2}   # the widest cell may have gone
    assert shown(model) == [["Xã Mỹ An", "42", "63,6%"]]


def test_no_rows_show_the_placeholder_and_rows_again_lay_out_anew(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    model.show(HEADERS, ROWS, PLACEHOLDER)
    seen = Seen(model)
    assert model.show(HEADERS, [], PLACEHOLDER) is None
    assert model.empty
    assert shown(model) == [[PLACEHOLDER, "", ""]]
    assert model.show(HEADERS, [], PLACEHOLDER) is not None   # still empty: nothing anew
    assert model.show(HEADERS, ROWS, PLACEHOLDER) is None
    assert seen.resets == 2 and not model.empty


def test_other_headings_lay_the_table_out_anew(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    model.show(HEADERS, ROWS, PLACEHOLDER)
    seen = Seen(model)
    english = ["Unit", "Procedures", "Rate"]
    assert model.show(english, ROWS, PLACEHOLDER) is None
    assert seen.resets == 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Unit"

