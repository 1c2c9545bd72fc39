"""Reading a PAR-index criteria file into a checked CriteriaSet: YAML, the schema, the sums.

The file comes from a province or a clerk, so it is read as any outside file is
(bounded, regular files only: cchc_desktop.reading) and parsed with a safe YAML loader,
then checked against resources/par_index/criteria.schema.json (the shape) and here (what
a schema cannot say: codes used once, sub-criteria within their criterion's points,
criteria within their field's, levels and bands within the maximum, computed criteria
naming a rate the report template has).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import CriteriaError, TemplateError
from cchc_desktop.domain.field_kinds import IndicatorKind
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.par_index import (
    Band,
    CriteriaSet,
    Criterion,
    Decision,
    Field,
    Level,
    Scoring,
    ScoringKind,
)
from cchc_desktop.domain.schema_errors import describe
from cchc_desktop.domain.template import Indicator, TemplateRegistry, shipped_templates
from cchc_desktop.domain.template_cache import parse_yaml
from cchc_desktop.i18n import _
from cchc_desktop.paths import par_index_dir
from cchc_desktop.reading import MAX_CRITERIA_BYTES, read_input_bytes

__all__ = ["check_criteria_schema", "load_criteria_file", "parse_criteria",
           "shipped_criteria_files"]
_SCHEMA_FILE = "criteria.schema.json"


def _points(raw: Any) -> Decimal:
    # str() first: YAML gives 0.1 as a float, whose exact binary value is not 0.1
    return Decimal(str(raw))


def _shown(value: Decimal) -> str:
    return format_number(value, 2)


class _Builder:
    """Turns the parsed YAML of one criteria file into a checked CriteriaSet."""

    def __init__(self, data: dict[str, Any], source: str,
                 indicators: Mapping[str, Indicator]) -> None:
        self.data = data
        self.source = source
        self.indicators = indicators
        self.codes: set[str] = set()

    def fail(self, message: str) -> CriteriaError:
        return CriteriaError(_("Bộ chỉ số CCHC {source} không hợp lệ: {message}").format(
            source=self.source, message=message))

    def build(self) -> CriteriaSet:
        data = self.data
        complete = bool(data["complete"])
        field_codes: set[str] = set()
        fields = []
        for raw in data["fields"]:
            if raw["code"] in field_codes:
                raise self.fail(_("lĩnh vực mã {code} khai báo hai lần.").format(code=raw["code"]))
            field_codes.add(raw["code"])
            fields.append(self._field(raw, complete))
        return CriteriaSet(
            id=data["id"], province=data["province"], decision=self._decision(data["decision"]),
            year=int(data["year"]), level=data["level"], template=data["template"],
            complete=complete, note=data.get("note", ""), fields=tuple(fields))

    def _decision(self, raw: dict[str, Any]) -> Decision:
        date = None
        if raw.get("date"):
            try:
                date = dt.date.fromisoformat(raw["date"])
            except ValueError as exc:
                raise self.fail(_("ngày của quyết định '{date}' không có thật.").format(
                    date=raw["date"])) from exc
        return Decision(number=raw["number"], title=raw["title"].strip(), date=date,
                        source=raw.get("source", ""), note=raw.get("note", ""))

    def _field(self, raw: dict[str, Any], complete: bool) -> Field:
        criteria = tuple(self._criterion(item) for item in raw["criteria"])
        max_points = _points(raw["max_points"]) if "max_points" in raw else None
        if complete and (max_points is None or not criteria):
            raise self.fail(_("bộ chỉ số ghi là đầy đủ (complete: true) nhưng lĩnh vực {code} "
                              "thiếu điểm tối đa hoặc không có tiêu chí nào.").format(
                code=raw["code"]))
        if max_points is not None:
            total = sum((c.max_points for c in criteria), Decimal(0))
            if total > max_points:
                raise self.fail(_("các tiêu chí của lĩnh vực {code} cộng lại {total} điểm, quá "
                                  "điểm tối đa của lĩnh vực ({maximum} điểm).").format(
                    code=raw["code"], total=_shown(total), maximum=_shown(max_points)))
        return Field(raw["code"], raw["title"], max_points, criteria)

    def _claim(self, code: str) -> None:
        if code in self.codes:
            raise self.fail(_("mã tiêu chí {code} khai báo hai lần.").format(code=code))
        self.codes.add(code)

    def _criterion(self, raw: dict[str, Any]) -> Criterion:
        code = raw["code"]
        self._claim(code)
        max_points = _points(raw["max_points"])
        evidence = bool(raw.get("evidence_required", False))
        if "sub_criteria" in raw:
            subs = tuple(self._criterion(item) for item in raw["sub_criteria"])
            total = sum((s.max_points for s in subs), Decimal(0))
            if total > max_points:
                raise self.fail(_("các tiêu chí thành phần của {code} cộng lại {total} điểm, quá "
                                  "điểm tối đa của tiêu chí ({maximum} điểm).").format(
                    code=code, total=_shown(total), maximum=_shown(max_points)))
            return Criterion(code, raw["title"], max_points, evidence, None, subs)
        return Criterion(code, raw["title"], max_points, evidence,
                         self._scoring(raw["scoring"], code, max_points))

    def _scoring(self, raw: dict[str, Any], code: str, max_points: Decimal) -> Scoring:
        kind = ScoringKind(raw["kind"])
        if kind is ScoringKind.YES_NO:
            return Scoring(kind)
        if kind is ScoringKind.SCALE:
            levels = tuple(Level(item["code"], item["label"], _points(item["points"]))
                           for item in raw["levels"])
            seen: set[str] = set()
            for level in levels:
                if level.code in seen:
                    raise self.fail(_("tiêu chí {code} có hai mức cùng mã {level}.").format(
                        code=code, level=level.code))
                seen.add(level.code)
                self._within(code, level.points, max_points)
            return Scoring(kind, levels=levels)
        source = raw["source"]
        indicator = self.indicators.get(source)
        if indicator is None:
            raise self.fail(_("tiêu chí {code} lấy số từ chỉ tiêu {source}, nhưng mẫu báo cáo "
                              "{template} không có chỉ tiêu này.").format(
                code=code, source=source, template=self.data["template"]))
        if indicator.kind is not IndicatorKind.RATE:
            raise self.fail(_("tiêu chí {code} chấm theo tỷ lệ phần trăm, nhưng chỉ tiêu {source} "
                              "không phải một tỷ lệ.").format(code=code, source=source))
        bands = sorted((Band(_points(item["from_percent"]), _points(item["points"]))
                        for item in raw["bands"]), key=lambda b: b.from_percent, reverse=True)
        for higher, lower in itertools.pairwise(bands):
            if higher.from_percent == lower.from_percent:
                raise self.fail(_("tiêu chí {code} có hai khoảng cùng bắt đầu từ {percent}%.").format(
                    code=code, percent=_shown(higher.from_percent)))
        for band in bands:
            self._within(code, band.points, max_points)
        return Scoring(kind, source=source, bands=tuple(bands))

    def _within(self, code: str, points: Decimal, max_points: Decimal) -> None:
        if points > max_points:
            raise self.fail(_("tiêu chí {code} cho {points} điểm ở một mức, quá điểm tối đa "
                              "({maximum} điểm).").format(
                code=code, points=_shown(points), maximum=_shown(max_points)))


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((par_index_dir() / _SCHEMA_FILE).read_bytes())
    return loaded


def check_criteria_schema(data: Any, source: str) -> None:
    """Refuse parsed criteria data the schema does not allow, naming the first place."""
    import jsonschema  # start-up: only when a criteria file is read

    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        raise CriteriaError(_("Bộ chỉ số CCHC {source} không hợp lệ tại {detail}").format(
            source=source, detail=describe(errors[0], data)))


def _dates_as_text(data: Any) -> Any:
    """An unquoted YAML date (2025-09-08) read as the text the schema expects."""
    if isinstance(data, dict):
        decision = data.get("decision")
        if isinstance(decision, dict) and isinstance(decision.get("date"), dt.date):
            decision["date"] = decision["date"].isoformat()
    return data


def parse_criteria(data: Any, source: str, indicators: Mapping[str, Indicator]) -> CriteriaSet:
    """Check parsed criteria data against the schema, its sums and the template's `indicators`."""
    data = _dates_as_text(data)
    check_criteria_schema(data, source)
    return _Builder(data, source, indicators).build()


def _template_indicators(data: Any, source: str,
                         templates: TemplateRegistry) -> Mapping[str, Indicator]:
    ref = data.get("template") if isinstance(data, dict) else None
    if not isinstance(ref, str):
        return {}     # the schema check names the missing field
    try:
        return templates.get(ref).indicators
    except (TemplateError, KeyError) as exc:
        raise CriteriaError(_("Bộ chỉ số CCHC {source} dùng mẫu báo cáo {template}, nhưng ứng "
                              "dụng không có mẫu này.").format(source=source, template=ref)) from exc


def load_criteria_file(path: Path, templates: TemplateRegistry | None = None) -> CriteriaSet:
    """The checked criteria set of one file (read bounded: it may come from anywhere)."""
    path = Path(path)
    raw = read_input_bytes(path, MAX_CRITERIA_BYTES)
    import yaml  # start-up: yaml only when a criteria file is read

    try:
        data = parse_yaml(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CriteriaError(_("Không đọc được bộ chỉ số CCHC {source}: {detail}").format(
            source=path.name, detail=exc)) from exc
    indicators = _template_indicators(data, path.name, templates or shipped_templates())
    return parse_criteria(data, path.name, indicators)


def shipped_criteria_files() -> list[Path]:
    """The criteria sets shipped with the app (resources/par_index/*.yaml)."""
    return sorted(par_index_dir().glob("*.yaml"))
