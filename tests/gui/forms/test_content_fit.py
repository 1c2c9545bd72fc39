"""gui/forms/content_fit.py: columns and rows sized as Qt's ResizeToContents would size them, but
measured again only where a cell changed; a table off screen measured when shown; rows off
screen measured while idle until `settled`; the stretched column held at its heading's width on
a narrow page rather than cut."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from cchc_desktop.gui.forms.annex_model import AnnexModel, Cell
from cchc_desktop.gui.forms.content_fit import ROWS_AT_ONCE, ContentFit

HEADERS = ["Đơn vị", "Số TTHC", "Ghi chú về việc giải quyết thủ tục hành chính"]
PLACEHOLDER = "Chưa có số liệu"
LONG = "Tiếp nhận và giải quyết hồ sơ đúng hạn, trả kết quả qua dịch vụ bưu chính công ích"


def rows(count: int, note: str = LONG) -> list[list[Cell]]:
    return [[(f"Xã số {n}", False), (str(n * 7), True), (note if n % 2 else "Đúng hạn", False)]
            for n in range(1, count + 1)]


def table(qtbot, data: list[list[Cell]], *, shown: bool = True,
          width: int = 450) -> tuple[QTableView, AnnexModel]:  # type: ignore[no-untyped-def]
    model = AnnexModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setWordWrap(True)
    view.setModel(model)
    model.setParent(view)
    model.show(HEADERS, data, PLACEHOLDER)
    view.resize(width, 400)
    if shown:
        view.show()
        qtbot.waitExposed(view)
    return view, model


def fitted(qtbot, data: list[list[Cell]], **kwargs) -> tuple[QTableView, AnnexModel, ContentFit]:  # type: ignore[no-untyped-def]
    view, model = table(qtbot, data, **kwargs)
    fit = ContentFit(view, plain=True)
    fit.set_stretch([2])
    fit.fit_all()
    return view, model, fit


def reference(qtbot, data: list[list[Cell]], width: int = 450) -> QTableView:  # type: ignore[no-untyped-def]
    """The same table sized by Qt's own measures, every column and then every row, as the
    ResizeToContents mode would size them once settled."""
    view, _model = table(qtbot, data, width=width)
    header = view.horizontalHeader()
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    for column in range(2):
        view.resizeColumnToContents(column)
    qtbot.wait(20)   # the stretched column takes the rest
    view.resizeRowsToContents()
    return view


def sizes(view: QTableView) -> tuple[list[int], list[int]]:
    header, rows_header = view.horizontalHeader(), view.verticalHeader()
    return ([header.sectionSize(c) for c in range(header.count())],
            [rows_header.sectionSize(r) for r in range(rows_header.count())])


def settle(qtbot, fit: ContentFit) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: fit.settled, timeout=3000)
    qtbot.wait(20)


def test_a_filled_table_looks_as_resize_to_contents_makes_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(6)
    view, _model, fit = fitted(qtbot, data)
    settle(qtbot, fit)
    assert sizes(view) == sizes(reference(qtbot, data))
    _widths, heights = sizes(view)
    assert max(heights) > min(heights)   # the long notes wrap onto more lines
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed


def test_a_changed_cell_is_measured_again_its_column_and_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(6)
    view, model, fit = fitted(qtbot, data)
    settle(qtbot, fit)
    changed = [list(row) for row in data]
    changed[1][0] = ("Thị trấn Mỹ Thọ, huyện Cao Lãnh", False)   # a wider first column
    changed[3][2] = ("Đúng hạn", False)                             # a shorter note
    changes = model.show(HEADERS, changed, PLACEHOLDER)
    assert changes is not None
    fitted_signal: list[bool] = []
    fit.fitted.connect(lambda: fitted_signal.append(True))
    fit.fit_cells(changes.cells, changes.columns)
    settle(qtbot, fit)
    assert fitted_signal
    assert sizes(view) == sizes(reference(qtbot, changed))


def test_rows_removed_measure_their_columns_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(4)
    data[3][0] = ("Thị trấn Mỹ Thọ, huyện Cao Lãnh", False)   # the widest, then gone
    view, model, fit = fitted(qtbot, data)
    settle(qtbot, fit)
    changes = model.show(HEADERS, data[:3], PLACEHOLDER)
    assert changes is not None
    fit.fit_cells(changes.cells, changes.columns)
    settle(qtbot, fit)
    assert sizes(view) == sizes(reference(qtbot, data[:3]))


def test_a_table_off_screen_is_measured_when_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(5)
    view, _model, fit = fitted(qtbot, data, shown=False)
    before = sizes(view)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, fit)
    after = sizes(view)
    assert after != before
    assert after == sizes(reference(qtbot, data))


def test_many_rows_are_measured_in_batches_until_settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(ROWS_AT_ONCE * 3)
    view, model, fit = fitted(qtbot, data, width=800)   # room for the headings: no squeeze
    settle(qtbot, fit)
    wider = [list(row) for row in data]
    wider[0][0] = ("Ủy ban nhân dân thị trấn Mỹ Thọ, huyện Cao Lãnh", False)
    changes = model.show(HEADERS, wider, PLACEHOLDER)
    assert changes is not None
    fit.fit_cells(changes.cells, changes.columns)
    assert not fit.settled            # the stretched column gives way: rows due
    settle(qtbot, fit)
    assert sizes(view) == sizes(reference(qtbot, wider, width=800))
    assert sizes(view)[1][-2] > sizes(view)[1][-1]   # the notes now wrap, to the last rows


def test_a_narrow_page_holds_the_stretched_heading_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    data = rows(3)
    view, _model, fit = fitted(qtbot, data, width=260)
    settle(qtbot, fit)
    header = view.horizontalHeader()
    heading = header.sectionSizeFromContents(2).width()
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.Fixed
    assert header.sectionSize(2) >= heading            # not cut: the table scrolls sideways
    view.resize(1600, 400)
    qtbot.waitUntil(lambda: header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch,
                    timeout=2000)
    assert header.sectionSize(2) > heading              # room again: it takes the spare width
