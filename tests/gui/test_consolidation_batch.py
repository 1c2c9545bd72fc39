"""gui/consolidation_batch.py: a checked batch of the units' files fills the consolidation
dialog's boxes: each accepted file with its unit, revision, errors, "gửi lại" and who signed it;
each refused file with its reason; a box to tick per new revision, with what changes; a chooser
per workbook edited in Excel; only the boxes the batch needs are shown, and a new batch empties
them first. Beside tests/gui/test_consolidation_dialog.py and
test_edited_workbook_consolidation.py, which check real files through the whole dialog; here
the view alone on a bare dialog of its form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QGroupBox

from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.workbook_visible import VisibleDifference
from cchc_desktop.gui.consolidation_batch import BatchView, RevisionBox, accepted_text
from cchc_desktop.gui.designer.ui_consolidation_dialog import Ui_ConsolidationDialog
from cchc_desktop.imports.subordinates import ConsolidationPreview, Incoming, Refused
from cchc_desktop.storage.consolidations import StoredSubmission
from tests.factories import make_report

INBOX = Path("/home/van-thu/Tải về/bao-cao-quy-3")
PARENT = "Ủy ban nhân dân huyện Cao Lãnh"
A = Unit("xa-a", "UBND xã Phú Hòa A", "xa", PARENT)
B = Unit("xa-b", "UBND xã Tân Phước Hưng B", "xa", PARENT)
COMPUTERS = VisibleDifference("cds.may_tinh.tong", "Tổng số máy tính", "Biểu số liệu", "D12",
                              Decimal(54), Decimal(1234), "1234")


def incoming(unit: Unit, name: str, *, revision: int = 0, replaces: int | None = None,
             **fields: Any) -> Incoming:
    report = make_report({"cddh.kh.tong": 66}, unit=unit, kind="Q3", revision=revision)
    old = make_report({"cddh.kh.tong": 60}, unit=unit, kind="Q3", revision=replaces) \
        if replaces is not None else None
    return Incoming(INBOX / name, StoredSubmission(None, report, dt.datetime(2026, 10, 2, 9, 30), name),
                    replaces=old, **fields)


def preview(*accepted: Incoming, refused: tuple[Refused, ...] = ()) -> ConsolidationPreview:
    return ConsolidationPreview(report_id=1, accepted=list(accepted), refused=list(refused))


class BareDialog(QDialog):
    """The consolidation dialog's form and nothing else, for the view to fill."""

    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_ConsolidationDialog()
        self.ui.setupUi(self)


def view_of(qtbot) -> tuple[BatchView, BareDialog, list[None]]:  # type: ignore[no-untyped-def]
    """The view on a bare dialog (held by the test), and the list its choices are noted in."""
    dialog = BareDialog()
    qtbot.addWidget(dialog)
    choices: list[None] = []
    return BatchView(dialog.ui, on_choice=lambda: choices.append(None)), dialog, choices


def shown_boxes(ui: Ui_ConsolidationDialog) -> list[str]:
    return [box.title() for box in (ui.acceptedBox, ui.refusedBox, ui.revisionsBox, ui.editedWorkbooks)
            if not box.isHidden()]


def test_an_accepted_file_in_one_line_then_who_signed() -> None:
    assert accepted_text(incoming(A, "xa-a-Q3.json")) == "UBND xã Phú Hòa A — xa-a-Q3.json, lần gửi 0"
    again = incoming(B, "xa-b-Q3-r1.zip", revision=1, replaces=0, error_count=2,
                     signature=["Chữ ký số hợp lệ: Nguyễn Văn An", "Chứng thư chưa được tin cậy"])
    assert accepted_text(again) == (
        "UBND xã Tân Phước Hưng B — xa-b-Q3-r1.zip, lần gửi 1 — có 2 lỗi — gửi lại\n"
        "    Chữ ký số hợp lệ: Nguyễn Văn An\n    Chứng thư chưa được tin cậy")


def test_the_batch_fills_the_boxes_it_needs(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, dialog, _choices = view_of(qtbot)
    ui = dialog.ui
    batch = preview(incoming(A, "xa-a-Q3.json"),
                    refused=(Refused(INBOX / "ghi-chu.txt", "ghi-chu.txt: không phải tệp báo cáo."),))
    view.show(batch)
    assert [ui.accepted.item(i).text() for i in range(ui.accepted.count())] == [
        "UBND xã Phú Hòa A — xa-a-Q3.json, lần gửi 0"]
    assert ui.accepted.item(0).toolTip() == str(INBOX / "xa-a-Q3.json")
    assert ui.refused.item(0).text() == "ghi-chu.txt: không phải tệp báo cáo."
    assert ui.refused.item(0).toolTip() == str(INBOX / "ghi-chu.txt")
    assert shown_boxes(ui) == ["Tệp hợp lệ", "Tệp không nhận (kèm lý do)"]
    assert view.summary(batch) == "2 tệp: 1 hợp lệ (0 gửi lại), 1 không nhận."
    assert view.decided()          # no edited workbook: nothing to choose


def test_a_new_revision_is_taken_only_when_ticked(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, dialog, _choices = view_of(qtbot)
    ui = dialog.ui
    again = incoming(B, "xa-b-Q3-r1.json", revision=1, replaces=0,
                     differences=["Tổng số nhiệm vụ: 60 → 66"])
    batch = preview(incoming(A, "xa-a-Q3.json"), again)
    view.show(batch)
    [box] = view.revisions
    assert isinstance(box, RevisionBox) and box.code == "xa-b"
    assert box.title() == "UBND xã Tân Phước Hưng B: lần gửi mới (xa-b-Q3-r1.json)"
    assert box.differences.item(0).text() == "Tổng số nhiệm vụ: 60 → 66"
    tick = ui.revisionsBox.findChild(QCheckBox, "replace:xa-b")
    assert tick is box.confirm and tick.text() == "Thay lần gửi 0 bằng lần gửi 1"
    assert shown_boxes(ui) == ["Tệp hợp lệ", "Đơn vị gửi lại báo cáo: đánh dấu để thay lần gửi trước"]
    assert view.summary(batch) == "2 tệp: 2 hợp lệ (1 gửi lại), 0 không nhận."
    assert view.confirmed_codes() == set()
    qtbot.mouseClick(tick, Qt.MouseButton.LeftButton)
    assert view.confirmed_codes() == {"xa-b"}


def test_an_edited_workbook_waits_for_the_clerks_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, dialog, choices = view_of(qtbot)
    ui = dialog.ui
    view.show(preview(incoming(A, "xa-a-Q3.xlsx", visible_differences=[COMPUTERS])))
    assert shown_boxes(ui) == ["Tệp hợp lệ", "Tệp Excel đã bị sửa: chọn số liệu sẽ tổng hợp"]
    [edited] = ui.editedWorkbooks.findChildren(QGroupBox)
    assert edited.title() == "UBND xã Phú Hòa A (xa-a-Q3.xlsx)"
    assert not view.decided()
    chooser = view.choosers["xa-a"]
    assert chooser.objectName() == "differences:xa-a"
    qtbot.mouseClick(chooser.all_visible, Qt.MouseButton.LeftButton)
    assert choices == [None]
    assert view.decided()
    assert view.visible_choices() == {"xa-a": {"cds.may_tinh.tong"}}


def test_a_new_batch_empties_the_boxes_and_none_hides_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, dialog, _choices = view_of(qtbot)
    ui = dialog.ui
    first = preview(incoming(A, "xa-a-Q3.xlsx", visible_differences=[COMPUTERS]),
                    incoming(B, "xa-b-Q3-r1.json", revision=1, replaces=0))
    view.show(first)
    view.show(preview(incoming(B, "xa-b-Q3.json")))
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)   # the old boxes
    assert ui.accepted.count() == 1 and ui.refused.count() == 0
    assert view.revisions == [] and view.choosers == {}
    assert ui.editedWorkbooks.findChildren(QGroupBox) == []
    assert ui.revisionsBox.findChildren(RevisionBox) == []
    assert shown_boxes(ui) == ["Tệp hợp lệ"]
    view.show(None)
    assert shown_boxes(ui) == []
    assert ui.accepted.count() == 0
