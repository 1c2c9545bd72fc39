"""The JSON exchange file: strict reading, lossless writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import sample_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.json_format import dumps, loads, read_report, report_schema, write_report


def _sample_dict(sample_path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(sample_path.read_text("utf-8"))


def test_round_trip_loses_nothing(tmp_path: Path) -> None:
    report = sample_report()
    out = tmp_path / "out.json"
    write_report(report, template(), out)
    again, _template = read_report(out)
    assert again == report
    assert dumps(again, template()) == out.read_text("utf-8")


def test_money_keeps_every_decimal(sample_path: Path) -> None:
    report, _t = read_report(sample_path)
    assert str(report.values["tcc.dtc.giai_ngan"]) == "2987.455"
    data = json.loads(dumps(report, template()))
    assert data["values"]["tcc.dtc.giai_ngan"] == "2987.455"
    assert data["values"]["cddh.kh.tong"] == 66


def test_missing_codes_mean_not_entered(sample_path: Path) -> None:
    data = _sample_dict(sample_path)
    del data["values"]["cddh.kh.tong"]
    report, _t = loads(json.dumps(data))
    assert "cddh.kh.tong" not in report.values


def test_bare_template_id_means_newest_version(sample_path: Path) -> None:
    report, tmpl = read_report(sample_path)
    assert report.template_ref == tmpl.ref == "cchc-2021@1"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["values"].update({"cddh.kh.khong_co": 3, "tthc.zzz": 1}),
     "mã chỉ tiêu không có trong mẫu cchc-2021@1: cddh.kh.khong_co, tthc.zzz"),
    (lambda d: d["values"].update({"cddh.kh.tong": -1}), "không được âm"),
    (lambda d: d["values"].update({"cddh.kh.tong": "12.5"}), "phải là số nguyên"),
    (lambda d: d["values"].update({"cddh.kh.ty_le_hoan_thanh": 50}), "tính tự động"),
    (lambda d: d["values"].update({"cddh.hai_long": "120"}), "không vượt quá 100"),
    (lambda d: d["values"].update({"tcc.dtc.ke_hoach": "1.23456"}), "quá 3 chữ số"),
    (lambda d: d["values"].update({"cddh.kh.tong": "nhiều"}), "values/cddh.kh.tong"),
    (lambda d: d.update({"template": "cchc-1999"}), "Không có mẫu báo cáo 'cchc-1999'"),
    (lambda d: d.update({"template": "cchc-2021@7"}), "không có phiên bản 7"),
    (lambda d: d.update({"format": "something-else"}), "format"),
    (lambda d: d["texts"].update({"muc_la": "..."}), "mục không có trong mẫu"),
    (lambda d: d["period"].update({"start": "2026-31-12"}), "không đúng dạng"),
    (lambda d: d["unit"].update({"level": "thon"}), "cấp 'thon'"),
    (lambda d: d.pop("unit"), "thiếu trường bắt buộc 'unit' (đơn vị)"),
])
def test_bad_content_is_refused_with_a_clear_message(sample_path: Path, change, expected: str,  # type: ignore[no-untyped-def]
                                                     ) -> None:
    data = _sample_dict(sample_path)
    change(data)
    with pytest.raises(ReportError) as caught:
        loads(json.dumps(data, ensure_ascii=False), "bao-cao.json")
    assert expected in caught.value.message
    assert "bao-cao.json" in caught.value.message


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "không phải là JSON"),
    (b'{"format": "cchc-report", ', "không phải là JSON"),
    (b"\xff\xfe\x00garbage", "không phải văn bản UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "JSON"),
    (b"PK\x03\x04 not a json", "không phải là JSON"),
])
def test_malformed_files_are_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "hong.json"
    path.write_bytes(content)
    with pytest.raises(ReportError, match=expected) as caught:
        read_report(path)
    assert "hong.json" in caught.value.message


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import cchc_desktop.exchange.json_format as module

    monkeypatch.setattr(module, "MAX_FILE_BYTES", 100)
    path = tmp_path / "lon.json"
    path.write_text(" " * 200)
    with pytest.raises(ReportError, match="quá lớn"):
        read_report(path)


def test_documented_schema_is_the_shipped_one() -> None:
    documented = Path(__file__).parents[2] / "docs" / "cchc-report.schema.json"
    assert json.loads(documented.read_text("utf-8")) == report_schema()


def test_adhoc_report_with_dates_reads_and_without_is_refused(sample_path: Path) -> None:
    data = _sample_dict(sample_path)
    data["period"] = {"year": 2026, "kind": "ADHOC", "start": "2026-02-01", "end": "2026-02-20"}
    report, _t = loads(json.dumps(data))
    assert report.period.deadline.isoformat() == "2026-02-20"
    data["period"] = {"year": 2026, "kind": "ADHOC", "start": "2026-02-21", "end": "2026-02-20"}
    with pytest.raises(ReportError, match="trước ngày bắt đầu"):
        loads(json.dumps(data))
    data["period"] = {"year": 2026, "kind": "ADHOC"}
    with pytest.raises(ReportError, match="đột xuất cần ngày"):
        loads(json.dumps(data))
