"""The outbox in the data file: messages of revisions queued, their state, the server's answers.

The rules that make "never sent twice, never lost" hold live here, below any window: a
revision is queued once (a UNIQUE constraint, not a check that a second process could race;
a package split into several messages is queued as all its parts in one transaction);
an item is claimed for sending by one atomic UPDATE from 'waiting' to 'sending', so two
windows or the command line on the same file cannot both send it; an item found 'sending'
when the app starts was cut off mid-send and goes back to 'waiting' (the server, if it had
taken the message, dedups on its Message-ID: the message is the same bytes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.storage.changes import history_user
from cchc_desktop.storage.database import ConflictingWriteError
from cchc_desktop.storage.models import OutboxRow
from cchc_desktop.storage.units import StorePart

WAITING, SENDING, SENT, FAILED = "waiting", "sending", "sent", "failed"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    report_id: int
    revision: int
    message_id: str
    recipients: str
    subject: str
    size: int
    state: str
    attempts: int
    next_attempt_at: dt.datetime | None
    last_error: str
    server_reply: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    part: int = 1
    parts: int = 1          # more than 1: the package goes as several messages


@dataclass(frozen=True)
class QueuedMessage:
    """One message to queue: a whole package, or one part of it."""

    message_id: str
    recipients: str
    subject: str
    message: bytes


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(row.id, row.report_id, row.revision, row.message_id, row.recipients,
                      row.subject, len(row.message), row.state, row.attempts, row.next_attempt_at,
                      row.last_error, row.server_reply, row.created_at, row.sent_at,
                      row.part, row.parts)


class OutboxPart(StorePart):
    def queue_message(self, report_id: int, revision: int, message_id: str, recipients: str,
                      subject: str, message: bytes) -> OutboxItem:
        """Put a revision's message in the outbox; refused if that revision is already there."""
        return self.queue_messages(report_id, revision,
                                   [QueuedMessage(message_id, recipients, subject, message)])[0]

    def queue_messages(self, report_id: int, revision: int,
                       messages: list[QueuedMessage]) -> list[OutboxItem]:
        """Put a revision's messages (its parts, in order) in the outbox, all or none; refused
        if that revision is already there."""
        if not 1 <= len(messages) <= 50:
            raise KnownError(_("Một lần gửi chia được từ 1 đến 50 thư."))
        if self._queued(report_id, revision) is None:
            try:
                with self.database.session() as session:
                    rows = [OutboxRow(report_id=report_id, revision=revision, part=number,
                                      parts=len(messages), message_id=m.message_id,
                                      recipients=m.recipients, subject=m.subject,
                                      message=m.message, state=WAITING, attempts=0, last_error="",
                                      server_reply="", user=history_user(session))
                            for number, m in enumerate(messages, start=1)]
                    session.add_all(rows)
                    session.flush()
                    return [_item(row) for row in rows]
            except ConflictingWriteError:
                pass    # another window queued it at the same moment: say so as below
        existing = self._queued(report_id, revision)
        raise KnownError(_("Lần gửi {revision} của báo cáo này đã có trong hộp thư đi ({state}); "
                           "mỗi lần gửi chỉ gửi một lần.").format(
                               revision=revision, state=state_label(existing.state) if existing else ""))

    def _queued(self, report_id: int, revision: int) -> OutboxItem | None:
        return next((i for i in self.outbox_items(report_id) if i.revision == revision), None)

    def outbox_items(self, report_id: int | None = None) -> list[OutboxItem]:
        """The outbox, newest first (one report's items if `report_id`)."""
        with self.database.session() as session:
            query = select(OutboxRow).order_by(OutboxRow.created_at.desc(), OutboxRow.id.desc())
            if report_id is not None:
                query = query.where(OutboxRow.report_id == report_id)
            return [_item(row) for row in session.scalars(query)]

    def outbox_message(self, item_id: int) -> bytes:
        with self.database.session() as session:
            row = session.get(OutboxRow, item_id)
            if row is None:
                raise KnownError(_("Không còn thư này trong hộp thư đi."))
            return bytes(row.message)

    def due_items(self, now: dt.datetime) -> list[OutboxItem]:
        """Items waiting whose time has come, oldest first."""
        with self.database.session() as session:
            rows = session.scalars(select(OutboxRow).where(
                OutboxRow.state == WAITING,
                (OutboxRow.next_attempt_at.is_(None)) | (OutboxRow.next_attempt_at <= now))
                .order_by(OutboxRow.created_at, OutboxRow.id, OutboxRow.part))
            return [_item(row) for row in rows]

    def claim_for_sending(self, item_id: int) -> bool:
        """'waiting' -> 'sending' in one UPDATE; False if another sender has it or it is done."""
        with self.database.session() as session:
            result = session.execute(update(OutboxRow).where(
                OutboxRow.id == item_id, OutboxRow.state == WAITING)
                .values(state=SENDING, attempts=OutboxRow.attempts + 1))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def mark_sent(self, item_id: int, reply: str, at: dt.datetime) -> None:
        self._set(item_id, state=SENT, server_reply=reply[:2000], sent_at=at, last_error="",
                  next_attempt_at=None)

    def mark_retry(self, item_id: int, error: str, at: dt.datetime) -> None:
        """A fault of the line or a server busy for now: try again at `at`."""
        self._set(item_id, state=WAITING, last_error=error[:2000], next_attempt_at=at)

    def mark_failed(self, item_id: int, error: str, reply: str = "") -> None:
        """Refused for a reason the clerk must deal with (password, size): no retry by itself."""
        self._set(item_id, state=FAILED, last_error=error[:2000], server_reply=reply[:2000],
                  next_attempt_at=None)

    def requeue(self, item_id: int) -> None:
        """The clerk asks to try a failed item again (the cause dealt with)."""
        with self.database.session() as session:
            session.execute(update(OutboxRow).where(
                OutboxRow.id == item_id, OutboxRow.state == FAILED)
                .values(state=WAITING, next_attempt_at=None))

    def bring_forward(self, item_id: int, at: dt.datetime) -> None:
        """A waiting item due at `at` (the clerk says the line is back: "Gửi ngay")."""
        with self.database.session() as session:
            session.execute(update(OutboxRow).where(
                OutboxRow.id == item_id, OutboxRow.state == WAITING).values(next_attempt_at=at))

    def recover_interrupted(self) -> int:
        """Items left 'sending' by an app that stopped mid-send go back to 'waiting'."""
        with self.database.session() as session:
            result = session.execute(update(OutboxRow).where(OutboxRow.state == SENDING)
                                     .values(state=WAITING, next_attempt_at=None))
            return int(result.rowcount)  # type: ignore[attr-defined]

    def _set(self, item_id: int, **values: object) -> None:
        with self.database.session() as session:
            session.execute(update(OutboxRow).where(OutboxRow.id == item_id).values(**values))


def state_label(state: str) -> str:
    # "đã gửi đi", not the report status's "đã gửi" ("submitted" in English): a mail is sent.
    return {WAITING: _("chờ gửi"), SENDING: _("đang gửi"), SENT: _("đã gửi đi"),
            FAILED: _("lỗi")}.get(state, state)
