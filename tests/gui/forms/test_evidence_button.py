"""gui/forms/evidence_button.py promises: beside an item (a figure, a task) a button shows how
many documents prove it, an icon and a count only ("" for none, "2"), as wide with none as
with 99, its tooltip citing each document ("Tài liệu kiểm chứng:" then "• 20/KH-UBND ngày
06/01/2026 (UBND xã Mỹ An): Kế hoạch ..."), its name read out with the count; a click opens the
item's evidence dialog, and the one already open for the same item is raised, not a second.

Beside tests/gui/test_evidence_dialog.py (attaching from a figure's button or a task's cell in
the window, refused files, locked reports, the PDF): here the button is built alone on a
session of the sample report, real PNG files attached through the session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.evidence import EvidenceMeta, TargetKind
from cchc_desktop.gui.evidence_dialog import EvidenceDialog
from cchc_desktop.gui.forms.evidence_button import (
    EvidenceButton,
    EvidenceOpener,
    evidence_count_text,
    evidence_tooltip,
)
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store

PLAN_CODE = "cddh.kh.tong"
PLAN = EvidenceMeta("Kế hoạch cải cách hành chính năm 2026", "20/KH-UBND", dt.date(2026, 1, 6),
                    "UBND xã Mỹ An")
PHOTO = EvidenceMeta("Ảnh bảng niêm yết thủ tục hành chính", issued_on=dt.date(2026, 3, 2),
                     issuer="Bộ phận Một cửa xã Mỹ An")


def write_png_file(path: Path, width: int = 4) -> Path:
    """A real PNG of grey pixels, `width` wide (files of other widths are other documents)."""
    image = QImage(width, 3, QImage.Format.Format_Grayscale8)
    image.fill(128)
    assert image.save(str(path))                 # PNG, from the name
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def button_of(qtbot: QtBot, session: ReportSession, key: str = PLAN_CODE) -> EvidenceButton:
    button = EvidenceButton(session, TargetKind.INDICATOR, key, lambda: "Tổng số nhiệm vụ")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    return button


def test_counts_and_tooltips_are_worded_for_none_and_several() -> None:
    assert evidence_count_text([]) == ""
    assert evidence_count_text(["a", "b"]) == "2"
    assert evidence_tooltip([]) == "Chưa có tài liệu kiểm chứng. Bấm để đính kèm."
    assert evidence_tooltip(["20/KH-UBND: Kế hoạch", "Ảnh niêm yết"]) == \
        "Tài liệu kiểm chứng:\n• 20/KH-UBND: Kế hoạch\n• Ảnh niêm yết"


def test_the_button_counts_and_cites_what_is_attached(qtbot: QtBot, session: ReportSession,
                                                      tmp_path: Path) -> None:
    button = button_of(qtbot, session)
    width = button.width()
    assert button.text() == "" and button.accessibleName() == "Tài liệu kiểm chứng: 0"
    assert button.objectName() == "evidence:indicator:cddh.kh.tong"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus        # Tab goes field to field
    session.add_evidence(PLAN, write_png_file(tmp_path / "ke-hoach.png"), TargetKind.INDICATOR,
                         PLAN_CODE)
    session.add_evidence(PHOTO, write_png_file(tmp_path / "niem-yet.png", width=5), TargetKind.INDICATOR,
                         PLAN_CODE)
    session.evidence_changed.emit()
    assert button.text() == "2" and button.accessibleName() == "Tài liệu kiểm chứng: 2"
    assert button.toolTip() == (
        "Tài liệu kiểm chứng:\n"
        "• 20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch cải cách hành chính năm 2026\n"
        "• ngày 02/03/2026 (Bộ phận Một cửa xã Mỹ An): Ảnh bảng niêm yết thủ tục hành chính")
    assert button.width() == width                              # nothing moves as a count appears
    other = button_of(qtbot, session, "cddh.kh.hoan_thanh")
    assert other.text() == ""                                   # another figure's documents


def test_a_click_opens_the_items_dialog_and_a_second_click_raises_it(qtbot: QtBot,
                                                                    session: ReportSession) -> None:
    button = button_of(qtbot, session)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert button.open_dialog() is dialog                       # raised, not a second one
    dialog.reject()
    assert button.dialog is None                                # forgotten once closed
    again = button.open_dialog()
    assert again is not dialog and again.isVisible()
    again.reject()


def test_an_opener_closes_one_items_dialog_to_open_anothers(qtbot: QtBot, session: ReportSession) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    opener = EvidenceOpener(session, parent)
    first = opener.open(TargetKind.TASK, "1", "Nhiệm vụ, dòng 1")
    second = opener.open(TargetKind.TASK, "2", "Nhiệm vụ, dòng 2")
    assert second is not first and opener.dialog is second
    assert not first.isVisible() and second.isVisible()
    assert second.parent() is parent.window()
    second.reject()
