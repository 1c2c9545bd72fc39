"""Units of older data files moved to official codes, and those left for the clerk to pick.

Before the official list a unit's code was made from its typed name. Migration 0004 gives
every unit whose name (however spelled), level and province match exactly one official
unit that unit's code and keeps the old one as `legacy_code`, so reports and files that
carry it still match. A name that is an administrative unit's but matches none or several
is marked 'unresolved' and listed here with its candidates; a body that is not in the
list (a department) keeps its code, marked 'derived'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text

from cchc_desktop.domain.admin_units import (
    CURRENT_LIST,
    AdminUnit,
    catalogue,
    is_official_code,
    official_unit,
    resolve_name,
)
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.unit_names import normalise_name
from cchc_desktop.i18n import _
from cchc_desktop.storage.models import ReportRow, UnitRow

if TYPE_CHECKING:
    from cchc_desktop.storage.database import Database

UNRESOLVED = "unresolved"
OFFICIAL = "official"
DERIVED = "derived"
SPLIT_DAY = dt.date(2025, 7, 1)

# A name that starts so is an administrative unit (or its committee), not a department.
_ADMINISTRATIVE = tuple(normalise_name(p) for p in (
    "Ủy ban nhân dân", "Xã", "Phường", "Thị trấn", "Đặc khu", "Huyện", "Quận", "Thị xã",
    "Thành phố", "Tỉnh"))


@dataclass(frozen=True)
class UnresolvedUnit:
    code: str
    name: str
    level: str
    parent: str
    candidates: list[AdminUnit]


def _lists_for(level: str, period_ends: Iterable[dt.date]) -> list[str]:
    ends = list(period_ends)
    legacy = next(item.id for item in catalogue().lists if item.id != CURRENT_LIST)
    lists = []
    if not ends or any(end >= SPLIT_DAY for end in ends):
        lists.append(CURRENT_LIST)
    if any(end < SPLIT_DAY for end in ends) or (not ends and level == "huyen"):
        lists.append(legacy)
    return lists


def _unique(units: Iterable[AdminUnit]) -> list[AdminUnit]:
    seen: dict[str, AdminUnit] = {}
    for unit in units:
        seen.setdefault(unit.code, unit)
    return list(seen.values())


def candidates_for(name: str, level: str, parent: str,
                   period_ends: Iterable[dt.date] = ()) -> list[AdminUnit]:
    """The official units a typed unit can be, in the lists its reports' periods use."""
    return _unique(resolve_name(name, level=level or None, parent=parent,
                                lists=_lists_for(level, period_ends)))


def looks_administrative(name: str) -> bool:
    return normalise_name(name).startswith(_ADMINISTRATIVE)


def decide(name: str, level: str, parent: str, period_ends: Iterable[dt.date] = (),
           ) -> tuple[str | None, str]:
    """(official code or None, code_status) for a unit with a code made from its name."""
    found = candidates_for(name, level, parent, period_ends)
    if len(found) == 1:
        return found[0].code, OFFICIAL
    if not found and not looks_administrative(name):
        return None, DERIVED
    return None, UNRESOLVED


def upgrade_connection(connection: Any) -> None:
    """Migration 0004's data step, on a SQLAlchemy connection at the new schema."""
    units = connection.execute(text(
        "SELECT id, code, name, level, parent_name FROM units")).fetchall()
    taken = {row.code for row in units}
    for row in units:
        if is_official_code(row.code):
            connection.execute(text("UPDATE units SET code_status = :s WHERE id = :id"),
                               {"s": OFFICIAL, "id": row.id})
            continue
        ends = [dt.date.fromisoformat(str(end)[:10]) for (end,) in connection.execute(text(
            'SELECT "end" FROM reports WHERE unit_id = :id'), {"id": row.id})]
        code, status = decide(row.name, row.level, row.parent_name or "", ends)
        if code is not None and code in taken:
            code, status = None, UNRESOLVED     # two units of the file would be one: ask
        if code is None:
            connection.execute(text("UPDATE units SET code_status = :s WHERE id = :id"),
                               {"s": status, "id": row.id})
            continue
        taken.add(code)
        connection.execute(text(
            "UPDATE units SET code = :code, legacy_code = :old, code_status = :s WHERE id = :id"),
            {"code": code, "old": row.code, "s": status, "id": row.id})


def unresolved_units(database: Database) -> list[UnresolvedUnit]:
    """The units the migration could not decide, each with the official units it may be.

    The candidates come from every list and, when the parent's province has none, from
    the whole country, so that the clerk always has something to choose from."""
    found = []
    with database.session() as session:
        rows = session.scalars(select(UnitRow).where(UnitRow.code_status == UNRESOLVED)
                               .order_by(UnitRow.id)).all()
        for row in rows:
            ends = [r.end for r in session.scalars(select(ReportRow).where(ReportRow.unit_id == row.id))]
            candidates = candidates_for(row.name, row.level, row.parent_name, ends)
            if not candidates:
                candidates = _unique(resolve_name(row.name, level=row.level or None,
                                                  parent=row.parent_name))
            if not candidates:
                candidates = _unique(resolve_name(row.name, level=row.level or None))
            found.append(UnresolvedUnit(row.code, row.name, row.level, row.parent_name, candidates))
    return found


def settle_unit_code(database: Database, code: str, official_code: str | None) -> None:
    """The clerk's answer for an unresolved unit: an official code, or None to keep its own."""
    with database.session() as session:
        row = session.scalars(select(UnitRow).where(UnitRow.code == code)).first()
        if row is None:
            raise KnownError(_("Không có đơn vị mã {code} trong tệp dữ liệu.").format(code=code))
        if official_code is None:
            row.code_status = DERIVED
            return
        if official_unit(official_code) is None:
            raise KnownError(_("Mã {code} không có trong danh mục đơn vị hành chính.").format(
                code=official_code))
        other = session.scalars(select(UnitRow).where(UnitRow.code == official_code)).first()
        if other is not None and other.id != row.id:
            raise KnownError(_("Mã {code} đã là mã của {name} trong tệp dữ liệu.").format(
                code=official_code, name=other.name))
        if row.code != official_code:
            row.legacy_code = row.legacy_code or row.code
            row.code = official_code
        row.code_status = OFFICIAL
