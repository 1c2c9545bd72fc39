"""A package too large for the account's server goes as several messages, each file whole.

Against the real SMTP server: every part arrives once, under the limit, with its own
Message-ID and "(thư n/N)" in its subject; the attachments of all the parts saved into one
folder are the package as it was signed (it verifies); a cable pulled after the first part
sends only the rest on retry; a file too large on its own is refused before anything is queued.
"""

from __future__ import annotations

import datetime as dt
import email
import sqlite3
from email import policy
from pathlib import Path

import pytest
from factories import DATA
from smtp_server import PASSWORD

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.mail import TooLargeError, package_mail, split_package_mails
from cchc_desktop.outbox.runner import flush
from cchc_desktop.outbox.smtp_client import send_message
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.outbox import SENT, WAITING, QueuedMessage
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.package_check import Outcome
from cchc_desktop.submission.verify import verify_package

PROVINCE = "vanthu@snv.dongthap.gov.vn"


def _attachments(data: bytes) -> dict[str, bytes]:
    message = email.message_from_bytes(data, policy=policy.default)
    return {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}


def _tight_limit(package, account) -> int:  # type: ignore[no-untyped-def]
    """The smallest limit the package can still be split for: found by bisection."""
    low, high = 1, package_mail(package.zip_path, account, to=PROVINCE).size
    while low < high:
        middle = (low + high) // 2
        try:
            split_package_mails(package.zip_path, account, to=PROVINCE, limit=middle)
            high = middle
        except TooLargeError:
            low = middle + 1
    return low


def test_a_split_package_arrives_whole_in_parts_under_the_limit(smtp_server, store, report_id,  # type: ignore[no-untyped-def]
                                                                 package, tmp_path: Path) -> None:
    account = smtp_server.account()
    whole = package_mail(package.zip_path, account, to=PROVINCE)
    limit = _tight_limit(package, account)
    assert limit < whole.size
    mails = split_package_mails(package.zip_path, account, to=PROVINCE, limit=limit)
    parts = len(mails)
    assert parts >= 2 and all(mail.size <= limit for mail in mails)
    assert len({mail.message_id for mail in mails}) == parts
    assert all(mail.revision == 0 for mail in mails)
    store.queue_messages(report_id, 0, [QueuedMessage(m.message_id, ", ".join(m.to), m.subject, m.data)
                                        for m in mails])
    attempts = flush(store, account, PASSWORD)
    assert [a.sent for a in attempts] == [True] * parts
    received = smtp_server.mailbox.accepted
    assert len(received) == parts
    folder = tmp_path / "nhan"
    folder.mkdir()
    seen: list[str] = []
    for number, data in enumerate(received, start=1):
        message = email.message_from_bytes(data, policy=policy.default)
        assert str(message["Subject"]).endswith(f"(thư {number}/{parts})")
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert f"Thư {number}/{parts}" in body and "cùng một thư mục" in body
        files = _attachments(data)
        assert "manifest.json" in files, "every part says what the whole package is"
        for name, content in files.items():
            if name != "manifest.json":
                seen.append(name)
            (folder / name).write_bytes(content)
    whole_files = _attachments(whole.data)
    assert sorted(seen) == sorted(n for n in whole_files if n != "manifest.json"), "each file once"
    for name, content in whole_files.items():
        assert (folder / name).read_bytes() == content, name
    check = verify_package(folder)
    assert check.outcome is not Outcome.INVALID, check.problems
    assert [i.state for i in store.outbox_items(report_id)] == [SENT] * parts
    with pytest.raises(KnownError, match="đã có trong hộp thư đi"):
        store.queue_messages(report_id, 0, [QueuedMessage("<x@y>", PROVINCE, "s", b"x")])


def test_a_cable_pulled_after_the_first_part_sends_only_the_rest(smtp_server, store, report_id,  # type: ignore[no-untyped-def]
                                                                  package) -> None:
    account = smtp_server.account()
    mails = split_package_mails(package.zip_path, account, to=PROVINCE,
                                limit=_tight_limit(package, account))
    store.queue_messages(report_id, 0, [QueuedMessage(m.message_id, ", ".join(m.to), m.subject, m.data)
                                        for m in mails])

    def send_then_cable_pulled(*args):  # type: ignore[no-untyped-def]
        reply = send_message(*args)
        smtp_server.stop()
        return reply

    first = flush(store, account, PASSWORD, send=send_then_cable_pulled)
    assert [a.sent for a in first] == [True, False] and first[1].retry_at is not None
    assert [i.state for i in reversed(store.outbox_items(report_id))][:2] == [SENT, WAITING]
    smtp_server.start()
    later = flush(store, account, PASSWORD, now=dt.datetime(2099, 1, 1))
    assert all(a.sent for a in later) and len(later) == len(mails) - 1
    ids = [email.message_from_bytes(d, policy=policy.default)["Message-ID"].strip()
           for d in smtp_server.mailbox.accepted]
    assert sorted(ids) == sorted(m.message_id for m in mails), "every part once, none twice"


def test_a_file_too_large_on_its_own_is_refused_naming_it(smtp_server, store, report_id, package) -> None:  # type: ignore[no-untyped-def]
    account = smtp_server.account()
    with pytest.raises(TooLargeError, match=r"riêng tệp này đã lớn hơn giới hạn"):
        split_package_mails(package.zip_path, account, to=PROVINCE, limit=20_000)
    assert store.outbox_items(report_id) == []


def test_an_outbox_of_the_previous_version_is_one_part_each(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    path.write_bytes((DATA / "datafiles" / "schema-0011.sqlite3").read_bytes())
    with sqlite3.connect(path) as connection:
        report = connection.execute("SELECT id FROM reports ORDER BY id LIMIT 1").fetchone()[0]
        connection.execute(
            "INSERT INTO outbox (report_id, revision, message_id, recipients, subject, message, "
            "state, attempts, last_error, server_reply, created_at, user) VALUES "
            "(?, 0, '<old@x>', ?, 'Báo cáo cũ', X'6869', 'sent', 1, '', '250 ok', "
            "'2026-12-01 08:00:00', 'vanthu')", (report, PROVINCE))
    connection.close()
    database = Database.open(path)
    try:
        store = ReportStore(database)
        [old] = store.outbox_items(report)
        assert (old.part, old.parts, old.state, old.size) == (1, 1, SENT, 2)
        # The new version's parts on the same report, another revision.
        items = store.queue_messages(report, 1, [QueuedMessage(f"<p{n}@x>", PROVINCE, f"s{n}", b"m")
                                                 for n in (1, 2)])
        assert [(i.part, i.parts) for i in items] == [(1, 2), (2, 2)]
        with pytest.raises(KnownError, match="đã có trong hộp thư đi"):
            store.queue_message(report, 0, "<again@x>", PROVINCE, "s", b"m")
    finally:
        database.close()
