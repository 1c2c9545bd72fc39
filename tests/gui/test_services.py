"""gui/services.py: what the dialogs ask of the data file beyond the open report, with no widget
and no Qt. UnitSettings keeps the own unit, its subordinate units and the settings; a
Consolidation gives one consolidating report's board and rates (the province's rate from the
sums) and writes the board, never over the data file; a MailOutbox keeps the mail account
(checked before it is saved) and says what is due.

Beside tests/gui/test_first_run.py and test_setup_dialog.py (the unit's dialogs over
UnitSettings), tests/gui/test_unit_board_dialog.py and test_consolidation_dialog.py (the
board and the consolidation in the window) and tests/gui/test_outbox_window.py (the outbox);
here the objects alone, on real data files.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.gui.services import Consolidation, MailOutbox, UnitSettings
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import make_report, records, template

TOTAL = "Sở Nội vụ tỉnh Thử (tổng các đơn vị)"
ON_TIME = "tthc.hs.tong.ty_le_dung_han"
COMMUNES = [Unit("xa-an-binh", "UBND xã An Bình", "xa"), Unit("xa-my-hoa", "UBND xã Mỹ Hòa", "xa"),
            Unit("xa-tan-thanh", "UBND xã Tân Thạnh", "xa")]


@pytest.fixture
def province(store: ReportStore, tmp_path: Path) -> Consolidation:
    """A province's Quý III report summing two communes' files: on time 180/200 = 90% and
    15/20 = 75% (below the 90% target); the third commune sent nothing."""
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                parent="Ủy ban nhân dân tỉnh Thử"))
    store.set_subordinate_units(COMMUNES)
    report_id = store.create_report(2026, "Q3")
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    for unit, figures in ((COMMUNES[0], records(online=100, in_person=100, early=150, on_time=30,
                                                late=20)),
                          (COMMUNES[1], records(online=20, early=10, on_time=5, late=5))):
        report = make_report(figures, unit=unit, year=2026, kind="Q3",
                             document=DocumentInfo(number="3", date=dt.date(2026, 9, 18)))
        write_report(report, template(), inbox / f"{unit.code}.json")
    consolidation = Consolidation(store, report_id)
    preview = consolidation.prepare([inbox])
    assert not preview.refused, preview.refused
    consolidation.apply(preview, replace_codes=set(), visible_choices={})
    return consolidation


def test_the_own_unit_and_its_subordinates_are_kept_in_the_data_file(store, db_path) -> None:  # type: ignore[no-untyped-def]
    units = UnitSettings(store)
    assert units.own_unit() is None
    own = units.make_own_unit(code="snv-dong-thap", name="Sở Nội vụ tỉnh Đồng Tháp", level="tinh",
                              kind="Sở", signer_name="Nguyễn Thị Hồng")
    units.save_own_unit(own)
    units.set_subordinate_units([Unit("29869", "Ủy ban nhân dân phường Cao Lãnh", "xa"),
                                 Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa")])
    again = UnitSettings(store).own_unit()
    assert again is not None
    assert (again.code, again.name, again.kind, again.signer_name) == (
        "snv-dong-thap", "Sở Nội vụ tỉnh Đồng Tháp", "Sở", "Nguyễn Thị Hồng")
    assert [(u.code, u.name) for u in units.subordinate_units()] == [
        ("29869", "Ủy ban nhân dân phường Cao Lãnh"), ("xa-my-an", "Ủy ban nhân dân xã Mỹ An")]
    assert units.unresolved_units() == []
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT name FROM units WHERE code = 'snv-dong-thap'"
                                  ).fetchall() == [("Sở Nội vụ tỉnh Đồng Tháp",)]


def test_a_setting_has_its_default_until_set(store) -> None:  # type: ignore[no-untyped-def]
    units = UnitSettings(store)
    assert units.setting("language", "vi") == "vi"
    units.set_setting("language", "en")
    assert units.setting("language", "vi") == "en"
    assert UnitSettings(store).setting("language") == "en", "in the data file, not the object"


def test_the_board_sums_the_units_figures_for_the_provinces_rate(province) -> None:  # type: ignore[no-untyped-def]
    rows = province.board()
    assert [row.unit.name for row in rows] == ["UBND xã An Bình", "UBND xã Mỹ Hòa",
                                               "UBND xã Tân Thạnh"]
    assert [row.report is not None for row in rows] == [True, True, False]
    board = province.rate_board(rows)
    assert board.total.name() == TOTAL
    on_time = board.total.rates[ON_TIME]
    assert (on_time.text(), on_time.fraction()) == ("88,64% ▼", "195/220")  # not the mean 82,50%
    assert [line.rates[ON_TIME].text() for line in board.lines] == ["90,00%", "75,00% ▼", "—"]
    assert province.report().period.label == "Quý III năm 2026"
    assert province.board_file_name("xlsx") == "BANG-TY-LE_snv-thu_2026-Q3.xlsx"


def test_the_board_is_written_as_a_workbook_never_over_the_data_file(  # type: ignore[no-untyped-def]
        province, db_path: Path, tmp_path: Path) -> None:
    board = province.rate_board()
    before = db_path.read_bytes()
    with pytest.raises(KnownError):
        province.write_board(board, "xlsx", db_path)
    assert db_path.read_bytes() == before
    out = tmp_path / "bang-ty-le.xlsx"
    province.write_board(board, "xlsx", out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    names = [row[1] for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert names[-1] == TOTAL and "UBND xã Mỹ Hòa" in names


def test_the_mail_account_is_checked_before_it_is_kept(store) -> None:  # type: ignore[no-untyped-def]
    outbox = MailOutbox(store)
    assert outbox.sends, "a local data file sends its own mail"
    assert outbox.account() == MailAccount()
    with pytest.raises(KnownError) as refused:
        outbox.save_account(MailAccount(host="máy chủ thư", sender="vanthu@myan.gov.vn"))
    assert refused.value.message == "Máy chủ thư (SMTP) không hợp lệ: máy chủ thư."
    assert outbox.account() == MailAccount(), "nothing kept"
    outbox.save_account(MailAccount(host=" smtp.dongthap.gov.vn ", port=465, security="ssl",
                                    sender="vanthu@myan.gov.vn"))
    kept = MailOutbox(store).account()
    assert (kept.host, kept.port, kept.security, kept.sender) == (
        "smtp.dongthap.gov.vn", 465, "ssl", "vanthu@myan.gov.vn")


def test_an_empty_outbox_has_nothing_due(store) -> None:  # type: ignore[no-untyped-def]
    outbox = MailOutbox(store)
    assert outbox.items() == []
    assert not outbox.due()
    assert outbox.recover_interrupted() == 0
