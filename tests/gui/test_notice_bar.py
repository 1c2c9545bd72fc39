"""gui/notice_bar.py: the line above the page that says what was just done, never a modal box.

A file saved is said with its name and folder and two buttons to open them; news without a
file hides the buttons; when the PC has no program to open the file or folder the line says
so, with its path, and offers to copy the path; × closes the line; the buttons follow the
interface language. Beside the window tests that see it after an export
(tests/gui/test_export.py) and after sending (test_outbox_window.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.i18n import set_language
from tests.gui.helpers import require_english_catalogue


@pytest.fixture
def bar(qtbot):  # type: ignore[no-untyped-def]
    notice = NoticeBar()
    qtbot.addWidget(notice)
    return notice


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_saved_file_is_said_with_its_folder_and_buttons_to_open_them(  # type: ignore[no-untyped-def]
        qtbot, bar, tmp_path: Path, monkeypatch) -> None:
    assert bar.isHidden(), "nothing to say before the first notice"
    opened: list[Path] = []

    def open_url(path: Path) -> bool:     # the PC's program for it started
        opened.append(path)
        return True

    monkeypatch.setattr(desktop_open, "open_url", open_url)
    pdf = tmp_path / "Báo cáo" / "bao-cao-quy-I.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7")
    bar.show_saved(pdf)
    assert bar.isVisible()
    assert bar.message.text() == f"Đã lưu bao-cao-quy-I.pdf vào thư mục {pdf.parent}"
    assert [b.text() for b in (bar.open_file, bar.open_folder)] == ["Mở tệp", "Mở thư mục"]
    assert bar.open_file.isVisible() and bar.open_folder.isVisible()
    assert not bar.copy_path.isVisible()
    click(qtbot, bar.open_file)
    click(qtbot, bar.open_folder)
    assert opened == [pdf, pdf.parent]
    assert bar.message.text().startswith("Đã lưu "), "opening went well: the line stays as it was"


def test_no_program_to_open_the_file_says_where_it_is_and_copies_the_path(  # type: ignore[no-untyped-def]
        qtbot, bar, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(desktop_open, "open_url", lambda path: False)
    workbook = tmp_path / "bieu-mau.xlsx"
    workbook.write_bytes(b"PK")
    bar.show_saved(workbook)
    click(qtbot, bar.open_file)
    assert bar.message.text() == f"Máy tính chưa có chương trình để mở tệp này. Tệp ở: {workbook}"
    assert bar.copy_path.isVisible() and bar.copy_path.text() == "Sao chép đường dẫn"
    click(qtbot, bar.copy_path)
    assert QApplication.clipboard().text() == str(workbook)
    assert bar.copy_path.text() == "Đã sao chép"


def test_no_file_manager_says_where_the_folder_is(qtbot, bar, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(desktop_open, "open_url", lambda path: False)
    bar.show_saved(tmp_path / "goi.zip")
    click(qtbot, bar.open_folder)
    assert bar.message.text() == ("Máy tính chưa có chương trình quản lý tệp để mở thư mục. "
                                  f"Thư mục ở: {tmp_path}")
    click(qtbot, bar.copy_path)
    assert QApplication.clipboard().text() == str(tmp_path)


def test_news_without_a_file_hides_the_buttons_and_may_warn(qtbot, bar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bar.show_saved(tmp_path / "a.pdf")
    bar.show_text("Chưa gửi được: mất kết nối mạng", warning=True)
    assert bar.message.text() == "Chưa gửi được: mất kết nối mạng"
    assert bar.message.property("tone") == "warning"
    assert bar.path is None
    assert not any(b.isVisible() for b in (bar.open_file, bar.open_folder, bar.copy_path))
    bar.show_text("Đã gửi: Báo cáo CCHC quý I")
    assert bar.message.property("tone") == ""
    bar.show_saved(tmp_path / "a.pdf")
    assert bar.message.property("tone") == "", "a saved file is plain news again"


def test_the_cross_closes_the_line_until_the_next_notice(qtbot, bar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bar.show_text("Đã gửi")
    assert bar.close_button.text() == "×" and bar.close_button.toolTip() == "Đóng thông báo"
    click(qtbot, bar.close_button)
    assert bar.isHidden()
    bar.show_saved(tmp_path / "b.pdf")
    assert bar.isVisible()


def test_copy_does_nothing_before_a_path_could_not_be_opened(qtbot, bar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setText("của anh/chị")
    bar.show_saved(tmp_path / "c.pdf")
    bar.copy_path.click()               # hidden, but even if pressed: no path was refused yet
    assert QApplication.clipboard().text() == "của anh/chị"
    assert bar.copy_path.text() == "Sao chép đường dẫn"


def test_the_buttons_follow_the_language(bar, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    require_english_catalogue()
    set_language("en")
    bar.retranslate()
    assert [b.text() for b in (bar.open_file, bar.open_folder, bar.copy_path)] == [
        "Open file", "Open folder", "Copy path"]
    assert bar.close_button.toolTip() == "Close the notice"
    bar.show_saved(tmp_path / "report.pdf")
    assert bar.message.text() == f"Saved report.pdf in the folder {tmp_path}"
    set_language("vi")
    bar.retranslate()
    assert bar.open_file.text() == "Mở tệp"
