"""gui/findings_panel.py on its own, on a session of a real data file: what the summary says with
no report, a clean one, warnings only, errors, or fields being corrected (listed first, Enter on
one asks for its field); a justified warning says so and gets the check icon; which finding can
be justified (a warning with figures, in a report not locked) and the note following undo;
the selection kept while the findings change; "next finding" wrapping round. Beside
tests/gui/test_findings.py, which types into the window's form: errors first, a double-click to
the field, a warning justified and its note stored and printed, an error refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.report import DocumentInfo, ReportStatus
from cchc_desktop.domain.template import Severity
from cchc_desktop.gui.findings_panel import ROLE, FindingsPanel, correction_text, finding_key
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.factories import make_report
from tests.gui.helpers import type_text

OVER_PLAN = {"cddh.kiem_tra.ke_hoach": 3, "cddh.kiem_tra.da_kiem_tra": 5}     # a warning
OVER_TOTAL = {"cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 11}                    # two errors
WARNING_TEXT = ("Số đơn vị đã kiểm tra (5) lớn hơn số đơn vị kiểm tra theo kế hoạch (3): vượt 2. "
                "Nếu có kiểm tra đột xuất ngoài kế hoạch, ghi giải trình.")
TYPO = Correction("cddh.kh.tong", "Tổng số nhiệm vụ trong kế hoạch CCHC năm", "1.234,5",
                  "Chỉ nhập số nguyên.", "cddh")


def session_of(store: ReportStore, values: dict[str, int], **fields: Any) -> ReportSession:
    return ReportSession(store, store.save_report(make_report(values, **fields)))


def panel_of(qtbot, session: ReportSession | None) -> FindingsPanel:  # type: ignore[no-untyped-def]
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.bind(session)
    return panel


def texts(panel: FindingsPanel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_without_a_report_nothing_to_justify(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(qtbot, None)
    assert panel.summary.text() == "Chưa mở báo cáo nào."
    assert texts(panel) == []
    assert not panel.note.isEnabled()
    assert panel.note_label.text() == "Chọn một cảnh báo để ghi giải trình."
    assert panel.select_next() is None


def test_a_clean_report_and_one_with_warnings_only(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    clean = panel_of(qtbot, session_of(store, {}))
    assert clean.summary.text() == "Không có lỗi hay cảnh báo nào. Số liệu khớp nhau."
    warned = panel_of(qtbot, session_of(store, OVER_PLAN, kind="H1"))
    assert texts(warned) == [WARNING_TEXT]
    assert warned.summary.text() == "1 cảnh báo, không có lỗi. Cảnh báo có thể giải trình."


def test_errors_are_counted_and_coloured(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(qtbot, session_of(store, OVER_TOTAL | OVER_PLAN))
    assert panel.summary.text() == ("2 lỗi, 1 cảnh báo. Lỗi phải sửa trước khi hoàn thành "
                                    "báo cáo.")
    first = panel.list.item(0)
    assert first.text().startswith("Tổng số nhiệm vụ trong kế hoạch CCHC năm (10) khác tổng")
    assert first.foreground().color().name() == "#b00020"
    assert panel.list.item(2).foreground().color().name() != "#b00020"   # the warning
    assert first.icon().cacheKey() == panel.icons[Severity.ERROR].cacheKey()


def test_a_field_being_corrected_comes_first_and_leads_to_its_field(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    session = session_of(store, OVER_PLAN)
    panel = panel_of(qtbot, session)
    session.set_correction(TYPO)
    assert correction_text(TYPO) == ("Đang sửa: Tổng số nhiệm vụ trong kế hoạch CCHC năm – "
                                     "“1.234,5” chưa được lưu (Chỉ nhập số nguyên.)")
    assert texts(panel) == [correction_text(TYPO), WARNING_TEXT]
    assert panel.summary.text() == ("1 ô đang sửa, chưa được lưu; 0 lỗi, 1 cảnh báo theo số liệu "
                                    "đã lưu.")
    panel.show()
    qtbot.waitExposed(panel)
    asked: list[str] = []
    panel.correction_requested.connect(asked.append)
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert asked == ["cddh.kh.tong"]
    assert not panel.note.isEnabled()       # a correction is no finding to justify
    session.clear_correction("cddh.kh.tong")
    assert texts(panel) == [WARNING_TEXT]


def test_enter_on_a_finding_asks_to_jump_to_it(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(qtbot, session_of(store, OVER_PLAN))
    panel.show()
    qtbot.waitExposed(panel)
    jumps: list[Finding] = []
    panel.jump_requested.connect(jumps.append)
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert [f.rule for f in jumps] == ["cddh.kiem_tra.khong_vuot_ke_hoach"]


def test_a_justified_warning_says_so_and_the_note_follows_undo(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    session = session_of(store, OVER_PLAN)
    panel = panel_of(qtbot, session)
    panel.list.setCurrentRow(0)
    assert panel.note.isEnabled() and panel.note_label.text() == "Giải trình:"
    type_text(panel.note, "Kiểm tra đột xuất.")
    item: QListWidgetItem = panel.list.item(0)
    assert item.text() == f"Đã giải trình: {WARNING_TEXT}"
    assert item.icon().cacheKey() == panel.icons["justified"].cacheKey()
    assert item.toolTip().startswith("Cảnh báo đã có giải trình (in ở phụ lục).")
    assert session.report.notes == {"cddh.kiem_tra.da_kiem_tra": "Kiểm tra đột xuất."}
    assert panel.current_finding() is not None      # still selected after the refresh
    session.undo_stack.undo()
    assert session.report.notes == {}
    assert panel.note.toPlainText() == ""
    assert texts(panel) == [WARNING_TEXT]


def test_a_locked_report_takes_no_justification(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    session = session_of(store, OVER_PLAN, status=ReportStatus.FINAL)
    panel = panel_of(qtbot, session)
    panel.list.setCurrentRow(0)
    finding = panel.current_finding()
    assert finding is not None and finding.severity is Severity.WARNING
    assert not panel.justifiable(finding)
    assert not panel.note.isEnabled()


def test_a_finding_without_figures_is_corrected_where_it_is(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    # A document date before the data's cut-off: a warning about the header, no figure to note;
    # it is corrected on the header page (a slip in the narrative's words, in the text).
    panel = panel_of(qtbot, session_of(store, {}, document=DocumentInfo(date=dt.date(2026, 1, 5))))
    assert texts(panel) == ["Ngày ban hành 05/01/2026 trước ngày chốt số liệu 14/03/2026: số liệu "
                            "đến ngày 14/03/2026 chưa thể có khi ký báo cáo."]
    panel.list.setCurrentRow(0)
    assert not panel.justifiable(panel.current_finding())
    assert panel.note_label.text() == "Hãy sửa trên trang Thông tin báo cáo."
    assert not panel.note.isEnabled()


def test_next_finding_wraps_round_and_the_selection_survives_a_change(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    session = session_of(store, OVER_TOTAL | OVER_PLAN)
    panel = panel_of(qtbot, session)
    rules = [panel.select_next() for _ in range(4)]
    assert [f.rule for f in rules if f is not None] == [
        "cddh.kh.tong_bang_cac_phan", "ty_le.vuot_100", "cddh.kiem_tra.khong_vuot_ke_hoach",
        "cddh.kh.tong_bang_cac_phan"]
    panel.select_next()
    panel.select_next()      # the warning
    session.set_value("cddh.kh.hoan_thanh", Decimal(10))   # the rate's error goes away
    current = panel.current_finding()
    assert current is not None and current.rule == "cddh.kiem_tra.khong_vuot_ke_hoach"
    assert [finding_key(f) for f in panel.findings()].count(finding_key(current)) == 1
    assert panel.list.item(panel.list.currentRow()).data(ROLE) == current
