"""Another clerk wrote the field first: which value stays? (storage/conflicts.py refuses the
write; the session keeps the clerk's value in the window until the clerk chooses.)

Asked once per conflict, after the write that found it (never from inside it: the saver is
still writing), with both values and who wrote the other when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

if TYPE_CHECKING:    # the session hands the conflicts over; the window does not reach storage
    from cchc_desktop.storage.conflicts import EditConflict

# The clerk's answer: True keeps the value typed. Replaced by the tests.
Chooser = Callable[[QWidget, "EditConflict"], bool]


def when(at: dt.datetime | None) -> str:
    """The other write's local time as the clerk reads it: "15:32 ngày 03/12/2026"."""
    if at is None:
        return ""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return _("lúc {time} ngày {day}").format(time=local.strftime("%H:%M"),
                                             day=local.strftime("%d/%m/%Y"))


def ask_keep_mine(parent: QWidget, conflict: EditConflict) -> bool:
    who = conflict.other.user or _("một người khác")
    box = QMessageBox(QMessageBox.Icon.Warning, _("Người khác vừa sửa"), _(
        "\u201c{label}\u201d vừa được {who} sửa{when}.\n\n"
        "Giá trị của {who}: {theirs}\nGiá trị bạn nhập: {mine}\n\n"
        "Giữ giá trị nào? Lịch sử thay đổi ghi lại cả hai.").format(
            # " lúc 15:32 ngày 03/12/2026", or nothing when the other write has no time
            label=conflict.label, who=who, when=f" {when(conflict.other.at)}" if conflict.other.at else "",
            theirs=conflict.shown_theirs, mine=conflict.shown_mine), parent=parent)
    mine = box.addButton(_("Giữ giá trị của tôi"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Dùng giá trị của {who}").format(who=who), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(mine)
    box.exec()
    return box.clickedButton() is mine


class ConflictPrompt:
    """Listens to a session's conflicts and settles each with the clerk's choice."""

    def __init__(self, parent: QWidget, session: ReportSession, choose: Chooser | None = None) -> None:
        self.parent = parent
        self.session = session
        self.choose = choose or ask_keep_mine
        self.settled: list[tuple[EditConflict, bool]] = []
        session.conflicted.connect(self._conflicted)

    def _conflicted(self, conflict: EditConflict) -> None:
        QTimer.singleShot(0, lambda: self._settle(conflict))

    def _settle(self, conflict: EditConflict) -> None:
        keep = self.choose(self.parent, conflict)
        if keep:
            self.session.keep_mine(conflict)
        else:
            self.session.take_theirs(conflict)
        self.settled.append((conflict, keep))
