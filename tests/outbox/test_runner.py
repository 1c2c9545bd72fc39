"""outbox/runner.py: queue a revision's package, send what is due, wait longer after each failure.

The module promises the waits 30 s, 2, 10, 30 minutes then every hour; a run that sends
the due items oldest first, stops at the first failure that may pass (the next item would
meet the same line), goes on after one that will not (leaving that item 'failed' with the
clerk's sentence), and never leaves an item 'sending' when the sender breaks.

Beside tests/outbox/test_outbox_smtp.py and test_outbox_split.py (whole packages through
the real SMTP server of tests/smtp_server.py, the sender killed), test_cli_outbox.py.
Here the items are queued straight into the data file (queue_package is seen refusing), and
the `send` the runner takes is a scripted function where a server cannot be made to answer
differently per message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from smtp_server import SmtpServer

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.outbox.runner import BACKOFF, backoff, flush, queue_package
from cchc_desktop.outbox.smtp_client import SendFailure
from cchc_desktop.storage.outbox import QueuedMessage
from cchc_desktop.storage.repository import ReportStore

NOW = dt.datetime(2026, 9, 14, 8, 0)
ACCOUNT = MailAccount(host="127.0.0.1", sender="vanthu@xa-my-an.gov.vn")


def _queue(store: ReportStore, report_id: int, revisions: int) -> None:
    for revision in range(revisions):
        store.queue_messages(report_id, revision, [QueuedMessage(
            f"<r{revision}@cchc>", "snv@tinh.gov.vn, luu@xa.gov.vn", f"Lần gửi {revision}",
            f"Subject: r{revision}\r\n\r\nx\r\n".encode())])


def _states(store: ReportStore) -> dict[int, tuple[str, int, str]]:
    return {i.revision: (i.state, i.attempts, i.last_error) for i in store.outbox_items()}


def test_the_waits_grow_then_stay_an_hour() -> None:
    assert [backoff(n) for n in range(0, 8)] == [
        dt.timedelta(seconds=30), dt.timedelta(seconds=30), dt.timedelta(minutes=2),
        dt.timedelta(minutes=10), dt.timedelta(minutes=30), dt.timedelta(hours=1),
        dt.timedelta(hours=1), dt.timedelta(hours=1)]
    assert backoff(10_000) == BACKOFF[-1]


def test_the_due_items_go_oldest_first_and_the_servers_answer_is_kept(
        smtp_server: SmtpServer, store: ReportStore, report_id: int) -> None:
    _queue(store, report_id, 2)
    attempts = flush(store, smtp_server.account(), "mật-khẩu-đúng", now=NOW)
    assert [(a.item.revision, a.sent, a.message) for a in attempts] == [
        (0, True, "250 2.0.0 Ok: queued"), (1, True, "250 2.0.0 Ok: queued")]
    assert [rcpt for _sender, rcpt in smtp_server.mailbox.envelopes] == [
        ["snv@tinh.gov.vn", "luu@xa.gov.vn"]] * 2
    assert [m.split(b"\r\n")[0] for m in smtp_server.mailbox.accepted] == [b"Subject: r0",
                                                                             b"Subject: r1"]
    assert {i.state for i in store.outbox_items()} == {"sent"}
    assert flush(store, smtp_server.account(), "mật-khẩu-đúng", now=NOW) == []   # never twice


def test_a_failure_that_may_pass_stops_the_run_and_waits(store: ReportStore, report_id: int) -> None:
    _queue(store, report_id, 3)
    tried: list[bytes] = []

    def line_down(account: MailAccount, password: str | None, data: bytes,
                  recipients: Sequence[str]) -> str:
        tried.append(data)
        raise SendFailure("Chưa kết nối được máy chủ thư; sẽ tự gửi lại khi có mạng.", retry=True)

    [attempt] = flush(store, ACCOUNT, None, now=NOW, send=line_down)
    assert (attempt.item.revision, attempt.sent, attempt.retry_at) == (0, False, NOW + BACKOFF[0])
    assert len(tried) == 1                                   # the others were not tried
    assert _states(store) == {0: ("waiting", 1, attempt.message), 1: ("waiting", 0, ""),
                              2: ("waiting", 0, "")}
    # Not due before its time; at its time, the second failure waits 2 minutes.
    assert [a.item.revision for a in flush(store, ACCOUNT, None, now=NOW, send=line_down)] == [1]
    [again] = [a for a in flush(store, ACCOUNT, None, now=NOW + BACKOFF[0], send=line_down)]
    assert (again.item.revision, again.retry_at) == (0, NOW + BACKOFF[0] + BACKOFF[1])


def test_a_failure_that_will_not_pass_fails_that_item_and_the_run_goes_on(
        store: ReportStore, report_id: int) -> None:
    _queue(store, report_id, 2)

    def refuses_the_first(account: MailAccount, password: str | None, data: bytes,
                          recipients: Sequence[str]) -> str:
        if data.startswith(b"Subject: r0"):
            raise SendFailure("Máy chủ thư từ chối vì thư quá lớn (552 5.3.4 too big).",
                              retry=False, reply="552 5.3.4 too big")
        return "250 ok"

    attempts = flush(store, ACCOUNT, None, now=NOW, send=refuses_the_first)
    assert [(a.item.revision, a.sent, a.retry_at) for a in attempts] == [(0, False, None),
                                                                         (1, True, None)]
    [sent, failed] = store.outbox_items()                    # newest first
    assert (failed.state, failed.server_reply, failed.next_attempt_at) == (
        "failed", "552 5.3.4 too big", None)
    assert failed.last_error.startswith("Máy chủ thư từ chối vì thư quá lớn")
    assert (sent.state, sent.server_reply) == ("sent", "250 ok")
    assert flush(store, ACCOUNT, None, now=NOW + dt.timedelta(days=1), send=refuses_the_first) == []


def test_a_sender_that_breaks_leaves_the_item_waiting_not_sending(store: ReportStore,
                                                                  report_id: int) -> None:
    _queue(store, report_id, 1)

    def broken(account: MailAccount, password: str | None, data: bytes,
               recipients: Sequence[str]) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        flush(store, ACCOUNT, None, now=NOW, send=broken)
    [item] = store.outbox_items()
    assert (item.state, item.attempts, item.next_attempt_at) == ("waiting", 1, NOW + BACKOFF[0])


def test_an_account_not_set_up_queues_nothing_and_reads_no_package(
        store: ReportStore, report_id: int, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.zip"              # never opened: the account is checked first
    with pytest.raises(KnownError) as refused:
        queue_package(store, report_id, missing, MailAccount(sender="vanthu@xa.gov.vn"),
                      to="snv@tinh.gov.vn")
    assert refused.value.message == "Máy chủ thư (SMTP) không hợp lệ: ."
    assert store.outbox_items() == []
