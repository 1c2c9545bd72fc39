"""A line above the page that says what was just done, with what to do next: never a modal box.

"Đã lưu bao-cao.pdf vào D:/Báo cáo  [Mở tệp] [Mở thư mục] [×]": an export that went well
asks nothing of the clerk, so it gets no box to close (one key or click less on every export),
and the line stays until the next notice or until closed, so it is not missed either. When the
PC has no program to open the file or the folder, the line says so and offers to copy the path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        set_tone(self, "notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message, 1)
        self.open_file = QPushButton(self)
        self.open_folder = QPushButton(self)
        self.copy_path = QPushButton(self)
        for button in (self.open_file, self.open_folder, self.copy_path):
            layout.addWidget(button)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        layout.addWidget(self.close_button)
        self.open_file.clicked.connect(lambda: self._open(self.path))
        self.open_folder.clicked.connect(lambda: self._open(self.path.parent if self.path else None))
        self.copy_path.clicked.connect(self._copy)
        self.close_button.clicked.connect(self.hide)
        self.path: Path | None = None
        self.problem_path: Path | None = None
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.open_file.setText(_("Mở tệp"))
        self.open_folder.setText(_("Mở thư mục"))
        self.copy_path.setText(_("Sao chép đường dẫn"))
        self.close_button.setToolTip(_("Đóng thông báo"))

    def show_saved(self, path: Path) -> None:
        """The file written, where, and buttons to open it or its folder."""
        self.path = path
        self.problem_path = None
        self.message.setText(_("Đã lưu {name} vào thư mục {folder}").format(
            name=path.name, folder=path.parent))
        self.retranslate()
        set_tone(self.message, None)
        self.open_file.show()
        self.open_folder.show()
        self.copy_path.hide()
        self.show()

    def show_text(self, text: str, *, warning: bool = False) -> None:
        """A line of news without a file to open (the outbox sent, or could not yet)."""
        self.path = None
        self.problem_path = None
        self.message.setText(text)
        set_tone(self.message, "warning" if warning else None)
        for button in (self.open_file, self.open_folder, self.copy_path):
            button.hide()
        self.show()

    def _open(self, path: Path | None) -> bool:
        if path is None:
            return False
        if desktop_open.open_url(path):
            return True
        self.problem_path = path
        if path.is_dir():
            text = _("Máy tính chưa có chương trình quản lý tệp để mở thư mục. Thư mục ở: {path}")
        else:
            text = _("Máy tính chưa có chương trình để mở tệp này. Tệp ở: {path}")
        self.message.setText(text.format(path=path))
        self.copy_path.setText(_("Sao chép đường dẫn"))
        self.copy_path.show()
        return False

    def _copy(self) -> None:
        if self.problem_path is not None:
            QGuiApplication.clipboard().setText(str(self.problem_path))
            self.copy_path.setText(_("Đã sao chép"))
