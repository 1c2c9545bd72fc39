"""Whether a report file belongs to the unit it is imported for: by code, not by spelling.

Two official codes decide alone. A code derived from a typed name (data files and
report files made before the official list) matches an official code when the typed
name resolves to that official unit, and matches another derived code when the two
names are spellings of one body ("UBND xã Mỹ An" and "Ủy ban nhân dân xã Mỹ An").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cchc_desktop.domain.admin_units import is_official_code, resolve_name
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.unit_names import derive_unit_code, same_unit_name
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _


class UnitMismatchError(ReportError):
    """A report file of another unit than the one it is imported for."""

    def __init__(self, expected: Unit, incoming: Unit, source: str = "") -> None:
        # `source` says what was read, as the sentence's subject: "Tệp q1.json", "Báo cáo Quý I".
        if source:
            message = _("{source} là báo cáo của {other} (mã {other_code}), không phải của "
                        "{unit} (mã {code}).")
        else:
            message = _("Báo cáo của {other} (mã {other_code}), không phải của {unit} (mã {code}).")
        super().__init__(message.format(source=source, other=incoming.name, other_code=incoming.code,
                                        unit=expected.name, code=expected.code))
        self.expected = expected
        self.incoming = incoming


def _resolves_to(legacy: Unit, official_code: str) -> bool:
    candidates = resolve_name(legacy.name, level=legacy.level or None, parent=legacy.parent)
    return official_code in {unit.code for unit in candidates}


def same_unit(expected: Unit, incoming: Unit, aliases: Iterable[str] = ()) -> bool:
    """True when `incoming` is the unit `expected` (whose older codes are `aliases`)."""
    if incoming.code == expected.code or incoming.code in set(aliases):
        return True
    if expected.level and incoming.level and expected.level != incoming.level:
        return False
    official_expected, official_incoming = is_official_code(expected.code), is_official_code(incoming.code)
    if official_expected and official_incoming:
        return False
    if official_expected:
        return _resolves_to(incoming, expected.code)
    if official_incoming:
        return _resolves_to(expected, incoming.code)
    return (same_unit_name(expected.name, incoming.name)
            or derive_unit_code(expected.name) == derive_unit_code(incoming.name))


def match_report_unit(expected: Unit, incoming: Unit, *, aliases: Iterable[str] = (),
                      source: str = "") -> None:
    """Raise UnitMismatchError, naming both units and their codes, unless they are one."""
    if not same_unit(expected, incoming, aliases):
        raise UnitMismatchError(expected, incoming, source)


def find_unit(incoming: Unit, units: Sequence[Unit],
              aliases: Mapping[str, Iterable[str]] | None = None) -> Unit | None:
    """The unit of `units` that `incoming` is: its code first, then the same unit by name."""
    aliases = aliases or {}
    for unit in units:
        if unit.code == incoming.code or incoming.code in set(aliases.get(unit.code, ())):
            return unit
    matches = [unit for unit in units if same_unit(unit, incoming)]
    return matches[0] if len(matches) == 1 else None
