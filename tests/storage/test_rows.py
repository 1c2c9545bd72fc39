"""rows: reports between the data file's rows and the domain, both ways.

fill_row writes every column and list of a report, report_from_row reads them back; a
stored value outside the number domain or a rich narrative of the wrong shape is set
aside, never a crash; editable_row refuses a report that is missing or locked.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report
from sqlalchemy import select

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import (
    IssuedDocument,
    Proposal,
    Report,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskOrigin,
    TaskStatus,
    UnreadableField,
)
from cchc_desktop.domain.rich_text import Paragraph, RichText, Run
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import ExtraFigureRow, ReportRow
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.rows import (
    WHOLE_REPORT,
    editable_row,
    fill_row,
    read_extra_figures,
    report_from_row,
)

DATA = Path(__file__).parents[1] / "data"
COUNT = "cddh.kh.tong"


def _full_report() -> Report:
    report = replace(
        sample_report(),
        extra_figures=[ExtraFigure("tthc", "tk", "Số tài khoản", "tài khoản", Decimal("12.5")),
                       ExtraFigure("tthc", "dung", "Số dùng", "tài khoản", Decimal(10)),
                       ExtraFigure("tthc", "tl", "Tỷ lệ", "%", None, ("dung", "tk"))],
        targets={"cddh.kh.ty_le_hoan_thanh": Decimal("90.5")},
        tasks=[Task("Thứ ba", TaskStatus.DONE, TaskOrigin.PREVIOUS), Task("Thứ nhất"),
               Task("Thứ hai", TaskStatus.IN_PROGRESS)],
        proposals=[Proposal("xã", "huyện", "b"), Proposal("xã", "tỉnh", "a")],
        documents=[IssuedDocument("20/KH-UBND", dt.date(2026, 1, 5), "Kế hoạch", "tc"),
                   IssuedDocument("1/QĐ", None, "Quyết định")],
        subunits=[SubunitSubmission("b", "Thôn B", "thon", dt.datetime(2026, 3, 1, 8, 0),
                                    SubmissionStatus.LATE),
                  SubunitSubmission("a", "Thôn A", "thon", None, SubmissionStatus.MISSING)],
        recipients=["UBND huyện", "Lưu: VT"])
    report.set_narrative("tc", RichText((Paragraph((Run("Đậm", True, False),)),)))
    return report


def _row(store: ReportStore, report_id: int) -> Report:
    with store.database.session() as session:
        row = session.scalars(select(ReportRow).options(*WHOLE_REPORT)
                              .where(ReportRow.id == report_id)).one()
        return report_from_row(row)


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def test_a_report_written_by_fill_row_reads_back_whole_in_its_order(store: ReportStore) -> None:
    report = _full_report()
    report_id = store.save_report(report)
    store.database.close()
    again = _row(ReportStore(Database.open(store.database.path)), report_id)
    assert again == report
    assert [t.text for t in again.tasks] == ["Thứ ba", "Thứ nhất", "Thứ hai"]
    assert again.extra_figures[2].rate_of == ("dung", "tk")
    assert isinstance(again.rich["tc"], RichText) and not again.rich["tc"].is_plain()
    assert again.unreadable == []


def test_fill_row_replaces_every_list_of_the_row(store: ReportStore) -> None:
    report_id = store.save_report(_full_report())
    emptied = replace(sample_report(), values={COUNT: Decimal(7)}, extra_figures=[], tasks=[],
                      proposals=[], documents=[], subunits=[], targets={}, texts={}, rich={},
                      notes={}, recipients=[])
    with store.database.session() as session:
        row = session.get(ReportRow, report_id)
        assert row is not None
        fill_row(row, emptied)
    again = _row(store, report_id)
    assert again.values == {COUNT: Decimal(7)}
    assert (again.tasks, again.proposals, again.documents, again.subunits, again.extra_figures,
            again.targets, again.texts, again.rich, again.recipients) == ([], [], [], [], [], {},
                                                                         {}, {}, [])


def test_values_another_tool_wrote_outside_the_domain_are_set_aside(tmp_path: Path) -> None:
    # the previous schema had no trigger on the values: what another tool could leave there
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0005.sqlite3", path)
    with sqlite3.connect(path) as connection:
        [(report_id,)] = connection.execute("SELECT id FROM reports").fetchall()
        connection.execute("UPDATE report_values SET value = 'NaN' WHERE code = ?", (COUNT,))
        connection.execute("INSERT INTO report_targets (report_id, code, value) VALUES (?, ?, ?)",
                           (report_id, "cddh.kh.ty_le_hoan_thanh", "150"))
        connection.execute("UPDATE reports SET revision = 123456")
    store = ReportStore(Database.open(path))
    report = _row(store, report_id)
    assert COUNT not in report.values and report.revision == 0
    assert "cddh.kh.ty_le_hoan_thanh" not in report.targets
    assert [(u.kind, u.code, u.stored) for u in report.unreadable] == [
        ("value", COUNT, "NaN"), ("target", "cddh.kh.ty_le_hoan_thanh", "150"),
        ("revision", "", "123456")]
    assert all(isinstance(u, UnreadableField) and u.reason for u in report.unreadable)


def test_a_rich_narrative_of_the_wrong_shape_falls_back_to_its_plain_text(
        store: ReportStore) -> None:
    report_id = store.save_report(_full_report())
    store.database.close()
    with sqlite3.connect(store.database.path) as connection:
        connection.execute("UPDATE report_texts SET content = ? WHERE section_id = 'tc'",
                           ('{"blocks": [{"kind": "khong-co"}]}',))
    report = _row(ReportStore(Database.open(store.database.path)), report_id)
    assert "tc" not in report.rich
    assert report.texts["tc"] == _full_report().texts["tc"]


def test_an_extra_figure_value_outside_the_domain_reads_as_not_entered() -> None:
    rows = [ExtraFigureRow(position=0, section_id="tc", key="k", label="Số", unit="",
                           value=Decimal("1e999999999"), numerator="", denominator=""),
            ExtraFigureRow(position=1, section_id="tc", key="r", label="Tỷ lệ", unit="%",
                           value=None, numerator="k", denominator="")]
    figures = read_extra_figures(rows)
    assert figures[0].value is None
    assert figures[1].rate_of is None      # a rate needs both of its figures


def test_editable_row_refuses_a_missing_report(store: ReportStore) -> None:
    with store.database.session() as session, pytest.raises(ReportError, match="số 999"):
        editable_row(session, 999)


def test_editable_row_refuses_a_final_report_and_stamps_an_editable_one(
        store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    with store.database.session() as session:
        row = session.get(ReportRow, report_id)
        assert row is not None
        before = row.updated_at
    with store.database.session() as session:
        assert editable_row(session, report_id).updated_at >= before
    with sqlite3.connect(store.database.path) as connection:
        connection.execute("UPDATE reports SET status = 'final' WHERE id = ?", (report_id,))
    with store.database.session() as session, pytest.raises(ReportLockedError):
        editable_row(session, report_id)
