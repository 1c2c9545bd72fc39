"""The outbox against a real SMTP server: what is queued is what the province receives, once.

A good send (the attachments byte for byte), a server down then up (sent once, on retry), a
connection dropped in the middle of the message, a wrong password, a 552 size refusal, and
the sender killed with the outbox half sent: nothing lost, nothing sent twice.
"""

from __future__ import annotations

import datetime as dt
import email
import os
import subprocess
import sys
import textwrap
from email import policy
from pathlib import Path

import pytest
from smtp_server import PASSWORD

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.mail import TooLargeError, package_mail
from cchc_desktop.outbox.runner import backoff, flush, queue_package
from cchc_desktop.storage.outbox import FAILED, SENT, WAITING

PROVINCE = "vanthu@snv.dongthap.gov.vn"
ROOT = Path(__file__).resolve().parents[2]


def only(store, report_id):  # type: ignore[no-untyped-def]
    [item] = store.outbox_items(report_id)
    return item


def test_a_good_send_delivers_the_package_byte_for_byte(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    item = queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    assert item.state == WAITING
    [attempt] = flush(store, account, PASSWORD)
    assert attempt.sent and attempt.message.startswith("250 ")
    [received] = smtp_server.mailbox.accepted
    message = email.message_from_bytes(received, policy=policy.default)
    assert message["Message-ID"] == item.message_id
    assert message["To"] == PROVINCE and message["Cc"] == "luu@xa-my-an.gov.vn"
    assert str(message["Subject"]) == "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Ủy ban nhân dân xã Mỹ An gửi báo cáo" in body
    files = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
    assert files[package.pdf.name] == package.pdf.read_bytes()
    assert files[package.workbook.name] == package.workbook.read_bytes()
    assert files["manifest.json"] == (package.folder / "manifest.json").read_bytes()
    assert smtp_server.mailbox.envelopes == [(account.sender, [PROVINCE, "luu@xa-my-an.gov.vn"])]
    done = only(store, report_id)
    assert done.state == SENT and done.sent_at is not None and done.server_reply.startswith("250")
    assert flush(store, account, PASSWORD) == [], "a sent item is never sent again"


def test_the_same_revision_is_queued_once(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    with pytest.raises(KnownError, match="Lần gửi 0 của báo cáo này đã có trong hộp thư đi"):
        queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    assert len(store.outbox_items(report_id)) == 1


def test_a_server_down_then_up_gets_the_message_once(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    smtp_server.stop()
    now = dt.datetime(2026, 12, 2, 9, 0)
    [attempt] = flush(store, account, PASSWORD, now=now)
    assert not attempt.sent and attempt.retry_at == now + backoff(1)
    assert "Chưa kết nối được máy chủ thư 127.0.0.1" in attempt.message
    waiting = only(store, report_id)
    assert (waiting.state, waiting.attempts) == (WAITING, 1)
    assert flush(store, account, PASSWORD, now=now + dt.timedelta(seconds=10)) == [], \
        "not before its time"
    smtp_server.start()
    [again] = flush(store, account, PASSWORD, now=now + backoff(1))
    assert again.sent
    assert len(smtp_server.mailbox.accepted) == 1
    assert only(store, report_id).state == SENT


def test_a_connection_dropped_mid_message_is_retried(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    smtp_server.mailbox.drop_next = True
    [attempt] = flush(store, account, PASSWORD)
    assert not attempt.sent and attempt.retry_at is not None
    assert smtp_server.mailbox.accepted == []
    [again] = flush(store, account, PASSWORD, now=attempt.retry_at)
    assert again.sent and len(smtp_server.mailbox.accepted) == 1


def test_a_wrong_password_fails_and_says_where_to_fix_it(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    [attempt] = flush(store, account, "sai")
    assert not attempt.sent and attempt.retry_at is None
    assert "Công cụ > Tài khoản thư" in attempt.message
    item = only(store, report_id)
    assert item.state == FAILED and item.server_reply.startswith("535")
    assert flush(store, account, PASSWORD, now=dt.datetime(2030, 1, 1)) == [], \
        "a failed item waits for the clerk"
    store.requeue(item.id)
    assert flush(store, account, PASSWORD)[0].sent


def test_a_552_size_refusal_fails_with_what_to_do(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    smtp_server.mailbox.answer = "552 5.3.4 Message size exceeds fixed limit"
    [attempt] = flush(store, account, PASSWORD)
    assert not attempt.sent and attempt.retry_at is None
    assert "thư quá lớn" in attempt.message and ".zip" in attempt.message
    assert only(store, report_id).state == FAILED
    assert smtp_server.mailbox.accepted == []


def test_a_message_over_the_accounts_limit_is_refused_before_queueing(smtp_server, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    whole = package_mail(package.zip_path, account, to=PROVINCE)
    with pytest.raises(TooLargeError, match="lớn hơn giới hạn"):
        package_mail(package.zip_path, account, to=PROVINCE, limit=whole.size - 1)
    zipped = package_mail(package.zip_path, account, to=PROVINCE, zip_only=True, limit=whole.size)
    message = email.message_from_bytes(zipped.data, policy=policy.default)
    assert [p.get_filename() for p in message.iter_attachments()] == [package.zip_path.name]
    assert zipped.message_id == whole.message_id, "the same revision, the same message"


def test_a_broken_package_is_never_queued(smtp_server, store, report_id, package, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    copy = Path(shutil.copytree(package.folder, tmp_path / package.folder.name))
    workbook = copy / package.workbook.name
    workbook.write_bytes(workbook.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(KnownError, match="gói không còn nguyên vẹn"):
        package_mail(copy, smtp_server.account(), to=PROVINCE)
    assert store.outbox_items(report_id) == []


def test_the_sender_killed_with_the_outbox_half_sent(smtp_server, store, report_id, package,  # type: ignore[no-untyped-def]
                                                     tmp_path) -> None:
    """Two revisions queued; the sender is killed while the server holds the second one.

    Restarted, the first is not sent again and the second is sent, once."""
    from cchc_desktop.outbox.account import dump_account
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import ReportStore
    from cchc_desktop.submission.package import build_package

    from .conftest import final_context

    account = smtp_server.account()
    queue_package(store, report_id, package.zip_path, account, to=PROVINCE)
    (tmp_path / "r1").mkdir()
    second = build_package(final_context(revision=1), tmp_path / "r1")
    queue_package(store, report_id, second.zip_path, account, to=PROVINCE)
    store.database.close()
    smtp_server.mailbox.hold_from = 1           # the first goes through, the second is held
    script = textwrap.dedent(f"""
        import sys
        from cchc_desktop.outbox.account import load_account
        from cchc_desktop.outbox.runner import flush
        from cchc_desktop.storage.database import Database
        from cchc_desktop.storage.repository import ReportStore
        flush(ReportStore(Database.open(sys.argv[1])), load_account(sys.argv[2]), {PASSWORD!r})
    """)
    db = tmp_path / "cchc.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", script, str(db), dump_account(account)],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert smtp_server.mailbox.holding.wait(60), "the sender did not reach the second message"
        child.kill()
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    smtp_server.mailbox.hold_from = None
    reopened = ReportStore(Database.open(db))
    try:
        assert sorted(i.state for i in reopened.outbox_items(report_id)) == ["sending", "sent"]
        assert reopened.recover_interrupted() == 1, "cut off mid-send: back to waiting"
        attempts = flush(reopened, account, PASSWORD)
        assert [a.sent for a in attempts] == [True]
        assert sorted(i.state for i in reopened.outbox_items(report_id)) == [SENT, SENT]
        ids = [email.message_from_bytes(m, policy=policy.default)["Message-ID"]
               for m in smtp_server.mailbox.accepted]
        assert len(ids) == 2 and len(set(ids)) == 2, "each revision received exactly once"
        assert "thay thế báo cáo đã gửi lần 0" in email.message_from_bytes(
            smtp_server.mailbox.accepted[1], policy=policy.default).get_body(
                preferencelist=("plain",)).get_content()
    finally:
        reopened.database.close()
