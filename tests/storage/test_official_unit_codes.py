"""Migration 0004: units of older data files get their official code when the name decides it.

The data file is the app's own of schema 0003 (tests/data/datafiles/schema-0003.sqlite3),
with units written the way clerks typed them before the official list.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from factories import DATA, make_report, records, template

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.imports.previous import prepare_previous_import
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

COLUMNS = ("code, name, level, kind, parent_name, is_own, superior_id, active, place, doc_symbol, "
           "signer_authority, signer_title, signer_name, superior_email, created_at")


def _old_file(tmp_path: Path, own_name: str, own_parent: str, others: list[tuple[str, str, str, str]]
              ) -> Path:
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0003.sqlite3", path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        connection.execute("UPDATE units SET name = ?, parent_name = ? WHERE is_own",
                           (own_name, own_parent))
        for code, name, level, parent in others:
            connection.execute(
                f"INSERT INTO units ({COLUMNS}) VALUES (?, ?, ?, '', ?, 0, 1, 1, '', '', '', '', '', '', "
                "'2026-01-01 00:00:00')", (code, name, level, parent))
    connection.close()
    return path


def _units(path: Path) -> dict[str, tuple[str, str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, code, legacy_code, code_status FROM units").fetchall()
    connection.close()
    return {name: (code, legacy, status) for name, code, legacy, status in rows}


def test_upgrade_gives_official_codes_and_keeps_the_old_ones(tmp_path: Path) -> None:
    path = _old_file(tmp_path, "UBND xã Mỹ An", "UBND tỉnh Tây Ninh", [
        ("phong-noi-vu", "Phòng Nội vụ", "huyen", ""),
        ("xa-binh-an", "Ủy ban nhân dân xã Bình An", "xa", ""),
        ("phuong-cao-lanh", "Ủy ban nhân dân phường Cao Lãnh", "xa", "UBND tỉnh Đồng Tháp"),
    ])
    store = ReportStore(Database.open(path))
    assert _units(path) == {
        "UBND xã Mỹ An": ("28066", "xa-my-an", "official"),
        "Phòng Nội vụ": ("phong-noi-vu", "", "derived"),
        "Ủy ban nhân dân xã Bình An": ("xa-binh-an", "", "unresolved"),
        "Ủy ban nhân dân phường Cao Lãnh": ("29869", "phuong-cao-lanh", "official"),
    }
    own = store.own_unit()
    assert own is not None and own.code == "28066"
    [summary] = store.list_reports()
    assert summary.unit_code == "28066", "the reports follow their unit"
    assert store.unit_aliases() == {"28066": ["xa-my-an"], "29869": ["phuong-cao-lanh"]}

    # A report file made before the upgrade carries the old code and still imports.
    report_id = store.create_report(2026, "H1")
    old = tmp_path / "quy-1.json"
    write_report(make_report(records(pending=4), unit=Unit("xa-my-an", "UBND xã Mỹ An", "xa"),
                             year=2026, kind="Q1"), template(), old)
    prepare_previous_import(store, report_id, old)


def test_units_it_cannot_decide_are_listed_with_their_candidates(tmp_path: Path) -> None:
    # No Xã Mỹ An in Đồng Tháp since 07/2025 (the report of the file is of 2026).
    path = _old_file(tmp_path, "Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân tỉnh Đồng Tháp", [
        ("xa-binh-an", "Ủy ban nhân dân xã Bình An", "xa", "")])
    store = ReportStore(Database.open(path))
    unresolved = {u.name: u for u in store.unresolved_units()}
    assert set(unresolved) == {"Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân xã Bình An"}
    my_an = unresolved["Ủy ban nhân dân xã Mỹ An"]
    assert my_an.code == "xa-my-an"
    # Đồng Tháp had a Xã Mỹ An before 07/2025; the clerk chooses.
    assert ("30064", "Đồng Tháp") in {(c.code, c.province_name) for c in my_an.candidates}
    assert len(unresolved["Ủy ban nhân dân xã Bình An"].candidates) > 1

    with pytest.raises(KnownError, match="không có trong danh mục"):
        store.settle_unit_code("xa-my-an", "99999")
    store.settle_unit_code("xa-my-an", "28066")
    store.settle_unit_code("xa-binh-an", None)
    assert store.unresolved_units() == []
    assert store.own_unit().code == "28066"  # type: ignore[union-attr]
    assert store.unit_aliases() == {"28066": ["xa-my-an"]}
    with pytest.raises(KnownError, match="đã là mã của"):
        store.settle_unit_code("xa-binh-an", "28066")


def test_downgrade_gives_back_the_old_codes(tmp_path: Path) -> None:
    from alembic import command

    from cchc_desktop.storage.database import alembic_config

    path = _old_file(tmp_path, "UBND xã Mỹ An", "UBND tỉnh Tây Ninh", [])
    database = Database.open(path)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    database.engine.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT code FROM units").fetchall() == [("xa-my-an",)]
    connection.close()
