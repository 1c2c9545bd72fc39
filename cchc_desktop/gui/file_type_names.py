"""The names of the app's own kinds of file in the file dialogs' "Loại" column.

Qt names a file's type from the system's MIME database, translated where the database has a
translation: most of ours are ("Tài liệu PDF", "Kho nén zip"), but a JSON report file shows
"JSON document" and a certificate or revocation list from the trust dialog is English too.
These are named here, in the UI's language; any other type keeps the system's name.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeDatabase

from cchc_desktop.i18n import N_, _

# MIME type -> its name, for the types the system's database leaves in English.
OWN_TYPE_NAMES = {
    "application/json": N_("Tài liệu JSON"),
    "application/pkix-cert": N_("Chứng thư số X.509"),
    "application/pkix-crl": N_("Danh sách chứng thư bị thu hồi"),
}

_DATABASE = QMimeDatabase()


def type_name(file_name: str) -> str | None:
    """The UI's name for the type of `file_name` (by its extension), or None for the system's."""
    mime = _DATABASE.mimeTypeForFile(file_name, QMimeDatabase.MatchMode.MatchExtension)
    message = OWN_TYPE_NAMES.get(mime.name())
    return _(message) if message else None
