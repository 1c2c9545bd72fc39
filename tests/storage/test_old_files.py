"""Data files made by earlier versions open in this one, upgraded, with nothing lost.

tests/data/datafiles/schema-NNNN.sqlite3 was written by the app when NNNN was its newest
schema revision (own unit, the sample report, two edits in the history; from 0007 on, two
consolidations too) by scripts/make_old_datafile.py. Add one for every new revision.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA

from cchc_desktop.storage.database import Database, head_revision
from cchc_desktop.storage.repository import ReportStore

OLD_FILES = sorted((DATA / "datafiles").glob("schema-*.sqlite3"))


@pytest.mark.parametrize("old_file", OLD_FILES, ids=lambda p: p.stem)
def test_old_data_file_opens_upgraded_with_its_data(old_file: Path, tmp_path: Path) -> None:
    path = tmp_path / old_file.name
    shutil.copy(old_file, path)
    database = Database.open(path)
    assert database.current_revision() == head_revision()
    store = ReportStore(database)
    own = store.own_unit()
    assert own is not None and own.name == "Ủy ban nhân dân xã Mỹ An"
    report_id = store.find_report_id("xa-my-an", 2026, "Q1")
    assert report_id is not None
    report = store.load_report(report_id)
    assert report.values["cddh.kh.hoan_thanh"] == Decimal(43)
    assert report.values["tcc.dtc.giai_ngan"] == Decimal("2987.455")
    assert len(report.texts) == 10
    assert [c.new for c in store.history(report_id, "cddh.kh.hoan_thanh")] == ["43"]
    # The upgraded file works with this version's features.
    store.set_comparison(report_id, "previous", "Năm 2025", {"cddh.kh.tong": Decimal(60)})
    assert store.comparison(report_id, "previous") == ("Năm 2025", {"cddh.kh.tong": Decimal(60)})


def test_there_is_an_old_file_for_every_revision_but_the_newest() -> None:
    from cchc_desktop.storage.database import known_revisions

    covered = {p.stem.removeprefix("schema-") for p in OLD_FILES}
    assert covered == known_revisions() - {head_revision()}
