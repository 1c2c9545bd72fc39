"""Failures of the data file that the clerk can act on, told in the clerk's words.

SQLite reports a full disk, a read-only file, a lock held by another program or a
vanished USB stick as errors with English texts; they are known conditions, not bugs,
and every writer (autosave, imports, status changes) must show them the same way. So is a
PostgreSQL server that went away in the middle of the work (storage/server.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.addresses import mask_passwords
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import os_reason, sqlite_reason
from cchc_desktop.fileio import describe_os_error
from cchc_desktop.i18n import _


class StorageWriteError(KnownError):
    """The data file could not take a write; what was saved before is intact."""


def storage_error(exc: BaseException, *, strict: bool = False) -> KnownError | None:
    """The clerk's sentence for a failed read or write of the data file, or None for a bug.

    With `strict`, only the conditions cchc_desktop.failures knows count: any other SQLite
    error (a missing table, a constraint) is a bug and must reach the crash report.
    """
    if isinstance(exc, KnownError):
        return exc
    wrapped = exc if isinstance(exc, sqlite3.Error | OSError) else getattr(exc, "orig", None)
    if isinstance(wrapped, OSError):
        if wrapped.filename:
            return StorageWriteError(describe_os_error(Path(wrapped.filename), wrapped))
        return StorageWriteError(_("Không ghi được vào tệp dữ liệu: {reason}.").format(
            reason=os_reason(wrapped)))
    if _lost_server(wrapped):
        return StorageWriteError(_(
            "Mất kết nối tới máy chủ dữ liệu ({detail}); thay đổi vừa rồi chưa được lưu. Hãy "
            "kiểm tra mạng và máy chủ rồi thử lại.").format(
                detail=mask_passwords(" ".join(str(wrapped).split()))))
    if isinstance(wrapped, sqlite3.Error):
        known = sqlite_reason(wrapped)
        if known is None and strict:
            return None
        return StorageWriteError(_("Không ghi được vào tệp dữ liệu: {reason}.").format(
            reason=known or _("lỗi của SQLite ({detail})").format(detail=wrapped)))
    return None


def _lost_server(error: object) -> bool:
    """The server went away or refused the connection: psycopg's OperationalError of SQLSTATE
    class 08 (connection), 57P (shut down) or none (the socket closed), told without
    importing the driver (a data file's app never loads it)."""
    driver_error = any(kind.__name__ == "OperationalError" and kind.__module__.startswith("psycopg")
                       for kind in type(error).__mro__)
    state = str(getattr(error, "sqlstate", None) or "08")
    return driver_error and state.startswith(("08", "57P"))


INSUFFICIENT_PRIVILEGE = "42501"
# The beginning of the message of storage/server_roles.py's trigger (kept in step by a test):
# not imported from there, which needs the server module.
_STATUS_REFUSAL = "cchc-desktop: status change needs cchc_leader"


class PrivilegeError(KnownError):
    """The server refused the work to this login (SQLSTATE 42501): nothing was changed."""


def privilege_error(exc: BaseException, user: str) -> PrivilegeError | None:
    """The clerk's sentence for what the server's roles refuse this user, or None if it is
    another failure. The transaction was rolled back: nothing changed."""
    wrapped = getattr(exc, "orig", exc)
    if getattr(wrapped, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    if _STATUS_REFUSAL in str(wrapped):
        return PrivilegeError(_(
            "Tài khoản máy chủ {user} không có quyền đổi trạng thái báo cáo (hoàn thành, đã gửi, "
            "mở lại, xóa báo cáo đã hoàn thành): cần vai trò Lãnh đạo (cchc_leader). Không có gì "
            "bị thay đổi; hãy nhờ lãnh đạo hoặc người quản trị máy chủ.").format(user=user))
    statement = str(getattr(exc, "statement", "") or "").lstrip().upper()
    if statement.startswith(("SELECT", "WITH")):
        return PrivilegeError(_(
            "Tài khoản máy chủ {user} không có quyền xem dữ liệu CCHC Desktop: cần một vai trò "
            "Xem (cchc_viewer), Chuyên viên (cchc_clerk) hoặc Lãnh đạo (cchc_leader). Hãy nhờ "
            "người quản trị máy chủ cấp quyền (cchc-desktop server-roles grant).").format(
                user=user))
    return PrivilegeError(_(
        "Tài khoản máy chủ {user} không có quyền ghi dữ liệu này: cần vai trò Chuyên viên "
        "(cchc_clerk) hoặc Lãnh đạo (cchc_leader). Không có gì bị thay đổi; hãy nhờ người quản "
        "trị máy chủ cấp quyền (cchc-desktop server-roles grant).").format(user=user))
