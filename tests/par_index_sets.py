"""A small, complete criteria set of our own (not a province's) for the PAR-index tests.

Its points are made up for the tests; the shipped set is checked as it is shipped.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ON_TIME = "tthc.hs.xa.ty_le_dung_han"

_SET: dict[str, Any] = {
    "id": "thu-2026",
    "province": "Tỉnh Thử",
    "decision": {"number": "1/QĐ-UBND", "date": "2026-01-15",
                 "title": "Quyết định phê duyệt Bộ chỉ số CCHC cấp xã (tệp thử)"},
    "year": 2026,
    "level": "xa",
    "template": "cchc-2021",
    "complete": True,
    "fields": [
        {"code": "1", "title": "Công tác chỉ đạo, điều hành", "max_points": 6, "criteria": [
            {"code": "1.1", "title": "Ban hành kế hoạch CCHC năm", "max_points": 2,
             "evidence_required": True, "scoring": {"kind": "yes_no"}},
            {"code": "1.2", "title": "Mức độ thực hiện kế hoạch", "max_points": 4,
             "sub_criteria": [
                 {"code": "1.2.1", "title": "Hoàn thành kế hoạch", "max_points": 2.5,
                  "evidence_required": True,
                  "scoring": {"kind": "scale", "levels": [
                      {"code": "du", "label": "Hoàn thành 100%", "points": 2.5},
                      {"code": "phan", "label": "Từ 80% đến dưới 100%", "points": 1.25},
                      {"code": "khong", "label": "Dưới 80%", "points": 0}]}},
                 {"code": "1.2.2", "title": "Báo cáo CCHC đúng hạn", "max_points": 1.5,
                  "scoring": {"kind": "yes_no"}}]}]},
        {"code": "2", "title": "Cải cách thủ tục hành chính", "max_points": 4, "criteria": [
            {"code": "2.1", "title": "Tỷ lệ hồ sơ giải quyết đúng hạn", "max_points": 4,
             "evidence_required": True,
             "scoring": {"kind": "computed", "source": ON_TIME, "bands": [
                 {"from_percent": 95, "points": 2},
                 {"from_percent": 100, "points": 4},
                 {"from_percent": 98, "points": 3}]}}]},
    ],
}


def criteria_data() -> dict[str, Any]:
    """A fresh copy of the set, to break one thing in."""
    return copy.deepcopy(_SET)


def write_set(folder: Path, data: dict[str, Any], name: str = "thu-2026.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
