"""The units of a data file: its own unit (with the settings its reports start from) and the
subordinate units it consolidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc_desktop.domain.admin_units import is_official_code
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL
from cchc_desktop.domain.template import TemplateRegistry
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.text_limits import check_lengths
from cchc_desktop.i18n import _
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import UnitRow
from cchc_desktop.storage.unit_codes import UnresolvedUnit, settle_unit_code, unresolved_units


@dataclass(frozen=True)
class OwnUnit:
    """The unit this data file belongs to, with the settings its reports start from."""

    code: str
    name: str
    level: str
    kind: str = ""
    parent: str = ""
    place: str = ""
    doc_symbol: str = DEFAULT_DOC_SYMBOL
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    superior_email: str = ""

    @property
    def unit(self) -> Unit:
        return Unit(self.code, self.name, self.level, self.parent)


_SETTINGS = ("code", "name", "level", "kind", "place", "doc_symbol", "signer_authority",
             "signer_title", "signer_name", "superior_email")


class StorePart:
    """What every part of the store (storage/repository.py) works with."""

    database: Database
    registry: TemplateRegistry


class UnitsPart(StorePart):
    def own_unit(self) -> OwnUnit | None:
        with self.database.session() as session:
            row = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            return _own_from_row(row) if row else None

    def save_own_unit(self, own: OwnUnit) -> None:
        # The unit's name, place, symbol and signer go into every report it starts.
        check_lengths({"unit.code": own.code, "unit.name": own.name, "unit.parent": own.parent,
                       "document.place": own.place, "document.symbol": own.doc_symbol,
                       "signer.authority": own.signer_authority, "signer.title": own.signer_title,
                       "signer.name": own.signer_name})
        with self.database.session() as session:
            row = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if row is None:
                row = session.scalars(select(UnitRow).where(UnitRow.code == own.code)).first()
            if row is None:
                row = UnitRow(code=own.code, name=own.name, level=own.level, is_own=True)
                session.add(row)
            row.is_own = True
            row.superior_id = None
            if row.code != own.code and not row.legacy_code:
                # Picked from the official list: files made under the old code still match.
                row.legacy_code = row.code
            if is_official_code(own.code):
                row.code_status = "official"
            elif own.code != row.code:
                row.code_status = "derived"
            for attribute in _SETTINGS:
                setattr(row, attribute, getattr(own, attribute))
            row.parent_name = own.parent

    def subordinate_units(self, *, include_inactive: bool = False) -> list[Unit]:
        with self.database.session() as session:
            query = select(UnitRow).where(UnitRow.superior_id.is_not(None))
            if not include_inactive:
                query = query.where(UnitRow.active)
            return [Unit(r.code, r.name, r.level, r.parent_name)
                    for r in session.scalars(query.order_by(UnitRow.id))]

    def set_subordinate_units(self, units: Sequence[Unit]) -> None:
        """Replace the list of subordinate units; units dropped from it stay, inactive,
        so that their past reports keep their unit."""
        for unit in units:
            check_lengths({"unit.code": unit.code, "unit.name": unit.name, "unit.parent": unit.parent})
        with self.database.session() as session:
            own = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if own is None:
                raise KnownError(_("Hãy khai báo đơn vị của mình trước."))
            if any(unit.code == own.code for unit in units):
                # Taken as a subordinate, the own unit's row would get its name and level.
                raise KnownError(_("Mã {code} đã là mã của {name} trong tệp dữ liệu.").format(
                    code=own.code, name=own.name))
            existing = {r.code: r for r in session.scalars(
                select(UnitRow).where(UnitRow.superior_id == own.id))}
            wanted = {u.code for u in units}
            for unit in units:
                row = existing.get(unit.code) or session.scalars(
                    select(UnitRow).where(UnitRow.code == unit.code)).first()
                if row is None:
                    row = UnitRow(code=unit.code, name=unit.name, level=unit.level)
                    session.add(row)
                row.name, row.level, row.superior_id, row.active = unit.name, unit.level, own.id, True
                row.parent_name = unit.parent or own.name
            for code, row in existing.items():
                if code not in wanted:
                    row.active = False

    def unit_aliases(self) -> dict[str, list[str]]:
        """Older codes of the units of this file (made from typed names), by current code."""
        with self.database.session() as session:
            return {row.code: [row.legacy_code] for row in session.scalars(
                select(UnitRow).where(UnitRow.legacy_code != ""))}

    def unresolved_units(self) -> list[UnresolvedUnit]:
        """Units whose official code the upgrade could not decide, with their candidates."""
        return unresolved_units(self.database)

    def settle_unit_code(self, code: str, official_code: str | None) -> None:
        """The clerk picked the official unit (or kept the unit's own code, with None)."""
        settle_unit_code(self.database, code, official_code)


def unit_row(session: Session, unit: Unit) -> UnitRow:
    """The unit's row, added if the data file does not have it yet."""
    row = session.scalars(select(UnitRow).where(UnitRow.code == unit.code)).first()
    if row is None:
        row = UnitRow(code=unit.code, name=unit.name, level=unit.level, parent_name=unit.parent)
        session.add(row)
        session.flush()
    return row


def _own_from_row(row: UnitRow) -> OwnUnit:
    return OwnUnit(row.code, row.name, row.level, row.kind, row.parent_name, row.place,
                   row.doc_symbol, row.signer_authority, row.signer_title, row.signer_name,
                   row.superior_email)
