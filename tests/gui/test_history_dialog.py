"""gui/history_dialog.py: each change of the log named as the form names it (a figure by its
label, a note, a section's narrative, a figure of the unit's own by the label it had then, the
report's status), old and new written as the clerk reads them, at the clerk's local time, long
texts shortened in the table and whole below it, the filter searching the whole values; a field
with no change says so. Beside tests/gui/test_history.py (a figure's, a narrative's and the whole
report's history in the window), test_history_log.py (a long log read a page at a time, figures
written as format_number does) and test_history_chart.py (the trend beside a figure)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from cchc_desktop.domain.extra_figures import ExtraFigure, logged
from cchc_desktop.domain.template import Template
from cchc_desktop.gui.history_dialog import (
    HistoryDialog,
    describe,
    describe_extra,
    extra_text,
    field_history,
    local_time,
)
from cchc_desktop.storage.changes import Change, ChangeLog
from cchc_desktop.storage.models import ChangeRow
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import template

AT = dt.datetime(2026, 3, 16, 1, 2, 3)     # UTC, as the log keeps it: 08:02:03 in Việt Nam
SECTION_I = "Nội dung mục I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
LONG = ("Ủy ban nhân dân xã ban hành\n  Kế hoạch số 20/KH-UBND ngày 06/01/2026 về cải cách hành "
        "chính năm 2026, giao nhiệm vụ cho từng công chức và bộ phận một cửa của xã.")
CARS = ExtraFigure("tcc", "own.so_xe", "Số xe công", "chiếc", Decimal(1234))


@pytest.fixture
def hanoi_time() -> Iterator[None]:
    """The clock of a PC in Việt Nam (UTC+7), whatever the test machine's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Ho_Chi_Minh"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def change(entity: str, key: str, old: str | None = None, new: str | None = None) -> Change:
    return Change(AT, "cb-lan", entity, key, old, new, "")


@pytest.fixture
def log(store: ReportStore, commune: OwnUnit) -> ChangeLog:
    """A new report's log, then a narrative, a status no version knows, a figure of the unit's
    own renamed, and a figure with a reason."""
    report_id = store.create_report(2026, "Q1")
    rows = [("text", "cddh", "", LONG, ""), ("status", "status", "draft", "archived", ""),
            ("extra", "own.so_xe", None, logged(CARS), ""),
            ("extra", "own.so_xe", logged(CARS), logged(ExtraFigure("tcc", "own.so_xe", "Số ô tô công",
                                                                    "chiếc", Decimal(12))), ""),
            ("value", "cddh.kh.tong", "60", "66", "Theo Kế hoạch bổ sung số 35/KH-UBND")]
    with store.database.session() as session:
        for n, (entity, key, old, new, reason) in enumerate(rows):
            session.add(ChangeRow(report_id=report_id, at=AT + dt.timedelta(minutes=n), user="cb-lan",
                                  entity=entity, key=key, old_value=old, new_value=new, reason=reason))
    return ChangeLog(store.database, report_id)


def dialog_of(qtbot, log: ChangeLog) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(log, template())
    qtbot.addWidget(dialog)
    return dialog


def row_of(dialog: HistoryDialog, what: str) -> int:
    return next(r for r in dialog.visible_rows() if dialog.cell(r, "Nội dung") == what)


def test_what_a_change_is_about_as_the_form_names_it() -> None:
    t: Template = template()
    assert describe(t, "value", "cddh.kh.tong") == "Tổng số nhiệm vụ trong kế hoạch CCHC năm"
    assert describe(t, "note", "cddh.kh.tong") == "Ghi chú: Tổng số nhiệm vụ trong kế hoạch CCHC năm"
    assert describe(t, "text", "cddh") == SECTION_I
    assert describe(t, "extra", "ns.thu_nsdp") == "Số liệu bổ sung: Thu ngân sách địa phương thực hiện"
    assert describe(t, "status", "status") == "Trạng thái báo cáo"
    assert describe(t, "consolidation", "") == "Tổng hợp đơn vị trực thuộc"
    # What a newer template or version wrote is shown as it is, not refused.
    assert describe(t, "value", "chi_tieu.cu") == "chi_tieu.cu"
    assert describe(t, "text", "muc_cu") == "muc_cu"
    assert describe(t, "extra", "own.so_xe") == "Số liệu bổ sung: own.so_xe"
    assert describe(t, "photo", "x") == "photo"


def test_a_figure_of_the_units_own_by_the_label_it_had_then() -> None:
    t = template()
    renamed = change("extra", "own.so_xe", logged(CARS), logged(ExtraFigure("tcc", "own.so_xe", "Số ô tô")))
    assert describe_extra(t, renamed) == "Số liệu bổ sung: Số ô tô"
    removed = change("extra", "own.so_xe", logged(CARS), None)
    assert describe_extra(t, removed) == "Số liệu bổ sung: Số xe công"
    assert describe_extra(t, change("extra", "own.so_xe", "hỏng", None)) == "Số liệu bổ sung: own.so_xe"


def test_a_figure_of_the_units_own_as_the_history_writes_it() -> None:
    assert extra_text(logged(CARS)) == "1.234 chiếc"
    assert extra_text(logged(ExtraFigure("tcc", "own.x", "Số xe chờ thanh lý"))) == "(chưa nhập số)"
    rate = ExtraFigure("tcc", "own.ty_le", "Tỷ lệ xe", "%", rate_of=("own.so_xe", "own.tong"))
    others = [CARS, ExtraFigure("tcc", "own.tong", "Tổng số xe")]
    assert extra_text(logged(rate, others)) == "tỷ lệ \u201cSố xe công\u201d trên \u201cTổng số xe\u201d"
    assert extra_text("không phải JSON") == "không phải JSON"


def test_the_time_is_the_clerks_local_time(hanoi_time: None) -> None:
    assert local_time(AT) == "16/03/2026 08:02:03"
    assert local_time(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)) == "01/01/2027 00:30:00"


def test_a_long_text_is_shortened_in_the_table_and_whole_below(qtbot, log: ChangeLog) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, log)
    row = row_of(dialog, SECTION_I)
    shown = dialog.cell(row, "Cũ → mới")
    # The line break and the spaces after it became one space.
    assert shown.startswith("(trống) → Ủy ban nhân dân xã ban hành Kế hoạch số 20/KH-UBND")
    new = shown.split(" → ", 1)[1]
    assert len(new) == 80 and new.endswith("…") and "\n" not in new
    dialog.table.selectRow(row)
    assert dialog.detail.toPlainText().endswith(f"Trước:\n(trống)\n\nSau:\n{LONG}")


def test_the_detail_gives_the_reason_and_the_filter_the_whole_text(qtbot, log: ChangeLog) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, log)
    # The newest change is selected: the figure, with its reason.
    assert dialog.detail.toPlainText().startswith("Tổng số nhiệm vụ trong kế hoạch CCHC năm — ")
    assert dialog.detail.toPlainText().endswith(
        "cb-lan\n\nTrước:\n60\n\nSau:\n66\n\nLý do: Theo Kế hoạch bổ sung số 35/KH-UBND")
    dialog.filter.setText("bộ phận một cửa")       # past the 80 characters the table shows
    assert [dialog.cell(r, "Nội dung") for r in dialog.visible_rows()] == [SECTION_I]


def test_each_kind_of_change_in_words(qtbot, log: ChangeLog) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, log)
    assert dialog.columns == ["Thời điểm", "Người sửa", "Nội dung", "Cũ → mới", "Lý do"]
    rows = [(dialog.cell(r, "Nội dung"), dialog.cell(r, "Cũ → mới")) for r in dialog.visible_rows()]
    assert rows[2:] == [
        ("Trạng thái báo cáo", "Dự thảo → archived"),     # a status of a newer version, as it is
        ("Số liệu bổ sung: Số xe công", "(trống) → 1.234 chiếc"),
        ("Số liệu bổ sung: Số ô tô công", "1.234 chiếc → 12 chiếc"),
        ("Tổng số nhiệm vụ trong kế hoạch CCHC năm", "60 → 66"),
    ]
    assert dialog.cell(len(rows) - 1, "Lý do") == "Theo Kế hoạch bổ sung số 35/KH-UBND"
    assert dialog.empty.isHidden()


def test_a_field_without_changes_says_so(qtbot, log: ChangeLog) -> None:  # type: ignore[no-untyped-def]
    dialog = field_history(log, template(), "text", "tthc")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("Lịch sử: Nội dung mục ")
    assert dialog.visible_rows() == []
    assert not dialog.empty.isHidden()
    assert dialog.empty.text() == "Chưa có thay đổi nào được ghi lại."
    assert "Nội dung" not in dialog.columns        # one field: nothing to tell apart
    assert dialog.ui.chart.isHidden()
    assert dialog.detail.toPlainText() == ""


def test_a_figure_of_the_units_own_is_titled_by_its_last_label(qtbot, log: ChangeLog) -> None:  # type: ignore[no-untyped-def]
    dialog = field_history(log, template(), "extra", "own.so_xe")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Lịch sử: Số liệu bổ sung: Số ô tô công"
    assert [dialog.cell(r, "Cũ → mới") for r in dialog.visible_rows()] == [
        "(trống) → 1.234 chiếc", "1.234 chiếc → 12 chiếc"]
