"""The usual recipients of a unit's report, from `resources/units/recipients.yaml`.

Which bodies a commune, a department or a district sends its CCHC report to is data,
like the levels: the lists carry placeholders ("Sở Nội vụ {province}") filled from the
unit's name and its superior's name. A placeholder the names do not tell (a commune of
the three-level years whose superior is a district) is shown as "..." for the clerk.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _
from cchc_desktop.paths import resources_dir

UNKNOWN = "..."
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class RecipientList:
    level: str
    recipients: tuple[str, ...]
    name_starts: str = ""

    def fits(self, unit: Unit) -> bool:
        return unit.level == self.level and (
            not self.name_starts or _nfc(unit.name).casefold().startswith(self.name_starts.casefold()))


@dataclass(frozen=True)
class RecipientCatalogue:
    lists: tuple[RecipientList, ...]
    party: dict[str, dict[str, str]]   # level -> kind of area as named -> its Party committee
    cities: tuple[str, ...]            # centrally-run cities: "thành phố X" is then a province


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_recipient_catalogue(data: Any, source: str = "recipients.yaml") -> RecipientCatalogue:
    try:
        lists = tuple(RecipientList(str(raw["level"]), tuple(_nfc(str(r)) for r in raw["recipients"]),
                                    _nfc(str(raw.get("name_starts", ""))))
                      for raw in data["lists"])
        party = {str(level): {_nfc(str(k)): _nfc(str(v)) for k, v in kinds.items()}
                 for level, kinds in data["party"].items()}
        cities = tuple(_nfc(str(city)) for city in data.get("cities", []))
    except (KeyError, TypeError, AttributeError) as exc:
        raise TemplateError(_("Tệp nơi nhận {source} sai cấu trúc ({detail}).").format(
            source=source, detail=exc)) from exc
    return RecipientCatalogue(lists, party, cities)


@cache
def recipient_catalogue() -> RecipientCatalogue:
    """The lists shipped with the app."""
    path: Path = resources_dir() / "units" / "recipients.yaml"
    return parse_recipient_catalogue(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def _area(text: str, kinds: dict[str, str]) -> tuple[str, str] | None:
    """("xã", "xã Mỹ An") from "Ủy ban nhân dân xã Mỹ An", for the kinds of one level."""
    text = " ".join(_nfc(text).split())
    for kind in sorted(kinds, key=len, reverse=True):   # "thị xã" before "xã"
        match = re.search(rf"(?<!\w){re.escape(kind)}\s+(\S.*)$", text, re.IGNORECASE)
        if match:
            return kind, f"{kind} {match[1]}"
    return None


def _province(unit: Unit, catalogue: RecipientCatalogue) -> str | None:
    kinds = catalogue.party.get("tinh", {})
    texts = [unit.name, unit.parent] if unit.level == "tinh" else [unit.parent]
    for text in texts:
        found = _area(text, kinds)
        if found is None:
            continue
        kind, area = found
        name = area[len(kind):].strip()
        if kind != "thành phố" or name in catalogue.cities:
            return area
    return None


def placeholders(unit: Unit, catalogue: RecipientCatalogue | None = None) -> dict[str, str]:
    """The values of {province}, {unit}, {kind} and {party} the unit's names tell."""
    catalogue = catalogue or recipient_catalogue()
    values: dict[str, str] = {}
    if province := _province(unit, catalogue):
        values["province"] = province
    kinds = catalogue.party.get(unit.level, {})
    found = _area(unit.name, kinds) or (_area(unit.parent, kinds) if unit.level == "tinh" else None)
    if found:
        kind, area = found
        values.update(kind=kind, unit=area, party=kinds[kind])
    return values


def usual_recipients(unit: Unit, catalogue: RecipientCatalogue | None = None) -> list[str]:
    """The usual recipients of the unit's report, placeholders filled ("..." where unknown)."""
    catalogue = catalogue or recipient_catalogue()
    values = placeholders(unit, catalogue)
    for recipients in catalogue.lists:
        if recipients.fits(unit):
            return [_PLACEHOLDER.sub(lambda m: values.get(m[1], UNKNOWN), line)
                    for line in recipients.recipients]
    return []
