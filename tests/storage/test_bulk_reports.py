"""Reports inserted at once (a consolidation's new files) are the rows save_report writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from factories import sample_report
from sqlalchemy import select

from cchc_desktop.domain.report import (
    IssuedDocument,
    Proposal,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskStatus,
)
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.bulk_reports import NewReport, insert_reports
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import (
    DocumentRow,
    NoteRow,
    ProposalRow,
    ReportRow,
    SubunitRow,
    TargetRow,
    TaskRow,
    TextRow,
    ValueRow,
)
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.units import unit_row

# What differs between two rows by nature: their keys and when they were written.
_OWN = {"id", "report_id", "unit_id", "created_at", "updated_at"}
_TABLES = (ReportRow, ValueRow, NoteRow, TextRow, TargetRow, TaskRow, ProposalRow, DocumentRow,
           SubunitRow)


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def _every_column(store: ReportStore, report_id: int) -> dict[str, list[dict[str, Any]]]:
    found = {}
    with store.database.session() as session:
        for model in _TABLES:
            table = model.__table__
            key = table.c.id if model is ReportRow else table.c.report_id
            rows = session.execute(select(table).where(key == report_id)).mappings()
            found[table.name] = sorted(
                ({k: v for k, v in row.items() if k not in _OWN} for row in rows), key=repr)
    return found


def test_a_report_inserted_in_bulk_has_every_column_save_report_writes(store: ReportStore) -> None:
    report = replace(
        sample_report(), notes={"cddh.kh.tong": "Giải trình."}, targets={"cddh.kh.tong": Decimal(50)},
        tasks=[Task("Rà soát thủ tục", TaskStatus.DONE)], proposals=[Proposal("Xã", "Tỉnh", "Cấp kinh phí")],
        documents=[IssuedDocument("20/KH-UBND", dt.date(2026, 1, 5), "Kế hoạch CCHC", "cddh")],
        subunits=[SubunitSubmission("thon-1", "Thôn 1", "thon", dt.datetime(2026, 3, 2, 8),
                                    SubmissionStatus.ON_TIME)],
        recipients=["UBND huyện"])
    saved = store.save_report(report)
    with store.database.session() as session:
        row = session.get(ReportRow, saved)
        assert row is not None
        received, name, digest = dt.datetime(2026, 3, 3, 9), "xa.json", "ab" * 32
        row.received_at, row.source_name, row.source_sha256 = received, name, digest
        other = Unit("xa-khac", report.unit.name, report.unit.level, report.unit.parent)
        # The same report of another unit, inserted in bulk: the unit's row is the difference.
        [bulk] = insert_reports(session, [NewReport(unit_row(session, other).id,
                                                    replace(report, unit=other), received, name,
                                                    digest)])
    ours, theirs = _every_column(store, saved), _every_column(store, bulk)
    assert all(ours[table] for table in ours), "every table has a row to compare"
    assert ours == theirs
    assert store.load_report(bulk) == replace(report, unit=other)
