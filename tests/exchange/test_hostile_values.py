"""Crafted numbers and texts in JSON files and workbooks: refused quickly, naming the field.

Every hostile input ends in a KnownError with a Vietnamese sentence naming the field,
within a bound against hangs (2 s), never in another exception. Workbooks are real
exports whose hidden data sheet is edited: with the checksum recomputed, to reach the
check of the values, and with the old checksum, to show that the checksum refuses the file
before any value is parsed.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import DATA, sample_report, template

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.exchange.json_format import loads, read_report
from cchc_desktop.exchange.workbook import (
    DATA_SHEET,
    WorkbookChecksumError,
    _data_sheet_part,
    read_workbook,
)

SAMPLE = DATA / "xa-my-an-2026-Q1.json"
COUNT = "cddh.kh.tong"
RATE = "cddh.kh.ty_le_hoan_thanh"
BOUND_SECONDS = 2.0
MARK = "__HOSTILE__"


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text("utf-8"))
    return data


def crafted(change: Callable[[dict[str, Any]], None], raw: str | None = None) -> str:
    """The sample's JSON text after `change`; MARK (quoted) replaced by the raw token `raw`,
    which json.dumps could not write (1e999999999, NaN, a repeated key...)."""
    data = sample_data()
    change(data)
    text = json.dumps(data, ensure_ascii=False)
    if raw is not None:
        assert f'"{MARK}"' in text
        text = text.replace(f'"{MARK}"', raw)
    return text


def refused_in_time(call: Callable[[], object]) -> KnownError:
    start = time.monotonic()
    with pytest.raises(KnownError) as caught:
        call()
    elapsed = time.monotonic() - start
    assert elapsed < BOUND_SECONDS, f"{elapsed:.1f} s"
    return caught.value


def _value(data: dict[str, Any]) -> None:
    data["values"][COUNT] = MARK


def _target(data: dict[str, Any]) -> None:
    data["targets"] = {RATE: MARK}


def _revision(data: dict[str, Any]) -> None:
    data["revision"] = MARK


def _unit_name(data: dict[str, Any]) -> None:
    data["unit"]["name"] = MARK


def _unit_code(data: dict[str, Any]) -> None:
    data["unit"]["code"] = MARK


def _section_text(data: dict[str, Any]) -> None:
    first = next(iter(data["texts"]))
    data["texts"][first] = MARK


# (id, where the token goes, the raw JSON token, what the message must say)
HOSTILE_NUMBERS = [
    ("exponent-1e999999999", _value, "1e999999999", [COUNT, "quá lớn"]),
    ("exponent-1e309", _value, "1e309", [COUNT, "quá lớn"]),
    ("exponent-1e400", _value, "1e400", [COUNT, "quá lớn"]),
    ("negative-exponent", _value, "1e-999999999", [COUNT]),
    ("integer-5000-digits", _value, "7" * 5000, [COUNT, "quá lớn"]),
    ("string-5000-digits", _value, '"' + "7" * 5000 + '"', [COUNT, "quá nhiều chữ số"]),
    ("integer-16-digits", _value, "1234567890123456", [COUNT, "quá lớn"]),
    ("too-many-decimals", _value, "0.0000000000000000001", [COUNT]),
    ("nan", _value, "NaN", [COUNT, "không phải là số hữu hạn"]),
    ("infinity", _value, "Infinity", [COUNT, "không phải là số hữu hạn"]),
    ("minus-infinity", _value, "-Infinity", [COUNT, "không phải là số hữu hạn"]),
    ("target-nan", _target, "NaN", [RATE, "không phải là số hữu hạn"]),
    ("target-1e400", _target, "1e400", [RATE, "quá lớn"]),
    ("target-negative", _target, "-5", [RATE, "không được âm"]),
    ("target-over-100", _target, "150", [RATE, "không vượt quá 100"]),
    ("revision-10e20", _revision, "100000000000000000000", ["revision", "quá lớn"]),
    ("revision-negative", _revision, "-1", ["revision"]),
    ("revision-10000", _revision, "10000", ["revision", "9999"]),
    ("revision-fraction", _revision, "1.5", ["revision"]),
]

HOSTILE_TEXTS = [
    ("lone-surrogate-name", _unit_name, '"UBND x\\ud800"', ["unit/name", "nửa cặp thay thế"]),
    ("lone-surrogate-narrative", _section_text, '"Kết quả \\udfff"', ["texts/", "nửa cặp"]),
    ("nul-in-name", _unit_name, '"UBND x\\u0000"', ["unit/name", "U+0000"]),
    ("rlo-in-name", _unit_name, '"UBND x\\u202e"', ["unit/name", "U+202E"]),
    ("isolate-in-name", _unit_name, '"UBND x\\u2066"', ["unit/name", "U+2066"]),
    ("zero-width-space-in-name", _unit_name, '"Xã Mỹ An\\u200b"', ["unit/name", "U+200B"]),
    ("bom-in-code", _unit_code, '"xa-my-an\\ufeff"', ["unit/code", "U+FEFF"]),
    ("tab-in-code", _unit_code, '"xa\\tmy"', ["unit/code", "U+0009"]),
]


@pytest.mark.parametrize(("change", "raw", "said"),
                         [pytest.param(c, r, s, id=i) for i, c, r, s in HOSTILE_NUMBERS + HOSTILE_TEXTS])
def test_a_hostile_json_file_is_refused_naming_the_field(tmp_path: Path, change: Any, raw: str,
                                                         said: list[str]) -> None:
    path = tmp_path / "bao-cao.json"
    path.write_text(crafted(change, raw), "utf-8")
    error = refused_in_time(lambda: read_report(path))
    for words in said:
        assert words in error.message
    assert "bao-cao.json" in error.message


def test_a_repeated_key_is_refused_naming_it() -> None:
    text = crafted(_value, "5").replace(f'"{COUNT}": 5', f'"{COUNT}": 5, "{COUNT}": 66')
    error = refused_in_time(lambda: loads(text, "x.json"))
    assert f"khóa '{COUNT}' xuất hiện nhiều lần" in error.message
    top = crafted(lambda d: None).replace('"format_version": 1', '"format_version": 1, "revision": 1, '
                                           '"revision": 2', 1)
    assert "khóa 'revision' xuất hiện nhiều lần" in refused_in_time(lambda: loads(top)).message


def test_keys_equal_after_nfc_are_one_key_twice() -> None:
    def change(data: dict[str, Any]) -> None:
        data["recipients"] = []
        data["notes"] = {"ghi\u0301": "một", "gh\u00ed": "hai"}   # 'ghí' decomposed and composed
    error = refused_in_time(lambda: loads(crafted(change)))
    assert "xuất hiện nhiều lần (sau khi chuẩn hóa Unicode)" in error.message


def test_narrative_loses_invisible_controls_and_keeps_line_breaks() -> None:
    first = next(iter(sample_data()["texts"]))

    def change(data: dict[str, Any]) -> None:
        data["texts"][first] = MARK
    report, _template = loads(crafted(change, '"Dòng\\u0000 một\\u202e\\u200b\\n\\tDòng hai"'))
    assert report.texts[first] == "Dòng một\n\tDòng hai"


def test_names_are_put_in_nfc() -> None:
    decomposed = "Xa\u0303 My\u0303 An"

    def change(data: dict[str, Any]) -> None:
        data["unit"]["name"] = decomposed
    report, _template = loads(crafted(change))
    assert report.unit.name == "Xã Mỹ An"


def test_in_domain_numbers_still_read() -> None:
    def change(data: dict[str, Any]) -> None:
        data["values"][COUNT] = MARK
        data["targets"] = {RATE: 95.5}
    report, _template = loads(crafted(change, "1.2e2"))
    assert report.values[COUNT] == 120
    assert str(report.targets[RATE]) == "95.5"


# ---------------------------------------------------------------------------- workbooks

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "bao-cao.xlsx"
    write_workbook(build_context(sample_report(), template()), path)
    return path


def with_payload(source: Path, target: Path, text: str, *, recompute: bool = True) -> Path:
    """`source` with its data sheet carrying `text`; the header's checksum, length and chunk
    count recomputed for it, or left as they were (a file edited by hand)."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[DATA_SHEET]
    if recompute:
        sheet["B3"] = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
        sheet["B4"] = len(text)
        sheet["B5"] = 1
    for row in range(6, sheet.max_row + 1):
        sheet.cell(row=row, column=1).value = None
        sheet.cell(row=row, column=2).value = None
    sheet["A6"], sheet["B6"] = "json", text
    workbook.save(target)
    return target


def with_sheet_xml(source: Path, target: Path, edit: Callable[[str], str]) -> Path:
    """`source` with the XML of its data sheet edited (what openpyxl cannot write)."""
    with zipfile.ZipFile(source) as archive:
        part = _data_sheet_part(archive)
        assert part is not None
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == part:
                edited = edit(data.decode("utf-8"))
                assert edited != data.decode("utf-8")
                data = edited.encode("utf-8")
            out.writestr(info, data)
    return target


def _cell_value_pattern(reference: str) -> re.Pattern[str]:
    return re.compile(rf'(<c r="{reference}"[^>]*>)(.*?)(</c>)', re.S)


def numeric_cell(reference: str, raw: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        return _cell_value_pattern(reference).sub(
            lambda m: re.sub(r' t="\w+"', "", m.group(1)) + f"<v>{raw}</v>" + m.group(3), xml, count=1)
    return edit


@pytest.mark.parametrize(("change", "raw", "said"),
                         [pytest.param(c, r, s, id=i) for i, c, r, s in HOSTILE_NUMBERS + HOSTILE_TEXTS])
def test_a_hostile_workbook_payload_with_its_checksum_is_refused_naming_the_field(
        exported: Path, tmp_path: Path, change: Any, raw: str, said: list[str]) -> None:
    path = with_payload(exported, tmp_path / "bao-cao.xlsx", crafted(change, raw))
    error = refused_in_time(lambda: read_workbook(path))
    assert not isinstance(error, WorkbookChecksumError)
    for words in said:
        assert words in error.message


@pytest.mark.parametrize(("change", "raw"), [
    pytest.param(_value, "1e999999999", id="exponent"), pytest.param(_value, "7" * 5000, id="digits"),
    pytest.param(_unit_name, '"UBND x\\ud800"', id="surrogate")])
def test_a_hostile_payload_without_its_checksum_is_refused_before_its_values(
        exported: Path, tmp_path: Path, change: Any, raw: str) -> None:
    path = with_payload(exported, tmp_path / "bao-cao.xlsx", crafted(change, raw), recompute=False)
    error = refused_in_time(lambda: read_workbook(path))
    assert isinstance(error, WorkbookChecksumError)
    assert "mã kiểm tra SHA-256" in error.message


@pytest.mark.parametrize(("reference", "raw"), [
    ("B4", "1e999999999"), ("B5", "1e999999999"), ("B2", "1e999999999"), ("B4", "NaN"),
    ("B4", "9" * 5000), ("B4", "-Infinity"), ("B6", "1e999999999")])
def test_a_hostile_number_in_the_data_sheet_is_a_checksum_refusal(
        exported: Path, tmp_path: Path, reference: str, raw: str) -> None:
    """The length, chunk count or version cell, or a chunk, made a huge number: before the
    fix int(Decimal('1e999999999')) hung here, before the checksum was looked at."""
    path = with_sheet_xml(exported, tmp_path / "bao-cao.xlsx", numeric_cell(reference, raw))
    error = refused_in_time(lambda: read_workbook(path))
    assert "bao-cao.xlsx" in error.message


def test_a_huge_shared_string_index_is_damage(exported: Path, tmp_path: Path) -> None:
    def edit(xml: str) -> str:
        return _cell_value_pattern("B6").sub(
            lambda m: re.sub(r' t="\w+"', ' t="s"', m.group(1)) + "<v>" + "9" * 5000 + "</v>"
            + m.group(3), xml, count=1)
    path = with_sheet_xml(exported, tmp_path / "bao-cao.xlsx", edit)
    error = refused_in_time(lambda: read_workbook(path))
    assert "bị hỏng" in error.message


def test_the_untouched_export_still_reads(exported: Path) -> None:
    report, _template = read_workbook(exported)
    assert report.values == sample_report().values


# ---------------------------------------------------------------------------- command line

CLI_CASES = [
    ("exponent", _value, "1e999999999", COUNT),
    ("digits", _value, "7" * 5000, COUNT),
    ("nan-target", _target, "NaN", RATE),
    ("revision", _revision, "100000000000000000000", "revision"),
    ("surrogate", _unit_name, '"UBND x\\ud800"', "unit/name"),
    ("look-alike", _unit_name, '"Xã Mỹ An\\u200b"', "U+200B"),
]


def _hostile_files(exported: Path, tmp_path: Path, change: Any, raw: str) -> list[Path]:
    text = crafted(change, raw)
    json_path = tmp_path / "doc-hai.json"
    json_path.write_text(text, "utf-8")
    return [json_path, with_payload(exported, tmp_path / "doc-hai.xlsx", text)]


@pytest.mark.parametrize(("change", "raw", "named"),
                         [pytest.param(c, r, n, id=i) for i, c, r, n in CLI_CASES])
def test_check_refuses_a_hostile_file_with_exit_2(exported: Path, tmp_path: Path, change: Any,
                                                  raw: str, named: str) -> None:
    from test_cli import cli

    for path in _hostile_files(exported, tmp_path, change, raw):
        result = cli("check", path)
        assert result.returncode == 2, (path.name, result.stderr)
        assert named in result.stderr and path.name in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("change", "raw", "named"),
                         [pytest.param(c, r, n, id=i) for i, c, r, n in CLI_CASES])
def test_import_refuses_a_hostile_file_and_leaves_the_data_file_untouched(
        exported: Path, tmp_path: Path, change: Any, raw: str, named: str) -> None:
    import sqlite3

    from test_cli import cli

    db = tmp_path / "data.sqlite3"
    assert cli("import", SAMPLE, "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    for path in _hostile_files(exported, tmp_path, change, raw):
        result = cli("import", path, "--db", db, "--replace")
        assert result.returncode == 2, (path.name, result.stderr)
        assert named in result.stderr and "Traceback" not in result.stderr
        assert db.read_bytes() == before


@pytest.mark.parametrize(("raw", "said"), [
    ('{"format": "cchc-package", "revision": 1e999999999}', "revision"),
    ('{"format": "cchc-package", "revision": NaN}', "revision"),
    ('{"format": "cchc-package", "revision": ' + "9" * 5000 + "}", "revision"),
    ('{"format": "cchc-package", "format": "x"}', "khóa 'format'"),
    ('{"format": "cchc-package", "unit": {"name": "UBND\\u202e"}}', "unit/name"),
])
def test_a_hostile_package_manifest_is_refused_naming_the_field(raw: str, said: str) -> None:
    from cchc_desktop.submission.manifest import parse_manifest

    error = refused_in_time(lambda: parse_manifest(raw.encode("utf-8")))
    assert "manifest.json" in error.message and said in error.message
