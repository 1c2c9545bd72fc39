"""The clerk's words for failures of the system below the app: the OS's and SQLite's errors.

Python and SQLite describe a full disk, a pulled-out USB stick or a file held by another
program in English ("No such file or directory", "database is locked"). These are known
conditions, not bugs: every reader and writer turns them into one of the Vietnamese
reasons below, each saying what to do. This is the one table of them.
"""

from __future__ import annotations

import errno
import sqlite3

from cchc_desktop.i18n import N_, _

_OS_REASONS: dict[int, str] = {
    errno.ENOENT: N_("không tìm thấy tệp hoặc thư mục (đường dẫn sai, hoặc USB đã rút ra?); hãy "
                     "kiểm tra lại đường dẫn"),
    errno.EACCES: N_("không có quyền truy cập; hãy chọn thư mục khác hoặc nhờ người quản trị máy "
                     "cấp quyền"),
    errno.EPERM: N_("không có quyền truy cập; hãy chọn thư mục khác hoặc nhờ người quản trị máy "
                    "cấp quyền"),
    errno.EROFS: N_("ổ đĩa chỉ cho phép đọc; hãy chọn ổ đĩa hoặc thư mục khác"),
    errno.ENOSPC: N_("ổ đĩa đã đầy; hãy xóa bớt tệp hoặc chọn ổ đĩa khác"),
    errno.EDQUOT: N_("đã hết dung lượng được cấp trên ổ đĩa; hãy xóa bớt tệp hoặc chọn ổ đĩa "
                     "khác"),
    errno.EFBIG: N_("tệp quá lớn đối với ổ đĩa này; hãy chọn ổ đĩa khác"),
    errno.EISDIR: N_("đây là một thư mục, không phải tệp; hãy chọn một tệp"),
    errno.ENOTDIR: N_("một phần của đường dẫn không phải là thư mục; hãy kiểm tra lại đường dẫn"),
    errno.EBUSY: N_("tệp đang được chương trình khác dùng; hãy đóng chương trình đó rồi thử lại"),
    errno.ETXTBSY: N_("tệp đang được chương trình khác dùng; hãy đóng chương trình đó rồi thử lại"),
    errno.EIO: N_("lỗi đọc ghi ổ đĩa (USB đã rút ra?); hãy cắm lại rồi thử lại"),
    errno.ENXIO: N_("thiết bị không sẵn sàng (USB đã rút ra?); hãy cắm lại rồi thử lại"),
    errno.ENODEV: N_("thiết bị không sẵn sàng (USB đã rút ra?); hãy cắm lại rồi thử lại"),
    errno.ENAMETOOLONG: N_("tên tệp hoặc đường dẫn quá dài; hãy đặt tên ngắn hơn"),
    errno.EEXIST: N_("đã có tệp hoặc thư mục cùng tên; hãy đổi tên"),
    errno.ELOOP: N_("đường dẫn có liên kết vòng; hãy chọn tệp thật"),
    errno.EMFILE: N_("mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi thử lại"),
    errno.ENFILE: N_("mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi thử lại"),
    errno.EINVAL: N_("tên tệp hoặc đường dẫn không hợp lệ; hãy đặt tên khác"),
    errno.ENOMEM: N_("máy hết bộ nhớ; hãy đóng bớt chương trình rồi thử lại"),
    errno.EAGAIN: N_("tệp tạm thời không dùng được; hãy thử lại sau"),
}
_WINDOWS_SHARING_VIOLATION = (32, 33)     # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xff).
_SQLITE_CODES: dict[int, str] = {
    5: N_("tệp dữ liệu đang bị chương trình khác khóa; hãy đóng chương trình đó (hoặc cửa sổ "
          "CCHC Desktop khác) rồi thử lại"),                                       # BUSY
    6: N_("tệp dữ liệu đang bị chương trình khác khóa; hãy đóng chương trình đó (hoặc cửa sổ "
          "CCHC Desktop khác) rồi thử lại"),                                       # LOCKED
    7: N_("máy hết bộ nhớ; hãy đóng bớt chương trình rồi thử lại"),               # NOMEM
    8: N_("tệp hoặc thư mục dữ liệu chỉ cho phép đọc; hãy bỏ thuộc tính chỉ đọc hoặc chép tệp "
          "sang thư mục khác"),                                                     # READONLY
    10: N_("lỗi đọc ghi ổ đĩa (USB đã rút ra?); hãy cắm lại rồi thử lại"),  # IOERR
    11: N_("tệp dữ liệu bị hỏng; hãy khôi phục một bản sao lưu"),                 # CORRUPT
    13: N_("ổ đĩa đã đầy; hãy xóa bớt tệp hoặc chọn ổ đĩa khác"),                 # FULL
    14: N_("không mở được tệp dữ liệu (thư mục không tồn tại, không có quyền, hoặc USB đã rút "
           "ra?); hãy kiểm tra lại đường dẫn"),                                    # CANTOPEN
    23: N_("không có quyền truy cập tệp dữ liệu; hãy chọn thư mục khác"),          # AUTH
    26: N_("tệp không phải tệp dữ liệu hoặc đã bị hỏng; hãy khôi phục một bản sao lưu"),  # NOTADB
}
# The same conditions by their English text, for errors raised without a code.
_SQLITE_TEXTS = (
    ("locked", 5), ("busy", 5), ("out of memory", 7), ("readonly", 8), ("read-only", 8),
    ("disk i/o", 10), ("malformed", 11), ("is full", 13), ("unable to open", 14),
    ("not a database", 26), ("not authorized", 23),
)


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in a clause that says what to do (no capital, no full stop)."""
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATION:
        return _(_OS_REASONS[errno.EBUSY])
    known = _OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return _(known)
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno or "?"))
    return _("lỗi hệ thống ({code}); hãy thử lại hoặc chọn thư mục khác").format(code=code)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of `exc` (or of the error SQLAlchemy wrapped), if any."""
    wrapped = exc if isinstance(exc, sqlite3.Error) else getattr(exc, "orig", None)
    if not isinstance(wrapped, sqlite3.Error):
        return None
    code = getattr(wrapped, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
        return code & 0xFF
    text = str(wrapped).lower()
    return next((number for key, number in _SQLITE_TEXTS if key in text), None)


def sqlite_reason(exc: BaseException) -> str | None:
    """Why SQLite failed, as a clause saying what to do; None when it is not a known condition."""
    code = sqlite_code(exc)
    return None if code is None else _(_SQLITE_CODES[code])


def is_damaged_database(exc: BaseException) -> bool:
    """The error says the file is not (or no longer) a readable SQLite database."""
    return sqlite_code(exc) in (11, 26)
