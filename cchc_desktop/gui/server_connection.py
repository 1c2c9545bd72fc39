"""Tệp > Kết nối máy chủ...: the office's PostgreSQL server instead of the data file.

The address is asked (the last one offered), the data opened behind the window as at the start
(gui/opening.py), the password asked here if the server wants one; the controller then swaps
its store. The window says where it is connected and shows the start page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.errors import show_known_error
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.addresses import ServerAddress


def connect(parent: QWidget, controller: ReportController,
            address_text: str | None = None) -> ServerAddress | None:
    """The server's address once the controller works on it; None if asked, refused or cancelled."""
    # Start-up time: the address parser and the server's opening load when first used.
    from cchc_desktop.addresses import parse_server
    from cchc_desktop.domain.template import shipped_templates
    from cchc_desktop.gui.opening import OpenedFile, open_behind_window

    settings = QSettings()
    if address_text is None:
        address_text, ok = QInputDialog.getText(
            parent, _("Kết nối máy chủ"), _("Địa chỉ máy chủ dữ liệu của văn phòng, dạng "
                                            "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu:"),
            QLineEdit.EchoMode.Normal, str(settings.value("server_address", "") or ""))
        if not ok or not address_text.strip():
            return None
    try:
        address = parse_server(address_text.strip())
    except KnownError as exc:
        show_known_error(parent, exc, _("Kết nối máy chủ"))
        return None

    def ask_password(prompt: str) -> str | None:
        typed, given = QInputDialog.getText(parent, _("Kết nối máy chủ"), prompt,
                                            QLineEdit.EchoMode.Password)
        return typed if given and typed else None

    opened = open_behind_window(address, None, shipped_templates(), ask=ask_password)
    if not isinstance(opened, OpenedFile):
        if isinstance(opened, KnownError):
            show_known_error(parent, opened, _("Kết nối máy chủ"))
            return None
        raise opened
    if not controller.switch_to(opened.store):
        return None
    settings.setValue("server_address", address.masked().replace(":***@", "@"))
    return address
