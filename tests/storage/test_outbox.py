"""storage/outbox.py: a revision's messages queued once, all its parts or none; each item's
life (waiting, sending, sent, failed) moved by one UPDATE that only the right state passes.

Beside tests/outbox/test_outbox_storage.py (migration 0009, one item one sender across two
windows, due times) and tests/outbox/test_outbox_split.py (a package sent in parts over
SMTP): here the outbox's own rules on one data file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from factories import make_report

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import set_language
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.outbox import (
    FAILED,
    SENDING,
    SENT,
    WAITING,
    QueuedMessage,
    state_label,
)
from cchc_desktop.storage.repository import ReportStore

NOW = dt.datetime(2026, 12, 2, 9, 0)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with one report, made once: each test works on a copy."""
    path = tmp_path_factory.mktemp("outbox") / "one-report.sqlite3"
    store = ReportStore(Database.open(path))
    store.save_report(make_report({"cddh.kh.tong": 10}))
    store.database.close()
    return path


@pytest.fixture
def store(migrated: Path, data_file: Path) -> ReportStore:
    shutil.copy(migrated, data_file)
    return ReportStore(Database.open(data_file))


def _parts(revision: int, count: int) -> list[QueuedMessage]:
    return [QueuedMessage(f"<r{revision}.p{n}@xa-thu.vn>", "vanthu@sonoivu.vn",
                          f"Báo cáo CCHC lần gửi {revision} ({n}/{count})",
                          f"Subject: phần {n}\r\n\r\nnội dung\r\n".encode())
            for n in range(1, count + 1)]


def test_a_package_in_parts_is_queued_whole_in_order(store: ReportStore) -> None:
    items = store.queue_messages(1, 2, _parts(2, 3))
    assert [(i.part, i.parts, i.state, i.attempts) for i in items] == [
        (1, 3, WAITING, 0), (2, 3, WAITING, 0), (3, 3, WAITING, 0)]
    assert store.outbox_message(items[1].id) == "Subject: phần 2\r\n\r\nnội dung\r\n".encode()
    assert items[0].size == len("Subject: phần 1\r\n\r\nnội dung\r\n".encode())
    assert [i.part for i in store.due_items(NOW)] == [1, 2, 3]
    assert [i.revision for i in store.outbox_items(1)] == [2, 2, 2]


def test_a_revision_is_queued_once_and_a_refused_queue_adds_nothing(store: ReportStore) -> None:
    store.queue_messages(1, 0, _parts(0, 2))
    with pytest.raises(KnownError) as caught:
        store.queue_message(1, 0, "<khac@xa-thu.vn>", "vanthu@sonoivu.vn", "Lại", b"x")
    assert caught.value.message == ("Lần gửi 0 của báo cáo này đã có trong hộp thư đi (chờ "
                                    "gửi); mỗi lần gửi chỉ gửi một lần.")
    for wrong in ([], _parts(1, 51)):
        with pytest.raises(KnownError, match="Một lần gửi chia được từ 1 đến 50 thư"):
            store.queue_messages(1, 1, wrong)
    assert [(i.revision, i.message_id) for i in store.outbox_items()] == [
        (0, "<r0.p2@xa-thu.vn>"), (0, "<r0.p1@xa-thu.vn>")]


def test_only_a_waiting_item_is_claimed_and_a_cut_off_send_waits_again(store: ReportStore) -> None:
    [first, second] = store.queue_messages(1, 0, _parts(0, 2))
    assert store.claim_for_sending(first.id)
    assert not store.claim_for_sending(first.id)
    assert store.claim_for_sending(second.id)
    store.mark_sent(second.id, "250 2.0.0 Ok: queued", NOW)
    assert store.recover_interrupted() == 1           # only the one left 'sending'
    states = {i.id: (i.state, i.attempts) for i in store.outbox_items()}
    assert states == {first.id: (WAITING, 1), second.id: (SENT, 1)}
    assert not store.claim_for_sending(second.id), "a sent item is never sent again"
    assert not store.claim_for_sending(10**6)


def test_a_retry_waits_its_time_unless_brought_forward(store: ReportStore) -> None:
    [item] = store.queue_messages(1, 0, _parts(0, 1))
    assert store.claim_for_sending(item.id)
    later = NOW + dt.timedelta(minutes=5)
    store.mark_retry(item.id, "Mất kết nối tới máy chủ thư " + "x" * 3000, later)
    [waiting] = store.outbox_items()
    assert (waiting.state, waiting.next_attempt_at) == (WAITING, later)
    assert len(waiting.last_error) == 2000 and waiting.last_error.startswith("Mất kết nối")
    assert store.due_items(NOW) == []
    store.bring_forward(item.id, NOW)
    assert [i.id for i in store.due_items(NOW)] == [item.id]


def test_a_failed_item_goes_back_only_when_the_clerk_asks(store: ReportStore) -> None:
    [item] = store.queue_messages(1, 0, _parts(0, 1))
    store.claim_for_sending(item.id)
    store.mark_failed(item.id, "Sai mật khẩu thư", "535 5.7.8 Authentication failed")
    assert store.due_items(NOW) == [] and not store.claim_for_sending(item.id)
    store.bring_forward(item.id, NOW)                  # only for a waiting item
    assert store.outbox_items()[0].state == FAILED
    store.requeue(item.id)
    [again] = store.outbox_items()
    assert (again.state, again.next_attempt_at, again.server_reply) == (
        WAITING, None, "535 5.7.8 Authentication failed")
    store.requeue(item.id)                             # no longer failed: nothing
    assert store.claim_for_sending(item.id)
    assert store.outbox_items()[0].state == SENDING


def test_states_are_named_in_the_clerks_language(store: ReportStore) -> None:
    assert [state_label(s) for s in (WAITING, SENDING, SENT, FAILED, "khac")] == [
        "chờ gửi", "đang gửi", "đã gửi đi", "lỗi", "khac"]
    with pytest.raises(KnownError, match=r"^Không còn thư này trong hộp thư đi"):
        store.outbox_message(10**6)
    set_language("en")
    assert [state_label(WAITING), state_label(SENT)] == ["waiting", "sent"]
