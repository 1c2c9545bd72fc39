"""The outbox in the data file: added by migration 0009 to a file the previous version made, and
its rules (one item per revision, one sender per item, a send cut off goes back to waiting)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from factories import DATA

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.storage.database import HEAD_REVISION, Database
from cchc_desktop.storage.outbox import SENDING, SENT, WAITING
from cchc_desktop.storage.repository import ReportStore


def _queue(store: ReportStore, report_id: int, revision: int = 0):  # type: ignore[no-untyped-def]
    return store.queue_message(report_id, revision, f"<r{revision}@test>", "a@b.vn",
                               f"Lần gửi {revision}", b"Subject: x\r\n\r\nbody\r\n")


def test_a_file_of_the_previous_version_gets_an_empty_outbox(tmp_path: Path) -> None:
    path = tmp_path / "schema-0008.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0008.sqlite3", path)
    with sqlite3.connect(path) as raw:
        before = raw.execute("SELECT count(*) FROM report_values").fetchone()[0]
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)
    database = Database.open(path)
    try:
        store = ReportStore(database)
        report_id = store.find_report_id("xa-my-an", 2026, "Q1")
        assert report_id is not None
        assert store.outbox_items() == []
        item = _queue(store, report_id)
        assert [i.id for i in store.outbox_items(report_id)] == [item.id]
    finally:
        database.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM report_values").fetchone()[0] == before
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)


def test_one_revision_one_item_one_sender(tmp_path: Path, store: ReportStore, report_id: int) -> None:
    item = _queue(store, report_id)
    with pytest.raises(KnownError, match="đã có trong hộp thư đi"):
        _queue(store, report_id)
    second = ReportStore(Database.open(tmp_path / "cchc.sqlite3"))   # another window, same file
    try:
        assert store.claim_for_sending(item.id)
        assert not second.claim_for_sending(item.id), "claimed once"
        assert store.recover_interrupted() == 1
        assert [i.state for i in store.outbox_items()] == [WAITING]
        assert second.claim_for_sending(item.id)
        assert [i.state for i in store.outbox_items()] == [SENDING]
        second.mark_sent(item.id, "250 ok", dt.datetime(2026, 12, 2, 9))
        assert not store.claim_for_sending(item.id), "a sent item is never claimed again"
        [done] = store.outbox_items()
        assert (done.state, done.attempts, done.server_reply) == (SENT, 2, "250 ok")
    finally:
        second.database.close()


def test_items_are_due_at_their_time(store: ReportStore, report_id: int) -> None:
    item = _queue(store, report_id)
    later = dt.datetime(2026, 12, 2, 9, 30)
    store.mark_retry(item.id, "mất mạng", later)
    assert store.due_items(later - dt.timedelta(seconds=1)) == []
    assert [i.id for i in store.due_items(later)] == [item.id]
