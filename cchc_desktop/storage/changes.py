"""The change log: who changed what in a report, when, from which value to which, and why."""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc_desktop.domain.number_domain import logged_text
from cchc_desktop.storage.models import ChangeRow


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    user: str
    entity: str
    key: str
    old: str | None
    new: str | None
    reason: str


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def value_text(value: Decimal | None) -> str | None:
    """A figure as the log keeps it."""
    return None if value is None else logged_text(value)


def log_change(session: Session, report_id: int, entity: str, key: str,
               old: str | None, new: str | None, reason: str = "") -> None:
    session.add(ChangeRow(report_id=report_id, user=current_user(), entity=entity, key=key,
                          old_value=old, new_value=new, reason=reason))


def changes_of(session: Session, report_id: int, key: str | None = None) -> list[Change]:
    """The report's changes (of one key, if given), oldest first."""
    query = select(ChangeRow).where(ChangeRow.report_id == report_id)
    if key is not None:
        query = query.where(ChangeRow.key == key)
    return [Change(c.at, c.user, c.entity, c.key, c.old_value, c.new_value, c.reason)
            for c in session.scalars(query.order_by(ChangeRow.id))]
