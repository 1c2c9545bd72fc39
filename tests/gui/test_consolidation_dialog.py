"""Báo cáo > Tổng hợp đơn vị trực thuộc: a province's clerk drops the communes' files, sees the
refused ones with their reason, confirms a new revision, and follows the board."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.gui.board import UnitFiguresDialog
from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog
from cchc_desktop.storage.repository import OwnUnit

COMMUNES = [Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa"),
            Unit("xa-c", "UBND xã C", "xa")]
ONLINE = "tthc.hs.xa.moi_truc_tuyen"
ON_TIME_RATE = "tthc.hs.xa.ty_le_dung_han"
OWN_LEVEL = "tthc.hs.tinh.moi_truc_tuyen"


def commune_file(folder: Path, unit: Unit, values: dict[str, int], *, day: dt.date,
                 revision: int = 0, kind: str = "Q3") -> Path:
    report = make_report(values, unit=unit, year=2026, kind=kind, revision=revision,
                         document=DocumentInfo(number="3", date=day))
    path = folder / f"{unit.code}-{kind}-r{revision}.json"
    write_report(report, template(), path)
    return path


@pytest.fixture
def province(store, window):  # type: ignore[no-untyped-def]
    """The province's Department of Home Affairs, its Quý III report open."""
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                parent="Ủy ban nhân dân tỉnh Thử"))
    store.set_subordinate_units(COMMUNES)
    report_id = store.create_report(2026, "Q3")
    store.set_value(report_id, OWN_LEVEL, Decimal(500))   # the province's own records
    window.open_report(report_id)
    return report_id


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "nhan"
    folder.mkdir()
    commune_file(folder, COMMUNES[0], records(online=100, in_person=100, early=150, on_time=30,
                                              late=20), day=dt.date(2026, 9, 18))
    commune_file(folder, COMMUNES[1], records(online=300, in_person=100, early=390, on_time=10),
                 day=dt.date(2026, 9, 23))
    commune_file(folder, COMMUNES[2], records(online=5), day=dt.date(2026, 3, 18), kind="Q1")
    return folder


def open_dialog(qtbot, window, action) -> ConsolidationDialog:  # type: ignore[no-untyped-def]
    action.trigger()
    dialog = window.findChild(ConsolidationDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.board_job is None, timeout=5000)
    return dialog


def drop(dialog: ConsolidationDialog, *paths: Path) -> None:
    """Drop files or folders from the file manager onto the drop area."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(dialog.drop_area, enter)
    assert enter.isAccepted(), "the drop area takes local files and folders"
    QApplication.sendEvent(dialog.drop_area, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction,
                                                        mime, buttons, modifiers))


def texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.item(i).text() for i in range(widget.count())]


def board_statuses(dialog: ConsolidationDialog) -> dict[str, str]:
    table = dialog.board
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def consolidate(qtbot, dialog: ConsolidationDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.board_job is None, timeout=8000)


def test_the_action_needs_subordinate_units(window, new_report) -> None:
    assert not window.ui.act_consolidate.isEnabled()
    assert not window.ui.act_board.isEnabled()


def test_dropped_folder_is_checked_refused_files_listed_then_summed(qtbot, window, province, store,
                                                                   inbox) -> None:
    assert window.ui.act_consolidate.isEnabled()
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    assert board_statuses(dialog) == {"UBND xã A": "Không báo cáo", "UBND xã B": "Không báo cáo",
                                      "UBND xã C": "Không báo cáo"}
    drop(dialog, inbox)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert len(texts(dialog.accepted_list)) == 2
    assert texts(dialog.refused_list) == [
        "Tệp xa-c-Q1-r0.json: là báo cáo Quý I năm 2026, không phải Quý III năm 2026."]
    assert window.session.value(ONLINE) is None, "nothing changes before Tổng hợp"
    consolidate(qtbot, dialog)
    assert window.session.value(ONLINE) == 400, "the open report shows the sums"
    assert store.load_report(province).values[ONLINE] == 400
    assert window.session.value(OWN_LEVEL) == 500, "the province's own figures are kept"
    assert dialog.tabs.currentIndex() == ConsolidationDialog.BOARD_TAB
    assert board_statuses(dialog) == {"UBND xã A": "Đúng hạn", "UBND xã B": "Trễ hạn",
                                      "UBND xã C": "Không báo cáo"}
    row_a = next(r for r in range(dialog.board.rowCount())
                 if dialog.board.item(r, 0).text() == "UBND xã A")
    assert dialog.board.item(row_a, 2).text() == "18/09/2026"
    assert dialog.board.item(row_a, 3).text() == "xa-a-Q3-r0.json"
    assert dialog.board.item(row_a, 1).background().color().name() == "#d4edda"


def test_a_new_revision_replaces_only_when_ticked(qtbot, window, province, store, inbox,
                                                  tmp_path) -> None:
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    dialog.add_paths([inbox / "xa-a-Q3-r0.json"])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    consolidate(qtbot, dialog)
    assert window.session.value(ONLINE) == 100
    again = tmp_path / "lan-2"
    again.mkdir()
    revised = commune_file(again, COMMUNES[0], records(online=130, in_person=100, early=180,
                                                       on_time=30, late=20),
                           day=dt.date(2026, 9, 19), revision=1)
    dialog.add_paths([revised])
    qtbot.waitUntil(lambda: dialog.preview is not None and bool(dialog.revisions), timeout=5000)
    box = dialog.revisions[0]
    assert box.confirm.text() == "Thay lần gửi 0 bằng lần gửi 1"
    assert "Mới tiếp nhận trực tuyến (cấp xã): 100 → 130" in texts(box.differences)
    consolidate(qtbot, dialog)                      # not ticked: the first revision stays
    assert window.session.value(ONLINE) == 100
    assert "chưa được thay" in dialog.state.text()
    dialog.add_paths([revised])
    qtbot.waitUntil(lambda: dialog.preview is not None and bool(dialog.revisions), timeout=5000)
    dialog.revisions[0].confirm.setChecked(True)
    consolidate(qtbot, dialog)
    assert window.session.value(ONLINE) == 130
    assert store.load_report(province).values[ONLINE] == 130


def test_board_afterwards_and_drill_down_to_a_unit(qtbot, window, province, inbox) -> None:
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    dialog.add_paths([inbox])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    consolidate(qtbot, dialog)
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(ConsolidationDialog) is None, timeout=3000)

    board = open_dialog(qtbot, window, window.ui.act_board)
    assert board.tabs.currentIndex() == ConsolidationDialog.BOARD_TAB
    qtbot.waitUntil(lambda: board.board.rowCount() == 3, timeout=5000)
    assert board_statuses(board)["UBND xã B"] == "Trễ hạn"
    row_a = next(r for r in range(board.board.rowCount())
                 if board.board.item(r, 0).text() == "UBND xã A")
    table = board.board
    qtbot.waitExposed(board)
    rect = table.visualItemRect(table.item(row_a, 0))
    assert rect.isValid(), rect
    # A real double-click: press and release, then the second press that Qt reports as one.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(board.findChildren(UnitFiguresDialog)) == 1, "one dialog per double-click"
    figures = board.findChild(UnitFiguresDialog)
    indicators = template().indicators
    assert figures.value_of(indicators[ONLINE].full_label) == "100"
    # (150 + 30) of 200 resolved on time or early
    assert figures.value_of(indicators[ON_TIME_RATE].full_label) == "180/200 hồ sơ, đạt 90,00%"
    # a unit that sent nothing has nothing to show
    missing = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "UBND xã C")
    table.cellActivated.emit(missing, 0)
    assert len(board.findChildren(UnitFiguresDialog)) == 1


def test_the_board_drafts_the_received_reply(qtbot, window, province, inbox) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    dialog.add_paths([inbox])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    consolidate(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.board_job is None and dialog.board.rowCount() == 3, timeout=5000)
    table = dialog.board
    missing = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "UBND xã C")
    table.setCurrentCell(missing, 0)
    assert dialog.copy_receipt() == "", "nothing received from xã C: no reply"
    row_b = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "UBND xã B")
    table.setCurrentCell(row_b, 0)
    text = dialog.copy_receipt()
    assert QApplication.clipboard().text() == text
    assert text.startswith("Tiêu đề: Đã nhận báo cáo CCHC quý III năm 2026 của UBND xã B (lần gửi 0)")
    assert "Sở Nội vụ tỉnh Thử đã nhận báo cáo" in text and "ngày 23/09/2026" in text


def test_consolidating_twice_without_own_figures_does_not_count_twice(qtbot, window, store,
                                                                      inbox) -> None:
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh"))
    store.set_subordinate_units(COMMUNES)
    window.open_report(store.create_report(2026, "Q3"))
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    dialog.add_paths([inbox / "xa-a-Q3-r0.json"])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    consolidate(qtbot, dialog)
    dialog.add_paths([inbox / "xa-b-Q3-r0.json"])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    consolidate(qtbot, dialog)
    assert window.session.value(ONLINE) == 400


def test_a_units_first_signed_package_offers_to_pin_its_certificate(qtbot, window, province, store,
                                                                     tmp_path: Path) -> None:
    """The question names the unit and the signer; yes pins the signer's certificate."""
    import dataclasses

    from cryptography.hazmat.primitives.asymmetric import ec
    from submission.certificates import make_pki

    from cchc_desktop.domain.context import build_context
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.storage.trust_store import TrustStore
    from cchc_desktop.submission.package import build_package
    from cchc_desktop.submission.signing import load_pkcs12

    report = make_report(records(online=100, in_person=100, early=150, on_time=30, late=20),
                         unit=COMMUNES[0], year=2026, kind="Q3",
                         document=DocumentInfo(number="3", date=dt.date(2026, 9, 18)))
    context = build_context(dataclasses.replace(report, status=ReportStatus.FINAL), template())
    pki = make_pki(tmp_path, ca_key=ec.generate_private_key(ec.SECP256R1()))
    (tmp_path / "goi").mkdir()
    package = build_package(context, tmp_path / "goi", key=load_pkcs12(pki.p12, pki.password))

    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    drop(dialog, package.zip_path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    consolidate(qtbot, dialog)
    box = dialog.pin_box
    assert box is not None and box.isVisible()
    assert "UBND xã A: ghim chứng thư của Nguyễn Văn Bình" in box.text()
    pin = next(b for b in box.buttons() if b.text() == "Ghim")
    pin.click()
    [pinned] = TrustStore(store.database).list_pins()
    assert pinned.unit_code == "xa-a" and "Nguyễn Văn Bình" in pinned.subject
