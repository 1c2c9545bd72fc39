"""Units of local government and the level structures they belong to, read from data.

Which levels exist and which level consolidates which is not written in code: it comes
from `resources/units/levels.yaml`, so the two-level structure of today and the
three-level one of earlier periods live side by side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.template_cache import TemplateCache, shipped_yaml
from cchc_desktop.i18n import Language, _, spoken_language
from cchc_desktop.paths import resources_dir


@dataclass(frozen=True)
class Text:
    """A label in Vietnamese with its English translation.

    `str()` is the label in the UI's language; a document asks for its own with `render`.
    """

    vi: str
    en: str = ""

    def render(self, language: Language) -> str:
        """The label in `language`: the English one when asked for and given, else Vietnamese."""
        if language.code == "en" and self.en:
            return self.en
        return self.vi

    def __str__(self) -> str:
        return self.render(spoken_language())


def text_of(raw: Any) -> Text:
    """A label as data files write it: a plain string, or {vi: ..., en: ...}."""
    if isinstance(raw, dict):
        return Text(str(raw.get("vi", "")), str(raw.get("en", "")))
    return Text(str(raw or ""))


@dataclass(frozen=True)
class Level:
    code: str
    label: Text
    kinds: tuple[Text, ...]
    # The last day of each kind (None: still in use); thị trấn ended with the districts.
    kinds_until: tuple[dt.date | None, ...] = ()

    def kinds_on(self, day: dt.date) -> tuple[Text, ...]:
        """The kinds of unit of this level that exist on `day`."""
        ends = self.kinds_until or (None,) * len(self.kinds)
        return tuple(kind for kind, until in zip(self.kinds, ends, strict=True)
                     if until is None or day <= until)


@dataclass(frozen=True)
class Structure:
    """One arrangement of levels in force for a span of dates, highest level first."""

    id: str
    label: Text
    chain: tuple[str, ...]
    valid_from: dt.date | None
    valid_until: dt.date | None

    def in_force_on(self, day: dt.date) -> bool:
        after_start = self.valid_from is None or day >= self.valid_from
        before_end = self.valid_until is None or day <= self.valid_until
        return after_start and before_end

    def superior_of(self, level: str) -> str | None:
        if level not in self.chain:
            return None
        index = self.chain.index(level)
        return self.chain[index - 1] if index > 0 else None


@dataclass(frozen=True)
class Unit:
    """A reporting unit as it appears in a report: code, name, level and superior body."""

    code: str
    name: str
    level: str
    parent: str = ""


@dataclass(frozen=True)
class LevelCatalogue:
    levels: dict[str, Level]
    structures: tuple[Structure, ...]

    def structure_on(self, day: dt.date) -> Structure:
        for structure in self.structures:
            if structure.in_force_on(day):
                return structure
        raise TemplateError(_("Không có cơ cấu cấp hành chính nào áp dụng cho ngày {day}.").format(
            day=day.isoformat()))

    def levels_on(self, day: dt.date) -> tuple[str, ...]:
        return self.structure_on(day).chain

    def can_consolidate(self, superior: str, subordinate: str, day: dt.date) -> bool:
        """True when a unit of level `superior` consolidates `subordinate` on `day`.

        A province's department consolidates communes today; before 07/2025 a
        district consolidated its communes and the province its districts.
        """
        return self.structure_on(day).superior_of(subordinate) == superior

    def label(self, level: str, language: Language | None = None) -> str:
        """The level's name ('Cấp xã') in `language`, by default the UI's."""
        found = self.levels.get(level)
        if found is None:
            return level
        return found.label.render(language) if language is not None else str(found.label)


def _text(raw: Any, where: str) -> Text:
    if isinstance(raw, str):
        return Text(raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("vi"), str):
        raise TemplateError(_("Thiếu nhãn tiếng Việt tại {where}.").format(where=where))
    return Text(raw["vi"], str(raw.get("en", "")))


def _until(raw: Any) -> dt.date | None:
    until = raw.get("until") if isinstance(raw, dict) else None
    if until is not None and not isinstance(until, dt.date):
        raise TypeError(f"until: {until!r} is not a date")
    return until


def parse_levels(data: Any, source: str = "levels.yaml") -> LevelCatalogue:
    try:
        levels = {
            code: Level(code, _text(raw["label"], f"{source}: {code}"),
                        tuple(_text(kind, f"{source}: {code}") for kind in raw.get("kinds", [])),
                        tuple(_until(kind) for kind in raw.get("kinds", [])))
            for code, raw in data["levels"].items()
        }
        structures = []
        for raw in data["structures"]:
            chain = tuple(raw["chain"])
            unknown = [level for level in chain if level not in levels]
            if unknown:
                raise TemplateError(_("{source}: cấp không khai báo: {codes}.").format(
                    source=source, codes=", ".join(unknown)))
            structures.append(Structure(str(raw["id"]), _text(raw["label"], source), chain,
                                        raw.get("from"), raw.get("until")))
    except (KeyError, TypeError, AttributeError) as exc:
        raise TemplateError(_("Tệp cấp hành chính {source} sai cấu trúc ({detail}).").format(
            source=source, detail=exc)) from exc
    return LevelCatalogue(levels, tuple(structures))


@cache
def level_catalogue() -> LevelCatalogue:
    """The level structures shipped with the app."""
    path: Path = resources_dir() / "units" / "levels.yaml"
    return parse_levels(shipped_yaml(path, TemplateCache.default()), path.name)
