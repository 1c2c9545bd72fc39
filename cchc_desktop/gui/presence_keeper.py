"""Tells the window who else has the open report open on the server, now and then, and says
it in the line above the page (PresenceNotice).

The storage side is storage/presence.py; this keeps its connection named while a report is
open and asks again every INTERVAL_MS (slow: a look at pg_stat_activity costs the server
little, but a clerk does not need to know to the second). On a data file it does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.i18n import _

if TYPE_CHECKING:  # SQLAlchemy loads after the window is shown (see app.run)
    from cchc_desktop.storage.presence import Presence

INTERVAL_MS = 60_000


class PresenceKeeper(QObject):
    others_changed = Signal(list)     # the names of the others who have the report open

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presence: Presence | None = None
        self._report_id: int | None = None
        self.others: list[str] = []
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def opened(self, presence: Presence | None, report_id: int) -> None:
        """A report was opened: say so on the server and look who else has it (None: the
        data is a file, nothing to say)."""
        self.closed()
        if presence is None:
            return
        self._presence = presence
        self._report_id = report_id
        self._presence.announce(report_id)
        self.timer.start()
        self.check()

    def closed(self) -> None:
        self.timer.stop()
        if self._presence is not None:
            self._presence.close()
        self._presence, self._report_id = None, None
        self._tell([])

    def check(self) -> None:
        if self._presence is not None and self._report_id is not None:
            self._tell(self._presence.others_editing(self._report_id))

    def _tell(self, names: list[str]) -> None:
        if names != self.others:
            self.others = names
            self.others_changed.emit(names)


class PresenceNotice:
    """"<tên> đang sửa báo cáo này" in the notice line, hidden once no one else has the report
    open (unless another notice replaced it meanwhile)."""

    def __init__(self, keeper: PresenceKeeper, notice: NoticeBar) -> None:
        self.notice = notice
        self.text = ""
        keeper.others_changed.connect(self.show)

    def show(self, names: list[str]) -> None:
        if names:
            self.text = _(
                "{names} đang sửa báo cáo này trên máy khác. Hãy thống nhất ai sửa phần nào để "
                "không ghi đè số liệu của nhau.").format(names=", ".join(names))
            self.notice.show_text(self.text, warning=True)
        elif self.text and self.notice.message.text() == self.text:
            self.notice.hide()
            self.text = ""
