"""gui/outbox_keeper.py: the outbox sent when it can, off the GUI thread, one run at a time:
at the start, every 30 seconds while something is due, and when the clerk asks; the password
from the keyring or typed once per session; what happened handed to the window (`ran`).

Beside tests/gui/test_outbox_window.py, which sends a report's package from the window; here
the keeper on its own, on a real data file's outbox, sending to a real SMTP server on 127.0.0.1
(tests/smtp_server.py) under a PC without a keyring (keyring's fail backend).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email.message import EmailMessage

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QTimer
from smtp_server import PASSWORD, SmtpServer, smtp_server

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.outbox_keeper import INTERVAL_MS, OutboxKeeper
from cchc_desktop.gui.services import MailOutbox
from cchc_desktop.outbox.account import ACCOUNT_SETTING, MailAccount, dump_account
from cchc_desktop.outbox.runner import Attempt
from cchc_desktop.storage.repository import ReportStore

__all__ = ["smtp_server"]
PROVINCE = "vanthu@snv.dongthap.gov.vn"


@pytest.fixture(autouse=True)
def _no_keyring() -> Iterator[None]:
    """The office PC without a keyring: the password is typed once per session."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def queue(store: ReportStore, report_id: int, revision: int = 0) -> int:
    message = EmailMessage()
    message["From"], message["To"] = "vanthu@xa-my-an.gov.vn", PROVINCE
    message["Subject"] = f"Báo cáo CCHC quý I năm 2026 (lần gửi {revision})"
    message.set_content("Kính gửi Sở Nội vụ.")
    return store.queue_message(report_id, revision, f"<r{revision}@xa-my-an>", PROVINCE,
                               str(message["Subject"]), message.as_bytes()).id


@pytest.fixture
def keeper(qtbot) -> Iterator[Callable[[MailOutbox | None], OutboxKeeper]]:  # type: ignore[no-untyped-def]
    """Keepers bound to an outbox; unbound at the end, once their run is over (as the window
    does when it closes), so that no send outlives the test's data file."""
    made: list[OutboxKeeper] = []

    def bound(outbox: MailOutbox | None) -> OutboxKeeper:
        one = OutboxKeeper()
        one.bind(outbox)
        made.append(one)
        return one

    yield bound
    for one in made:
        one.bind(None)
        qtbot.waitUntil(lambda one=one: one.job is None, timeout=30000)


def test_a_closed_file_sends_nothing(keeper) -> None:  # type: ignore[no-untyped-def]
    made = keeper(None)
    assert not made.timer.isActive()
    assert not made.can_send() and made.password() is None and made.run() is None


def test_an_open_file_is_looked_at_every_30_seconds_and_interrupted_sends_wait_again(  # type: ignore[no-untyped-def]
        keeper, store: ReportStore, sample_report_id: int) -> None:
    item = queue(store, sample_report_id)
    assert store.claim_for_sending(item)          # an app that stopped in the middle of a send
    made = keeper(MailOutbox(store))
    assert made.timer.isActive() and made.timer.interval() == INTERVAL_MS == 30_000
    [waiting] = store.outbox_items()
    assert waiting.state == "waiting" and waiting.attempts == 1
    made.bind(None)
    assert not made.timer.isActive() and made.outbox is None


def test_no_account_or_no_password_sends_nothing(keeper, store: ReportStore,  # type: ignore[no-untyped-def]
                                                sample_report_id: int, smtp_server: SmtpServer) -> None:
    queue(store, sample_report_id)
    outbox = MailOutbox(store)
    made = keeper(outbox)
    assert not made.can_send(), "no account set up"
    assert made.run() is None
    outbox.save_account(smtp_server.account())
    assert made.password() is None, "no keyring on this PC"
    assert not made.can_send() and made.run() is None
    made.session_password = PASSWORD
    assert made.can_send() and made.password() == PASSWORD
    outbox.save_account(smtp_server.account(user=""))     # a LAN relay that takes no login
    made.session_password = None
    assert made.can_send()
    assert [i.state for i in outbox.items()] == ["waiting"]


def test_what_is_due_is_sent_once_and_said(qtbot, keeper, store: ReportStore, sample_report_id: int,  # type: ignore[no-untyped-def]
                                           smtp_server: SmtpServer) -> None:
    outbox = MailOutbox(store)
    outbox.save_account(smtp_server.account())
    made = keeper(None)
    made.session_password = PASSWORD
    made.bind(outbox)
    assert made.run() is None, "nothing due"
    queue(store, sample_report_id)
    with qtbot.waitSignal(made.ran, timeout=30000) as ran:
        job = made.run()
        assert job is not None
        assert made.run() is None, "one run at a time"
    attempts: list[Attempt] = ran.args[0]
    assert [(a.item.subject, a.sent) for a in attempts] == [
        ("Báo cáo CCHC quý I năm 2026 (lần gửi 0)", True)]
    assert made.job is None
    [sent] = outbox.items()
    assert sent.state == "sent" and sent.attempts == 1
    assert len(smtp_server.mailbox.accepted) == 1
    assert made.run() is None, "sent once: nothing due any more"


def test_an_account_edited_by_hand_is_a_failure_said_not_a_crash(  # type: ignore[no-untyped-def]
        qtbot, keeper, store: ReportStore, sample_report_id: int) -> None:
    # "máy chủ thư" with spaces: set up enough to be tried, refused when checked on the worker.
    store.set_setting(ACCOUNT_SETTING, dump_account(MailAccount(
        host="smtp xa my an", sender="vanthu@xa-my-an.gov.vn")))
    queue(store, sample_report_id)
    made = keeper(None)
    made.bind(MailOutbox(store))
    with qtbot.waitSignal(made.failed, timeout=10000) as failed:
        pass                                      # bind runs it at the next turn of the loop
    error = failed.args[0]
    assert isinstance(error, KnownError)
    assert error.message == "Máy chủ thư (SMTP) không hợp lệ: smtp xa my an."
    assert made.job is None
    assert [i.state for i in store.outbox_items()] == ["waiting"], "nothing was claimed"


def test_closing_waits_for_the_send_under_way_to_end_and_write_its_outcome(  # type: ignore[no-untyped-def]
        qtbot, keeper, store: ReportStore, sample_report_id: int, smtp_server: SmtpServer) -> None:
    """The window closes the data file after finish_sending(): a send cut off there would be
    left 'đang gửi' and sent again at the next start."""
    outbox = MailOutbox(store)
    outbox.save_account(smtp_server.account())
    made = keeper(None)
    made.session_password = PASSWORD
    made.bind(outbox)
    queue(store, sample_report_id)
    smtp_server.mailbox.hold_from = 0            # the server holds the message: the send waits
    assert made.run() is not None
    assert smtp_server.mailbox.holding.wait(10)
    assert made.finish_sending(200) is False     # still under way after 0.2 s: said so
    QTimer.singleShot(100, lambda: setattr(smtp_server.mailbox, "hold_from", None))
    assert made.finish_sending(30_000) is True   # the server answers: the send ends, and so the wait
    [item] = outbox.items()
    assert item.state != "sending"               # its outcome written before the file closes
    assert made.finish_sending() is True         # nothing under way: at once
