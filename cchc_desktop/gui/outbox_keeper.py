"""Sends the outbox when it can: at the start, every 30 seconds while something is due, and when
the clerk asks ("Gửi ngay"), always off the GUI thread; one run at a time.

The password comes from the OS keyring, or from the clerk once per session when the PC has
none (asked only when the clerk sends, never by a timer popping a box). After each run the
window is told what happened (`ran`), to say it in the line above the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from cchc_desktop.gui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from cchc_desktop.gui.services import MailOutbox

INTERVAL_MS = 30_000
FINISH_MS = 60_000     # the SMTP client's own timeouts end a send well before


class OutboxKeeper(QObject):
    ran = Signal(object)          # the list of runner.Attempt of a run
    failed = Signal(object)       # an unexpected error of a run

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox: MailOutbox | None = None
        self.job: BackgroundTask | None = None
        self.session_password: str | None = None   # typed once when the PC has no keyring
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.run)

    def bind(self, outbox: MailOutbox | None) -> None:
        """The data file's outbox (None: the file is closed); items cut off mid-send wait again."""
        if outbox is not None and not outbox.sends:     # a viewer's login
            outbox = None
        self.outbox = outbox
        if outbox is None:
            self.timer.stop()
            return
        outbox.recover_interrupted()
        self.timer.start()
        QTimer.singleShot(0, self.run)

    def password(self) -> str | None:
        if self.session_password is not None or self.outbox is None:
            return self.session_password
        # The keyring's backends load with the first send.
        from cchc_desktop.outbox.account import stored_password

        return stored_password(self.outbox.account())

    def can_send(self) -> bool:
        """An account is set up, with a password to hand if it logs in."""
        if self.outbox is None:
            return False
        account = self.outbox.account()
        return account.configured and (not account.user or self.password() is not None)

    def run(self) -> BackgroundTask | None:
        """Send what is due now, if anything is and nothing is being sent."""
        outbox = self.outbox
        # Cheapest first: a query; the account and the keyring only when something is due.
        if outbox is None or self.job is not None or not outbox.due() or not self.can_send():
            return None
        password = self.password()

        def task(_progress: Any) -> Any:
            return outbox.flush(password)

        self.job = run_in_background(task, on_success=self._done, on_failure=self._failed,
                                     parent=self)
        return self.job

    def finish_sending(self, timeout_ms: int = FINISH_MS) -> bool:
        """Wait (the window's events running) for a send under way to end, so that the data
        file is not closed under it; False if it still runs after `timeout_ms`."""
        job = self.job
        if job is None:
            return True
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        if self.job is not None:
            loop.exec()
        return self.job is None

    def _done(self, attempts: object) -> None:
        self.job = None
        self.ran.emit(attempts)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.failed.emit(error)
