"""Formatted narratives and extra figures in the exchange file: a report that has them is a
version 2 file read back whole; a plain report stays a version 1 file with the data hash an
older version made; a hostile structure is refused with where, and nothing is read."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA, sample_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.rich_text import Cell, Footnote, Paragraph, RichText, Run, Table
from cchc_desktop.exchange.fingerprint import data_sha256
from cchc_desktop.exchange.json_format import read_report, report_from_dict, report_to_dict, write_report

RICH = RichText((
    Paragraph((Run("Đạt "), Run("90,33%", bold=True), Footnote("Theo số liệu của Trung tâm."))),
    Table((1, 3), 1, ((Cell((Run("STT"),)), Cell((Run("Nội dung"),))),
                      (Cell((Run("1"),)), Cell((Run("Đất đai", italic=True),))))),
))


def _rich_report():  # type: ignore[no-untyped-def]
    report = sample_report()
    section = next(iter(report.texts))
    report.set_narrative(section, RICH)
    report.extra_figures = [
        ExtraFigure(section, "own.tai_khoan", "Tài khoản thư công vụ", "tài khoản", Decimal(42)),
        ExtraFigure(section, "own.can_bo", "Cán bộ, công chức", "người", Decimal(50)),
        ExtraFigure(section, "own.ty_le_tk", "Tỷ lệ có tài khoản", "%", None,
                    ("own.tai_khoan", "own.can_bo"))]
    return report, section


def test_a_formatted_report_is_a_version_2_file_read_back_whole(tmp_path: Path) -> None:
    report, section = _rich_report()
    path = tmp_path / "r.json"
    write_report(report, template(), path)
    data = json.loads(path.read_text("utf-8"))
    assert data["format_version"] == 2
    assert data["rich"][section]["blocks"][1]["type"] == "table"
    again, _template = read_report(path)
    assert again.rich == {section: RICH}
    assert again.texts[section] == RICH.plain_text()
    assert again.extra_figures == report.extra_figures


def test_a_plain_report_stays_version_1_with_the_hash_an_older_version_made() -> None:
    report = sample_report()
    data = report_to_dict(report, template())
    assert data["format_version"] == 1 and "rich" not in data and "extra_figures" not in data
    old, _template = read_report(DATA / "xa-my-an-2026-Q1.json")
    assert report_to_dict(old, template())["format_version"] == 1
    assert data_sha256(old, template()) == data_sha256(report, template())


@pytest.mark.parametrize("change, message", [
    (lambda d, s: d["rich"].__setitem__(s, {"blocks": [{"type": "script"}]}), "loại khối không biết"),
    (lambda d, s: d["rich"].__setitem__("khong-co", {"blocks": []}), "mục không có"),
    (lambda d, s: d["extra_figures"][0].__setitem__("value", "1e999999"), "own.tai_khoan"),
    (lambda d, s: d["extra_figures"][0].__setitem__("key", "Có Dấu"), "key"),
])
def test_a_hostile_formatted_part_is_refused_saying_where(change, message) -> None:  # type: ignore[no-untyped-def]
    report, section = _rich_report()
    data = report_to_dict(report, template())
    change(data, section)
    with pytest.raises(ReportError, match=message):
        report_from_dict(json.loads(json.dumps(data)))
