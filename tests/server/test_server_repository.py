"""The repository's main operations on a real PostgreSQL server: the same tests as on a data file.

The tests of tests/storage/test_repository.py and tests/imports/test_consolidation_import.py
that need nothing of a file (no reopening by path, no full disk) run here again, against a
store on the session's server (tests/conftest.py's postgres_server), not a mock of one.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from factories import sample_report

from cchc_desktop.addresses import parse_server
from cchc_desktop.storage.changes import ChangeLog
from cchc_desktop.storage.database import ConflictingWriteError, head_revision
from cchc_desktop.storage.models import UnitRow
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.storage.server import ServerDatabase, open_server

TESTS = Path(__file__).resolve().parents[1]


def _tests_of(relative: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"on_server_{Path(relative).stem}", TESTS / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_repository = _tests_of("storage/test_repository.py")
_consolidation = _tests_of("imports/test_consolidation_import.py")

test_values_are_decimals_not_floats = _repository.test_values_are_decimals_not_floats
test_every_edit_is_in_the_history = _repository.test_every_edit_is_in_the_history
test_wrong_values_are_refused = _repository.test_wrong_values_are_refused
test_submitted_report_is_locked_until_unlocked_with_a_reason = \
    _repository.test_submitted_report_is_locked_until_unlocked_with_a_reason
test_new_report_starts_from_the_unit_settings = _repository.test_new_report_starts_from_the_unit_settings
test_lists_are_replaced_in_order = _repository.test_lists_are_replaced_in_order
test_subordinate_units_dropped_stay_inactive = _repository.test_subordinate_units_dropped_stay_inactive
test_context_takes_comparisons_from_sibling_reports = \
    _repository.test_context_takes_comparisons_from_sibling_reports
test_a_file_saying_final_over_an_error_is_stored_as_a_draft = \
    _repository.test_a_file_saying_final_over_an_error_is_stored_as_a_draft
test_board_sums_and_annexes = _consolidation.test_board_sums_and_annexes
test_consolidating_again_does_not_count_twice = _consolidation.test_consolidating_again_does_not_count_twice
test_a_new_revision_replaces_only_after_confirmation = \
    _consolidation.test_a_new_revision_replaces_only_after_confirmation


@pytest.fixture
def database(postgres_head_url: str) -> Iterator[ServerDatabase]:
    opened = open_server(parse_server(postgres_head_url))
    yield opened
    opened.close()


@pytest.fixture
def store(database: ServerDatabase) -> ReportStore:
    return ReportStore(database)


@pytest.fixture
def province(store: ReportStore) -> tuple[ReportStore, int]:
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                parent="Ủy ban nhân dân tỉnh Thử"))
    store.set_subordinate_units(_consolidation.COMMUNES)
    report_id = store.create_report(2026, "Q3")
    store.set_value(report_id, "tthc.hs.tinh.moi_truc_tuyen", Decimal(500))
    store.set_text(report_id, "cddh", "Sở Nội vụ tham mưu UBND tỉnh ...")
    return store, report_id


def test_a_report_saved_on_the_server_comes_back_whole_over_a_new_connection(
        store: ReportStore, postgres_head_url: str) -> None:
    report = sample_report()
    report_id = store.save_report(report)
    store.database.close()
    again = ReportStore(open_server(parse_server(postgres_head_url)))
    try:
        assert again.database.current_revision() == head_revision()
        assert again.load_report(report_id) == report
    finally:
        again.database.close()


def test_the_history_filter_runs_on_the_server(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_value(report_id, "cddh.kh.tong", Decimal(70))
    store.set_value(report_id, "cddh.kh.tong", Decimal(71))
    log = ChangeLog(store.database, report_id).of_field("cddh.kh.tong", ["value"])
    ids = log.ids()
    assert [(c.old, c.new) for c in log.changes(ids)] == [("66", "70"), ("70", "71")]
    assert [c.new for c in log.changes(log.ids("71", lambda c: c.new or ""))] == ["71"]


def test_a_unit_another_writer_just_added_is_a_conflict_not_a_crash(store: ReportStore) -> None:
    with store.database.session() as session:
        session.add(UnitRow(code="xa-a", name="UBND xã A", level="xa"))
    with pytest.raises(ConflictingWriteError, match="vừa được một chương trình khác ghi"), \
            store.database.session() as session:
        session.add(UnitRow(code="xa-a", name="UBND xã A", level="xa"))


def test_restore_points_are_refused_on_a_server_in_vietnamese(store: ReportStore) -> None:
    from cchc_desktop.addresses import ServerOnlyFileError
    with pytest.raises(ServerOnlyFileError, match="chỉ làm được với tệp dữ liệu SQLite"):
        _ = store.database.path
    assert store.database.checkpoint() is True, "no WAL of ours to fold back on a server"
