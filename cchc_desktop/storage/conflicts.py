"""Two clerks on one report never overwrite each other without knowing it.

Each write of a figure or a section's text may say what the writer last saw stored there
(`expected`). The store compares it with what is stored now, inside the same transaction
and with the row locked on a server (SELECT ... FOR UPDATE): if another clerk wrote in the
meantime, nothing is written and EditConflict names both values and who wrote the other,
from the change log. The value *is* the version: a write is refused exactly when the
field holds something its writer never saw, and two clerks typing the same figure do not
conflict.

A data file has one writer at a time (storage/instance_lock.py); the check costs one
comparison there and guards against a second process that broke the lock.

No SQLAlchemy here: the window imports EditConflict before the database modules load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


# A write that does not say what it saw is not checked (imports, carry-over, the command line:
# each replaces what is there on purpose, in one transaction, after a preview).
UNCHECKED: Final = _Unchecked()


@dataclass(frozen=True)
class OtherWrite:
    """The latest change of a field by anyone, from the change log."""

    user: str
    at: dt.datetime | None      # UTC, naive, as the log keeps it


class EditConflict(KnownError):
    """Someone else changed the field since this writer last saw it; nothing was written."""

    def __init__(self, *, entity: str, key: str, label: str, theirs: Any, mine: Any,
                 shown_theirs: str, shown_mine: str, other: OtherWrite) -> None:
        who = other.user or _("một người khác")
        # A figure is "số"; a text, a note, a list or the header is "nội dung".
        message = (_("\u201c{label}\u201d vừa được {who} sửa thành {theirs}; bạn nhập {mine}. "
                     "Chưa lưu số của bạn.") if entity == "value" else
                   _("\u201c{label}\u201d vừa được {who} sửa thành {theirs}; bạn nhập {mine}. "
                     "Chưa lưu nội dung của bạn."))
        super().__init__(message.format(label=label, who=who, theirs=shown_theirs, mine=shown_mine))
        self.entity = entity
        self.key = key
        self.label = label
        self.theirs = theirs
        self.mine = mine
        self.shown_theirs = shown_theirs
        self.shown_mine = shown_mine
        self.other = other


def differs(expected: object, stored: object) -> bool:
    """True when the writer saw something else than what is stored (UNCHECKED: never)."""
    return expected is not UNCHECKED and expected != stored
