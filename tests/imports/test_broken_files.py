"""A corpus of broken and hostile report files: each refused cleanly, the data file untouched.

Every file is offered both ways a clerk would offer it: as last period's file
(Tệp > Nhập kỳ trước) and as a subordinate unit's file (Báo cáo > Tổng hợp). Each must
be refused with a Vietnamese message naming the file, and the data file must stay
byte-for-byte what it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.documents.workbook import build_workbook, checksum
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import dumps
from cchc_desktop.imports.previous import prepare_previous_import
from cchc_desktop.imports.subordinates import prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COMMUNE = Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", "Ủy ban nhân dân tỉnh Thử")
Maker = Callable[[Path], Path]


def _year_report():  # type: ignore[no-untyped-def]
    # Last year's annual report of the commune: a good file to start from.
    return make_report(records(pending=12, online=90, on_time=80), unit=COMMUNE, year=2025,
                       kind="Y", texts={"phuong_huong": "1. Việc năm sau."})


def _good_json() -> str:
    return dumps(_year_report(), template())


def _json_with(change: Callable[[dict], None]) -> Maker:  # type: ignore[type-arg]
    def make(folder: Path) -> Path:
        data = json.loads(_good_json())
        change(data)
        path = folder / "bao-cao.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        return path
    return make


def _raw(name: str, content: bytes | Callable[[], bytes]) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content() if callable(content) else content)
        return path
    return make


def _good_xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    build_workbook(build_context(_year_report(), template())).save(buffer)
    return buffer.getvalue()


def _xlsx_with_payload(text: str, *, fix_checksum: bool = True, formula: bool = False) -> Maker:
    """A workbook whose hidden data sheet carries `text` (a hostile file made to look right)."""
    def make(folder: Path) -> Path:
        workbook = build_workbook(build_context(_year_report(), template()))
        sheet = workbook["_cchc_data"]
        sheet["B3"].value = checksum(text) if fix_checksum else "0" * 64
        sheet["B4"].value = len(text)
        sheet["B5"].value = 1
        sheet["A6"].value, sheet["B6"].value = "json", text
        if formula:
            sheet["B6"].value = '=HYPERLINK("http://example.invalid","x")'
            sheet["B6"].data_type = "f"
        for row in range(7, sheet.max_row + 1):
            sheet.cell(row=row, column=1).value = None
            sheet.cell(row=row, column=2).value = None
        path = folder / "bao-cao.xlsx"
        workbook.save(path)
        return path
    return make


def _json_payload(change: Callable[[dict], None]) -> str:  # type: ignore[type-arg]
    data = json.loads(_good_json())
    change(data)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return buffer.getvalue()


def _entity_bomb() -> bytes:
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10))
              + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              "&lol9;</workbook>")
    source = zipfile.ZipFile(io.BytesIO(_good_xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = laughs.encode() if item.filename == "xl/workbook.xml" else source.read(item)
            archive.writestr(item, data)
    return buffer.getvalue()


def _plain_workbook() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Báo cáo CCHC"
    workbook.save(buffer)
    return buffer.getvalue()


def _tampered_xlsx(folder: Path) -> Path:
    workbook = build_workbook(build_context(_year_report(), template()))
    sheet = workbook["_cchc_data"]
    sheet["B6"].value = str(sheet["B6"].value).replace('"tthc.hs.xa.moi_truc_tuyen":90',
                                                       '"tthc.hs.xa.moi_truc_tuyen":9000')
    path = folder / "bao-cao.xlsx"
    workbook.save(path)
    return path


def _deflate_damaged() -> bytes:
    """A good workbook with a few bytes of one compressed part overwritten."""
    data = bytearray(_good_xlsx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[start:start + 8] = b"\xff" * 8
    return bytes(data)



CORPUS: dict[str, Maker] = {
    "json-empty": _raw("bao-cao.json", b""),
    "json-truncated": _raw("bao-cao.json", lambda: _good_json().encode()[:300]),
    "json-not-utf8": _raw("bao-cao.json", lambda: _good_json().encode("utf-16")),
    "json-nested-deep": _raw("bao-cao.json", b"[" * 200_000 + b"]" * 200_000),
    "json-oversized": _raw("bao-cao.json", lambda: b" " * (21 * 1024 * 1024) + b"{}"),
    "json-unknown-codes": _json_with(lambda d: d["values"].update({"tthc.khong_co": 1})),
    "json-negative-count": _json_with(lambda d: d["values"].update({"tthc.hs.xa.moi_truc_tuyen": -5})),
    "json-wrong-type": _json_with(lambda d: d["values"].update({"cddh.kh.tong": "nhiều"})),
    "json-formula-as-value": _json_with(lambda d: d["values"].update({"cddh.kh.tong": "=1+1"})),
    "json-derived-code": _json_with(lambda d: d["values"].update({"tthc.hs.xa.tiep_nhan": 3})),
    "json-other-format": _json_with(lambda d: d.update({"format": "excel"})),
    "json-unknown-template": _json_with(lambda d: d.update({"template": "cchc-1990"})),
    "json-array": _raw("bao-cao.json", b"[1, 2, 3]"),
    "xlsx-empty": _raw("bao-cao.xlsx", b""),
    "xlsx-truncated": _raw("bao-cao.xlsx", lambda: _good_xlsx_bytes()[:4000]),
    "xlsx-not-a-zip": _raw("bao-cao.xlsx", "Báo cáo quý I".encode() * 100),
    "xlsx-password": _raw("bao-cao.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
                          + "EncryptionInfo".encode("utf-16-le") + b"\0" * 4000),
    "xlsx-zip-bomb": _raw("bao-cao.xlsx", _zip_bomb),
    "xlsx-entity-bomb": _raw("bao-cao.xlsx", _entity_bomb),
    "xlsx-no-data-sheet": _raw("bao-cao.xlsx", _plain_workbook),
    "xlsx-tampered": _tampered_xlsx,
    "xlsx-formula-in-data": _xlsx_with_payload("{}", formula=True),
    "xlsx-negative-with-valid-checksum": _xlsx_with_payload(_json_payload(
        lambda d: d["values"].update({"tthc.hs.xa.moi_truc_tuyen": -1}))),
    "xlsx-unknown-code-with-valid-checksum": _xlsx_with_payload(_json_payload(
        lambda d: d["values"].update({"cds.khong_co": 1}))),
    "xlsx-checksum-zeroed": _xlsx_with_payload(_good_json(), fix_checksum=False),
    "xlsx-deflate-damaged": _raw("bao-cao.xlsx", _deflate_damaged),
}


def _fingerprint(store: ReportStore) -> str:
    """The data file's bytes once the write-ahead log is folded in (-shm is only a lock map)."""
    with store.database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(store.database.path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportStore, int, ReportStore, int]:
    folder = tmp_path_factory.mktemp("data")
    commune = ReportStore(Database.open(folder / "xa.sqlite3"))
    commune.save_own_unit(OwnUnit(COMMUNE.code, COMMUNE.name, "xa", parent=COMMUNE.parent))
    q1 = commune.create_report(2026, "Q1")
    province = ReportStore(Database.open(folder / "tinh.sqlite3"))
    province.save_own_unit(OwnUnit("snv", "Sở Nội vụ tỉnh Thử", "tinh"))
    province.set_subordinate_units([COMMUNE])
    year = province.create_report(2025, "Y")
    return commune, q1, province, year


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_broken_file_is_refused_and_the_data_file_untouched(
        case: str, stores: tuple[ReportStore, int, ReportStore, int], tmp_path: Path) -> None:
    commune, q1, province, year = stores
    path = CORPUS[case](tmp_path)
    before = (_fingerprint(commune), _fingerprint(province))
    report_before = commune.load_report(q1)

    with pytest.raises(KnownError) as caught:
        prepare_previous_import(commune, q1, path)
    assert path.name in caught.value.message
    assert "Traceback" not in caught.value.message

    preview = prepare_consolidation(province, year, [path])
    assert preview.accepted == []
    [refused] = preview.refused
    assert path.name in refused.message

    assert (_fingerprint(commune), _fingerprint(province)) == before
    assert commune.load_report(q1) == report_before


def test_the_good_files_of_the_corpus_are_accepted(
        stores: tuple[ReportStore, int, ReportStore, int], tmp_path: Path) -> None:
    """The corpus breaks good files: the good ones themselves must pass, or the test proves nothing."""
    commune, q1, province, year = stores
    for name, content in (("tot.json", _good_json().encode()), ("tot.xlsx", _good_xlsx_bytes())):
        path = tmp_path / name
        path.write_bytes(content)
        assert prepare_previous_import(commune, q1, path).plan.values
        assert len(prepare_consolidation(province, year, [path]).accepted) == 1


