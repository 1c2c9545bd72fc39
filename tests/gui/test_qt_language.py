"""Qt's own buttons and dialogs speak Vietnamese: Qt ships no Vietnamese, the app does."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from cchc_desktop import i18n
from cchc_desktop.gui.translations import compile_catalogue, qt_source


def test_standard_buttons_are_in_vietnamese(qtbot) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Lưu", "Hủy"}
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Chọn tất cả"


def test_english_drops_the_vietnamese_catalogue() -> None:
    i18n.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    i18n.set_language("vi")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"


def test_the_catalogue_is_compiled_once_and_again_when_the_source_changes(tmp_path) -> None:
    target = tmp_path / "qtbase_vi.qm"
    assert compile_catalogue(qt_source(), target)
    first = target.stat().st_mtime_ns
    assert compile_catalogue(qt_source(), target)
    assert target.stat().st_mtime_ns == first, "an up-to-date .qm is not rebuilt"


def test_every_date_widget_speaks_the_ui_language(qtbot) -> None:
    from PySide6.QtCore import QDate, QLocale
    from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QToolButton

    def month_button(calendar: QCalendarWidget) -> str:
        calendar.setSelectedDate(QDate(2026, 9, 25))
        return calendar.findChild(QToolButton, "qt_calendar_monthbutton").text()

    assert QLocale().name() == "vi_VN"
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    assert edit.locale().name() == "vi_VN"
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    assert month_button(calendar) == "Tháng 9"
    assert calendar.locale().dayName(1) == "Thứ Hai"
    try:
        i18n.set_language("en")
        english = QCalendarWidget()
        qtbot.addWidget(english)
        assert month_button(english) == "September"
    finally:
        i18n.set_language("vi")
    assert QLocale().name() == "vi_VN"
