"""storage/unit_codes.py: a unit whose code was made from its typed name gets its official
code when name, level and province decide it (the old code kept), is left 'unresolved' for
the clerk when they do not, and a body not in the list (a department) keeps its own.

Beside tests/storage/test_official_unit_codes.py, which runs migration 0004 on a data file
of schema 0003 and settles its units through the store: here decide(), the data step on a
file of today's schema, and settle_unit_code's refusals.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import UnitRow
from cchc_desktop.storage.unit_codes import (
    DERIVED,
    OFFICIAL,
    UNRESOLVED,
    candidates_for,
    decide,
    looks_administrative,
    settle_unit_code,
    unresolved_units,
    upgrade_connection,
)

TAY_NINH, DONG_THAP = "UBND tỉnh Tây Ninh", "Ủy ban nhân dân tỉnh Đồng Tháp"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data file at the current schema, made once: each test works on a copy."""
    path = tmp_path_factory.mktemp("unit_codes") / "empty.sqlite3"
    Database.open(path).close()
    return path


@pytest.fixture
def database(migrated: Path, data_file: Path) -> Database:
    shutil.copy(migrated, data_file)
    return Database.open(data_file)


def _units(database: Database) -> dict[str, tuple[str, str, str]]:
    with database.session() as session:
        return {row.name: (row.code, row.legacy_code, row.code_status)
                for row in session.scalars(select(UnitRow).order_by(UnitRow.id))}


def _add(database: Database, *units: tuple[str, str, str, str]) -> None:
    with database.session() as session:
        session.add_all(UnitRow(code=code, name=name, level=level, parent_name=parent)
                        for code, name, level, parent in units)


def test_the_name_level_and_province_decide_the_official_code() -> None:
    assert decide("UBND xã Mỹ An", "xa", TAY_NINH) == ("28066", OFFICIAL)
    assert decide("Phòng Nội vụ", "huyen", "") == (None, DERIVED)
    assert decide("Ủy ban nhân dân xã Bình An", "xa", "") == (None, UNRESOLVED)
    assert len(candidates_for("Ủy ban nhân dân xã Bình An", "xa", "")) > 1
    assert looks_administrative("Thành phố Huế") and not looks_administrative("Phòng Nội vụ")


def test_the_periods_of_the_units_reports_choose_the_list() -> None:
    # Đồng Tháp's Xã Mỹ An was merged away on 1 July 2025: its reports before then find it.
    before, after = dt.date(2025, 6, 30), dt.date(2026, 3, 31)
    assert decide("Ủy ban nhân dân xã Mỹ An", "xa", DONG_THAP, [before]) == ("30064", OFFICIAL)
    assert decide("Ủy ban nhân dân xã Mỹ An", "xa", DONG_THAP, [after]) == (None, UNRESOLVED)
    found = candidates_for("Ủy ban nhân dân xã Mỹ An", "xa", DONG_THAP, [before, after])
    assert [(u.code, u.list_id) for u in found] == [("30064", "2025-01")]


def test_the_data_step_gives_codes_once_and_asks_for_the_rest(database: Database) -> None:
    _add(database, ("xa-my-an", "UBND xã Mỹ An", "xa", TAY_NINH),
         ("xa-my-an-2", "Ủy ban nhân dân xã Mỹ An", "xa", TAY_NINH),     # the same unit again
         ("phong-noi-vu", "Phòng Nội vụ", "huyen", ""),
         ("29869", "Phường Cao Lãnh", "xa", DONG_THAP))
    with database.engine.begin() as connection:
        upgrade_connection(connection)
    assert _units(database) == {
        "UBND xã Mỹ An": ("28066", "xa-my-an", OFFICIAL),
        "Ủy ban nhân dân xã Mỹ An": ("xa-my-an-2", "", UNRESOLVED),
        "Phòng Nội vụ": ("phong-noi-vu", "", DERIVED),
        "Phường Cao Lãnh": ("29869", "", OFFICIAL),
    }
    [left] = unresolved_units(database)
    assert left.code == "xa-my-an-2"
    assert [c.code for c in left.candidates] == ["28066"]


def test_a_unit_no_province_has_is_offered_the_whole_countrys(database: Database) -> None:
    _add(database, ("xa-binh-an", "Ủy ban nhân dân xã Bình An", "xa", "Tỉnh Không Có"))
    with database.engine.begin() as connection:
        upgrade_connection(connection)
    [left] = unresolved_units(database)
    assert left.name == "Ủy ban nhân dân xã Bình An" and len(left.candidates) > 1
    assert {c.name for c in left.candidates} == {"Bình An"}
    assert len({c.province_code for c in left.candidates}) > 1


def test_settling_a_code_refuses_what_would_lose_a_unit(database: Database) -> None:
    _add(database, ("xa-my-an", "UBND xã Mỹ An", "xa", TAY_NINH),
         ("28066", "Xã Mỹ An", "xa", TAY_NINH))
    before = _units(database)
    with pytest.raises(KnownError) as unknown:
        settle_unit_code(database, "xa-khong-co", "28066")
    assert unknown.value.message == "Không có đơn vị mã xa-khong-co trong tệp dữ liệu."
    with pytest.raises(KnownError, match=r"^Mã 99999 không có trong danh mục đơn vị hành chính"):
        settle_unit_code(database, "xa-my-an", "99999")
    with pytest.raises(KnownError) as taken:
        settle_unit_code(database, "xa-my-an", "28066")
    assert taken.value.message == "Mã 28066 đã là mã của Xã Mỹ An trong tệp dữ liệu."
    assert _units(database) == before
    settle_unit_code(database, "xa-my-an", None)
    assert _units(database)["UBND xã Mỹ An"] == ("xa-my-an", "", DERIVED)


def test_settling_an_official_code_keeps_the_first_old_one(database: Database) -> None:
    _add(database, ("xa-my-an", "UBND xã Mỹ An", "xa", DONG_THAP))
    settle_unit_code(database, "xa-my-an", "30064")
    settle_unit_code(database, "30064", "28066")        # the clerk picks again
    assert _units(database) == {"UBND xã Mỹ An": ("28066", "xa-my-an", OFFICIAL)}
