"""storage/changes.py: the change log, who changed what from which value to which and why,
read oldest first, whole or a field at a time, and through a ChangeLog by ids and filter.

Beside tests/gui/test_history_log.py and test_history_model.py, which page through a long
ChangeLog in the history dialog: here the log's own reads on a real data file.
"""

from __future__ import annotations

import getpass
from decimal import Decimal

from factories import make_report

from cchc_desktop.storage.changes import Change, ChangeLog, changes_of, log_change, value_text
from cchc_desktop.storage.models import ChangeRow
from cchc_desktop.storage.repository import ReportStore

CODE, OTHER = "cddh.kh.tong", "cddh.kh.hoan_thanh"


def test_a_figure_is_logged_as_plain_text_without_exponent_or_float() -> None:
    assert value_text(None) is None
    assert value_text(Decimal("1234567.50")) == "1234567.5"
    assert value_text(Decimal("1E+3")) == "1000"
    assert value_text(Decimal("0.1")) == "0.1"
    assert value_text(Decimal("NaN")) == "NaN"


def test_a_logged_change_names_the_os_user_and_keeps_old_new_and_reason(
        store: ReportStore) -> None:
    report_id = store.save_report(make_report({CODE: 10}))
    with store.database.session() as session:
        log_change(session, report_id, "value", CODE, "10", "12", "Kế hoạch điều chỉnh")
        log_change(session, report_id, "note", CODE, None, "Giải trình")
    with store.database.session() as session:
        changes = changes_of(session, report_id, CODE)
    assert [(c.entity, c.old, c.new, c.reason, c.user) for c in changes] == [
        ("value", "10", "12", "Kế hoạch điều chỉnh", getpass.getuser()),
        ("note", None, "Giải trình", "", getpass.getuser())]
    assert changes[0].id < changes[1].id and changes[0].at <= changes[1].at
    assert [c.key for c in store.history(report_id)] == ["create", CODE, CODE]


def _log(store: ReportStore, count: int) -> int:
    """A report with `count` changes alternating between two figures (10, 11, 12...)."""
    report_id = store.save_report(make_report({CODE: 1}))
    with store.database.session() as session:
        session.add_all(ChangeRow(report_id=report_id, user="cv_mai", entity="value",
                                  key=CODE if i % 2 == 0 else OTHER, old_value=None,
                                  new_value=str(10 + i), reason="") for i in range(count))
    return report_id


def test_the_ids_come_oldest_first_by_field_and_entity(store: ReportStore) -> None:
    report_id = _log(store, 6)
    log = ChangeLog(store.database, report_id)
    every = log.ids()
    assert len(every) == 7 and every == sorted(every)          # the creation and six edits
    of_code = log.of_field(CODE, ["value"])
    assert [c.new for c in of_code.changes(of_code.ids())] == ["10", "12", "14"]
    assert ChangeLog(store.database, report_id, entities=["report"]).ids() == every[:1]
    assert ChangeLog(store.database, report_id, key=CODE, entities=["note"]).ids() == []
    assert ChangeLog(store.database, report_id + 1).ids() == []


def test_a_filter_runs_over_the_text_the_caller_makes(store: ReportStore) -> None:
    report_id = _log(store, 6)
    log = ChangeLog(store.database, report_id)

    def shown(change: Change) -> str:
        return f"{change.user} đặt {change.key} = {change.new or ''}".casefold()

    matching = log.changes(log.ids("= 1", shown))
    assert [(c.key, c.new) for c in matching] == [
        (CODE, "10"), (OTHER, "11"), (CODE, "12"), (OTHER, "13"), (CODE, "14"), (OTHER, "15")]
    assert [c.new for c in log.changes(log.ids("hoan_thanh = 13", shown))] == ["13"]
    assert log.ids("không có", shown) == []
    assert log.ids("", shown) == log.ids()


def test_changes_are_read_in_the_order_asked_across_chunks(store: ReportStore) -> None:
    report_id = _log(store, 1200)         # more ids than one IN (...) takes
    log = ChangeLog(store.database, report_id, key=CODE)
    ids = log.ids()
    assert len(ids) == 600
    backwards = log.changes(list(reversed(ids)))
    assert [c.new for c in backwards[:2]] == ["1208", "1206"]
    assert backwards[-1].new == "10" and len(backwards) == 600
    assert [c.new for c in log.changes([ids[3], 10**9, ids[0]])] == ["16", "10"]
    assert all(c.user == "cv_mai" and c.reason == "" for c in backwards)
