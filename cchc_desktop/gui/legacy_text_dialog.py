"""Công cụ > Chuyển mã văn bản: text of the old Vietnamese encodings turned into Unicode.

Clerks copy paragraphs from documents typed years ago in .VnTime (TCVN3/ABC) or VNI-Times;
pasted elsewhere they read "C¸c c¬ quan". The narrative box converts a paste by itself; this
dialog is for text on its way somewhere else (an email, a title, a table cell) and for the
clerk who wants to see the result first: before and after side by side, the encoding found or
chosen, and how much changed. The conversion is the domain's (domain/legacy_text.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.legacy_text import LegacyEncoding, convert
from cchc_desktop.gui.designer.ui_legacy_text_dialog import Ui_LegacyTextDialog
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import N_, _

# (encoding or None for "find it", how the clerk knows it) in the combo's order.
ENCODINGS: tuple[tuple[LegacyEncoding | None, str], ...] = (
    (None, N_("Tự nhận biết")),
    (LegacyEncoding.TCVN3, N_("TCVN3 (ABC): phông .VnTime, .VnArial")),
    (LegacyEncoding.VNI, N_("VNI: phông VNI-Times")),
    (LegacyEncoding.DECOMPOSED, N_("Unicode tổ hợp (dấu tách rời)")),
)


def encoding_name(encoding: LegacyEncoding) -> str:
    return next(_(name) for value, name in ENCODINGS if value is encoding)


class LegacyTextDialog(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 insert: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LegacyTextDialog()
        self.ui.setupUi(self)
        for encoding, name in ENCODINGS:
            # Qt keeps the value as a plain string ("" for "find it").
            self.ui.encoding.addItem(_(name), encoding.value if encoding else "")
        self.copy_button = self._button(_("&Chép kết quả"), self.copy_result)
        self._insert = insert
        self.insert_button: QPushButton | None = None
        if insert is not None:
            self.insert_button = self._button(_("Chèn &vào văn bản"), self.insert_result)
        self.ui.before.textChanged.connect(self.refresh)
        self.ui.encoding.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = self.ui.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def chosen_encoding(self) -> LegacyEncoding | None:
        value = self.ui.encoding.currentData()
        return LegacyEncoding(value) if value else None

    def converted_text(self) -> str:
        return self.ui.after.toPlainText()

    def refresh(self) -> None:
        source = self.ui.before.toPlainText()
        conversion = convert(source, self.chosen_encoding())
        self.ui.after.setPlainText(conversion.text)
        changed = conversion.text != source
        self.copy_button.setEnabled(bool(conversion.text))
        if self.insert_button is not None:
            self.insert_button.setEnabled(bool(conversion.text))
        set_tone(self.ui.summary, "warning" if changed else "muted")
        if not source.strip():
            self.ui.summary.setText(_("Dán văn bản vào ô bên trái."))
        elif conversion.encoding is None or not changed:
            self.ui.summary.setText(_("Văn bản đã là chữ Unicode: không có gì phải chuyển."))
        else:
            found = _("Nhận biết được") if self.chosen_encoding() is None else _("Chuyển theo")
            self.ui.summary.setText(
                _("{found}: {encoding}. Đã đổi {words} từ ({characters} ký tự).").format(
                    found=found, encoding=encoding_name(conversion.encoding),
                    words=format_number(conversion.changed_words),
                    characters=format_number(conversion.changed_characters)))

    def copy_result(self) -> None:
        QGuiApplication.clipboard().setText(self.converted_text())
        self.ui.summary.setText(_("Đã chép kết quả; dán vào nơi cần dùng (Ctrl+V)."))

    def insert_result(self) -> None:
        if self._insert is not None and self._insert(self.converted_text()):
            self.accept()
        else:
            self.ui.summary.setText(_("Trang đang mở không có phần văn bản để chèn; hãy chọn "
                                      "một mục của báo cáo rồi thử lại."))
