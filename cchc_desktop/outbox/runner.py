"""The outbox's work: queue a revision's package, send what is due, wait longer after each failure.

Times are UTC without a zone, as the data file keeps them. After a failure that may pass (the
line, a busy server) an item waits 30 s, then 2, 10 and 30 minutes, then every hour; a run
stops at the first such failure (the line is down for the next item too). A failure that will
not pass by itself (password, size, an address refused) leaves the item 'failed' with what to
do, until the clerk asks to send it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.outbox.mail import package_mail, split_package_mails
from cchc_desktop.outbox.smtp_client import SendFailure, send_message
from cchc_desktop.storage.models import utcnow
from cchc_desktop.storage.outbox import OutboxItem, OutboxPart, QueuedMessage

BACKOFF = (dt.timedelta(seconds=30), dt.timedelta(minutes=2), dt.timedelta(minutes=10),
           dt.timedelta(minutes=30), dt.timedelta(hours=1))

Sender = Callable[[MailAccount, "str | None", bytes, Sequence[str]], str]


@dataclass(frozen=True)
class Attempt:
    item: OutboxItem
    sent: bool
    message: str        # the server's answer when sent, the clerk's sentence when not
    retry_at: dt.datetime | None = None


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed try (1 for the first)."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def queue_package(store: OutboxPart, report_id: int, source: Path, account: MailAccount, *,
                  to: str, zip_only: bool = False, split: bool = False) -> OutboxItem:
    """The package's message into the outbox (TooLargeError: offer `zip_only` or `split`);
    split, its parts all queued at once. The first (or only) item."""
    account = account.checked()
    mails = (split_package_mails(source, account, to=to) if split
             else [package_mail(source, account, to=to, zip_only=zip_only)])
    items = store.queue_messages(report_id, mails[0].revision, [
        QueuedMessage(mail.message_id, ", ".join(mail.to), mail.subject, mail.data) for mail in mails])
    return items[0]


def flush(store: OutboxPart, account: MailAccount, password: str | None, *,
          now: dt.datetime | None = None, send: Sender = send_message) -> list[Attempt]:
    """Send every item due at `now`, oldest first; what happened to each one tried."""
    now = now or utcnow()
    attempts: list[Attempt] = []
    for item in store.due_items(now):
        if not store.claim_for_sending(item.id):
            continue        # another window or the command line has it
        data = store.outbox_message(item.id)
        try:
            reply = send(account, password, data, [r for r in item.recipients.split(", ") if r])
        except SendFailure as failure:
            if failure.retry:
                at = now + backoff(item.attempts + 1)
                store.mark_retry(item.id, failure.message, at)
                attempts.append(Attempt(item, False, failure.message, at))
                break       # the line or the server is down for the next item too
            store.mark_failed(item.id, failure.message, failure.reply)
            attempts.append(Attempt(item, False, failure.message))
            continue
        except BaseException:
            # A bug or an interrupt: the item must not stay 'sending' (claimed by nobody).
            store.mark_retry(item.id, "", now + backoff(item.attempts + 1))
            raise
        store.mark_sent(item.id, reply, utcnow())
        attempts.append(Attempt(item, True, reply))
    return attempts
