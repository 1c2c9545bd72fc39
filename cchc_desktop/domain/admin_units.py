"""The official list of administrative units (provinces, districts, communes) and their codes.

Read from `resources/units/admin_units.json.gz` (made by scripts/build_admin_units.py
from the statistics office's list): the 34 provinces and 3,321 communes in force since
01/07/2025, and the 63 provinces with their districts and communes for earlier periods.

A code is the unit's identity across both lists, as the statistics office keeps it: a
commune formed in 2025 carries the code of one of the communes it merged, so the code
of a unit stays while its name may change. Every look-up therefore takes the day the
name is wanted for; without one, today's list comes first.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.unit_names import derive_unit_code, fold, normalise_name, same_unit_name
from cchc_desktop.i18n import _
from cchc_desktop.paths import resources_dir

# kind code -> (label as a name starts with it, level)
KINDS: dict[str, tuple[str, str]] = {
    "tinh": ("Tỉnh", "tinh"),
    "thanh_pho_tw": ("Thành phố", "tinh"),
    "huyen": ("Huyện", "huyen"),
    "quan": ("Quận", "huyen"),
    "thi_xa": ("Thị xã", "huyen"),
    "thanh_pho": ("Thành phố", "huyen"),
    "xa": ("Xã", "xa"),
    "phuong": ("Phường", "xa"),
    "dac_khu": ("Đặc khu", "xa"),
    "thi_tran": ("Thị trấn", "xa"),
}
_BODY_PREFIX = normalise_name("ủy ban nhân dân") + " "
_KIND_WORDS = sorted({fold(label) for label, _level in KINDS.values()}, key=len, reverse=True)


@dataclass(frozen=True)
class AdminUnit:
    """One unit of the official list, in the list of one period."""

    code: str
    name: str                 # "Mỹ An"
    kind: str                 # "xa", "phuong", "dac_khu", "tinh", "huyen", ...
    parent_code: str          # the province of a commune today; its district before 07/2025
    list_id: str              # "2025-07" or "2025-01"
    province_code: str
    province_name: str        # "Tây Ninh"

    @property
    def level(self) -> str:
        return KINDS[self.kind][1]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def full_name(self) -> str:
        """'Xã Mỹ An', 'Thành phố Hà Nội'."""
        return f"{self.kind_label} {self.name}"

    @property
    def body_name(self) -> str:
        """The people's committee of the unit: 'Ủy ban nhân dân xã Mỹ An'."""
        return f"Ủy ban nhân dân {self.kind_label.lower()} {self.name}"

    @property
    def is_current(self) -> bool:
        return self.list_id == CURRENT_LIST


@dataclass
class AdminList:
    """The units in force for a span of dates."""

    id: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    package_version: str
    data_version: str
    units: dict[str, AdminUnit] = field(default_factory=dict)
    children: dict[str, list[AdminUnit]] = field(default_factory=dict)
    keys: dict[str, tuple[str, str, str]] = field(default_factory=dict)   # code -> search keys

    def in_force_on(self, day: dt.date) -> bool:
        return ((self.valid_from is None or day >= self.valid_from)
                and (self.valid_until is None or day <= self.valid_until))

    def descendants(self, code: str) -> list[AdminUnit]:
        found: list[AdminUnit] = []
        for child in self.children.get(code, []):
            found.append(child)
            found += self.descendants(child.code)
        return found


CURRENT_LIST = "2025-07"


@dataclass
class AdminCatalogue:
    lists: list[AdminList]
    source: dict[str, Any]

    def list_on(self, day: dt.date | None = None) -> AdminList:
        if day is not None:
            for item in self.lists:
                if item.in_force_on(day):
                    return item
        return self.current

    @property
    def current(self) -> AdminList:
        return next(item for item in self.lists if item.id == CURRENT_LIST)

    def ordered(self, day: dt.date | None) -> list[AdminList]:
        """The list in force on `day` first, then the others."""
        first = self.list_on(day)
        return [first] + [item for item in self.lists if item is not first]


def _date(raw: Any) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def parse_catalogue(data: Any) -> AdminCatalogue:
    lists = []
    try:
        for raw in data["lists"]:
            admin = AdminList(str(raw["id"]), _date(raw.get("from")), _date(raw.get("until")),
                              str(raw.get("package_version", "")), str(raw.get("data_version", "")))
            rows = {row[0]: row for row in raw["units"]}

            def province_of(code: str, rows: dict[str, list[str]] = rows) -> str:
                while rows[code][3]:
                    code = rows[code][3]
                return code

            for code, name, kind, parent in raw["units"]:
                if kind not in KINDS:
                    raise TemplateError(_("Danh mục đơn vị hành chính: loại {kind} không biết.").format(
                        kind=kind))
                province = province_of(code)
                unit = AdminUnit(code, name, kind, parent, admin.id, province, rows[province][1])
                admin.units[code] = unit
                admin.children.setdefault(parent, []).append(unit)
                admin.keys[code] = (fold(name), fold(unit.full_name), normalise_name(unit.full_name))
            lists.append(admin)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise TemplateError(_("Danh mục đơn vị hành chính sai cấu trúc ({detail}).").format(
            detail=exc)) from exc
    return AdminCatalogue(lists, dict(data.get("source", {})))


@cache
def catalogue() -> AdminCatalogue:
    """The shipped list, read once (about 0.2 s) on first use."""
    path = resources_dir() / "units" / "admin_units.json.gz"
    try:
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(_("Không đọc được danh mục đơn vị hành chính {path}: {detail}").format(
            path=path.name, detail=exc)) from exc
    return parse_catalogue(data)


def _sorted(units: Iterable[AdminUnit]) -> list[AdminUnit]:
    return sorted(units, key=lambda u: (fold(u.name), u.code))


def provinces(on: dt.date | None = None) -> list[AdminUnit]:
    """The provinces in force on `on` (63 before 07/2025, 34 since), by name."""
    return _sorted(catalogue().list_on(on).children.get("", []))


def districts(province_code: str, on: dt.date | None = None) -> list[AdminUnit]:
    """The districts of a province; empty for a day on or after 01/07/2025 (no districts)."""
    admin = catalogue().list_on(on)
    return _sorted(u for u in admin.children.get(province_code, []) if u.level == "huyen")


def communes(parent_code: str, on: dt.date | None = None) -> list[AdminUnit]:
    """The communes, wards and special zones under a province (or, before 07/2025, a district)."""
    admin = catalogue().list_on(on)
    return _sorted(u for u in admin.descendants(parent_code) if u.level == "xa")


def official_unit(code: str, on: dt.date | None = None) -> AdminUnit | None:
    """The unit of an official code, named as on `on` (the list in force then, else the other)."""
    for admin in catalogue().ordered(on):
        found = admin.units.get(code.strip())
        if found is not None:
            return found
    return None


def is_official_code(code: str) -> bool:
    return code.isdigit() and official_unit(code) is not None


def _query_forms(query: str) -> list[str]:
    """The folded query, and without 'ubnd' or the kind word in front ('xa my an' -> 'my an')."""
    text = fold(normalise_name(query))
    forms = [text]
    for prefix in ("uy ban nhan dan ",):
        if text.startswith(prefix):
            text = text[len(prefix):]
            forms.append(text)
    for word in _KIND_WORDS:
        if text.startswith(word + " "):
            forms.append(text[len(word) + 1:])
            break
    return [form for form in forms if form]


def search(query: str, within: str | None = None, *, on: dt.date | None = None,
           level: str | None = None, limit: int = 50) -> list[AdminUnit]:
    """Units whose name matches `query`, accents and case optional ('my an' finds 'Mỹ An').

    `within` keeps the units under a province (or a district); `level` keeps one level.
    The closest first: the exact name, then names starting with the query, then names
    holding every word of it.
    """
    admin = catalogue().list_on(on)
    pool: Iterable[AdminUnit] = (admin.descendants(within) if within else admin.units.values())
    forms = _query_forms(query)
    if not forms:
        return _sorted(u for u in pool if level is None or u.level == level)[:limit]
    words = forms[-1].split()
    ranked: list[tuple[int, str, str, AdminUnit]] = []
    for unit in pool:
        if level is not None and unit.level != level:
            continue
        short, full, _normal = admin.keys[unit.code]
        # The query as typed ("thi tran my an") before the query without its kind word.
        if full == forms[0]:
            rank = 0
        elif short in forms or full in forms:
            rank = 1
        elif full.startswith(forms[0]):
            rank = 2
        elif any(short.startswith(f) or full.startswith(f) for f in forms):
            rank = 3
        elif all(re.search(rf"\b{re.escape(w)}", short) for w in words):
            rank = 4
        elif any(f in full for f in forms):
            rank = 5
        else:
            continue
        ranked.append((rank, short, unit.code, unit))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def _bare(name: str) -> str:
    """The normalised name without 'ủy ban nhân dân' in front: the unit, not its committee."""
    text = normalise_name(name)
    return text[len(_BODY_PREFIX):] if text.startswith(_BODY_PREFIX) else text


def units_named_in(text: str, *, levels: Iterable[str] = ("tinh", "huyen"),
                   on: dt.date | None = None) -> list[AdminUnit]:
    """Official units whose full name appears in `text` ('Ủy ban nhân dân tỉnh Đồng Tháp')."""
    normal = normalise_name(text)
    wanted = set(levels)
    found = []
    for admin in catalogue().ordered(on)[:1]:
        for unit in admin.units.values():
            if unit.level not in wanted:
                continue
            if re.search(rf"(?:^|\s){re.escape(admin.keys[unit.code][2])}(?:$|\s|,)", normal):
                found.append(unit)
    return found


def resolve_name(name: str, *, level: str | None = None, parent: str = "",
                 on: dt.date | None = None, lists: Sequence[str] | None = None) -> list[AdminUnit]:
    """The official units a typed name can be: same name (however spelled), same level,
    and in the province named by `parent` when it names one. Several means ask the clerk."""
    bare = _bare(name)
    found: list[AdminUnit] = []
    for admin in catalogue().ordered(on):
        if lists is not None and admin.id not in lists:
            continue
        matches = [u for u in admin.units.values()
                   if admin.keys[u.code][2] == bare and (level is None or u.level == level)]
        if parent and matches:
            named = {u.code for u in units_named_in(parent, on=admin.valid_from or admin.valid_until)}
            inside = [u for u in matches if u.province_code in named or u.parent_code in named]
            named_provinces = [c for c in named if len(c) == 2]
            if named_provinces or inside:
                matches = inside
        found += matches
    return found


__all__ = [
    "KINDS",
    "AdminCatalogue",
    "AdminUnit",
    "catalogue",
    "communes",
    "derive_unit_code",
    "districts",
    "is_official_code",
    "official_unit",
    "provinces",
    "resolve_name",
    "same_unit_name",
    "search",
    "units_named_in",
]
