"""reportfiles.py promises one reader for every report file (.json exchange file or .xlsx
workbook, chosen by its suffix), a workbook's visible sheets compared with its hidden data for
the clerk to decide, and a consolidation's read (hash, time, differences, error count) as plain
picklable data for a worker process. Beside tests/exchange/ (the readers themselves) and
tests/imports/test_consolidation_isolation.py (the workers), this file asks the functions
directly with real files."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from openpyxl import load_workbook

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.workbook import DATA_SHEET
from cchc_desktop.reportfiles import (
    FileRead,
    ReadContext,
    read_for_consolidation,
    read_report_file,
    read_with_differences,
)

ONLINE = "tthc.hs.xa.moi_truc_tuyen"


def edited_workbook(folder: Path, value: object, code: str = ONLINE) -> Path:
    """A commune's workbook (66 online, 34 in person) whose visible cell of `code` was retyped."""
    report = make_report(records(online=66, in_person=34, early=100),
                         unit=Unit("xa-c", "UBND xã C", "xa"))
    path = folder / "xa-c.xlsx"
    write_workbook(build_context(report, template()), path)
    book = load_workbook(path)
    for found, sheet, cell, _written in book[DATA_SHEET].iter_rows(min_col=4, max_col=7,
                                                                   values_only=True):
        if found == code:
            book[sheet][cell] = value
    book.save(path)
    return path


def test_a_json_file_is_read_whatever_the_case_of_its_suffix(sample_path: Path,
                                                            tmp_path: Path) -> None:
    report, tpl = read_report_file(sample_path)
    assert (report.unit.code, report.period.label, tpl.ref) == (
        "xa-my-an", "Quý I năm 2026", "cchc-2021@1")
    upper = tmp_path / "XA-MY-AN.JSON"
    shutil.copy(sample_path, upper)
    assert read_report_file(upper)[0].values == report.values
    same, _tpl, differences = read_with_differences(sample_path)
    assert differences == [] and same.values == report.values


def test_another_kind_of_file_is_refused_by_name(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    shutil.copy(sample_path, path)
    with pytest.raises(ReportError) as raised:
        read_report_file(path)
    assert raised.value.message == "Tệp bao-cao.docx: chỉ đọc được tệp báo cáo .json hoặc .xlsx."


def test_a_retyped_workbook_cell_is_a_difference_and_the_hidden_data_is_the_report(
        tmp_path: Path) -> None:
    path = edited_workbook(tmp_path, 9999)
    report, tpl, [difference] = read_with_differences(path)
    assert tpl.ref.startswith("cchc-2021")
    assert report.values[ONLINE] == Decimal(66)
    assert (difference.code, difference.hidden, difference.visible) == (
        ONLINE, Decimal(66), Decimal(9999))
    assert "dữ liệu ẩn 66, trang tính 9.999" in difference.line()
    untouched_report, _tpl = read_report_file(path)      # the plain reader: hidden data
    assert untouched_report.values[ONLINE] == Decimal(66)


def test_a_consolidations_read_hashes_the_bytes_and_counts_the_errors(
        sample_path: Path, tmp_path: Path) -> None:
    read = read_for_consolidation(None, sample_path)
    assert read.sha256 == hashlib.sha256(sample_path.read_bytes()).hexdigest()
    assert read.modified == sample_path.stat().st_mtime
    assert (read.error_count, read.differences, read.signature) == (0, (), ())
    data = json.loads(sample_path.read_text("utf-8"))
    data["values"]["tthc.hs.xa.rut_tra_lai"] = 72          # 70 more than the records allow
    wrong = tmp_path / "sai.json"
    wrong.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert read_for_consolidation(ReadContext(), wrong).error_count == 1


def test_a_consolidations_read_travels_between_processes(tmp_path: Path) -> None:
    read = read_for_consolidation(None, edited_workbook(tmp_path, 9999))
    back = pickle.loads(pickle.dumps(read))
    assert isinstance(back, FileRead)
    assert back.report.values[ONLINE] == Decimal(66) and back.sha256 == read.sha256
    assert [d.visible for d in back.differences] == [Decimal(9999)]
    context = ReadContext(pinned=(("xa-c", "ab" * 32),))
    assert pickle.loads(pickle.dumps(context)) == context
    assert dict(context.policy().pinned) == {"xa-c": "ab" * 32}


def test_a_broken_package_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    package = tmp_path / "goi-xa-c.zip"
    package.write_bytes(b"PK\x05\x06" + b"\0" * 18)           # an empty zip: no manifest
    with pytest.raises(KnownError) as raised:
        read_for_consolidation(None, package)
    assert raised.value.message == "Không mở gói goi-xa-c.zip: thiếu tệp manifest.json."
    with pytest.raises(KnownError) as missing:
        read_for_consolidation(None, tmp_path / "khong-co.json")
    assert missing.value.message.startswith("Không đọc được tệp khong-co.json: không tìm thấy tệp")
