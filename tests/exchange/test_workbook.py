"""exchange/workbook.py: the report read back from the app's workbook, or a sentence why not.

The hidden data sheet's header must say the app's format and a version it knows, its JSON
chunks must match their count, length and SHA-256 (written in either case), a formula there
is refused rather than read; the bytes may be handed over already read, and the visible
sheets are compared only when asked. Beside tests/documents/test_workbook.py (round trips,
truncated, encrypted, .xls, zip bombs, a workbook without the data sheet),
tests/exchange/test_hostile_values.py (hostile payloads and numbers) and
tests/exchange/test_workbook_visible.py (the visible differences themselves).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.workbook import (
    WorkbookChecksumError,
    read_workbook,
    read_workbook_and_differences,
)

FIGURES = records(online=1200, in_person=34, early=1000, on_time=221, late=13)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xuat") / "bao-cao.xlsx"
    write_workbook(build_context(make_report(FIGURES), template()), path)
    return path


def _edited(source: Path, target: Path, edit: Callable[[str], str], *,
            data_sheet: bool = True) -> Path:
    """A copy of the workbook with one sheet's XML changed by `edit`: the data sheet, or the
    first visible sheet that `edit` changes."""
    with zipfile.ZipFile(source) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    done = False
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if (not done and info.filename.startswith("xl/worksheets/")
                    and (b"cchc-report-workbook" in data) == data_sheet):
                text = data.decode("utf-8")
                changed = edit(text)
                if changed != text:
                    data, done = changed.encode("utf-8"), True
            out.writestr(info, data)
    assert done, "the edit changed nothing"
    return target


def _cell(reference: str, xml: str) -> Callable[[str], str]:
    """The replacement for the whole <c> element of `reference`."""
    def edit(sheet: str) -> str:
        return re.sub(rf'<c r="{reference}"[^>]*>.*?</c>', xml, sheet, count=1, flags=re.S)
    return edit


def _refused(path: Path) -> str:
    with pytest.raises(ReportError) as refused:
        read_workbook(path)
    assert refused.value.message.startswith(f"Tệp {path.name}")
    return refused.value.message


def test_the_export_reads_back_its_figures(exported: Path) -> None:
    report, read_template = read_workbook(exported)
    assert read_template.ref == "cchc-2021@1"
    assert {code: int(value) for code, value in report.values.items() if value} == {
        code: value for code, value in FIGURES.items() if value}


def test_bytes_already_read_are_used_instead_of_the_file(exported: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "da-doc.xlsx"          # never written: only its name is used
    report, _template = read_workbook(elsewhere, content=exported.read_bytes())
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 1200
    with pytest.raises(ReportError, match=r"da-doc\.xlsx rỗng \(0 byte\)"):
        read_workbook(elsewhere, content=b"")


def test_visible_differences_only_when_asked(exported: Path, tmp_path: Path) -> None:
    path = _edited(exported, tmp_path / "sua.xlsx",
                   lambda xml: xml.replace("<v>1200</v>", "<v>1300</v>", 1), data_sheet=False)
    report, _template, differences = read_workbook_and_differences(path)
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 1200   # the data sheet is the truth
    assert [(d.code, d.hidden, d.visible) for d in differences] == [
        ("tthc.hs.xa.moi_truc_tuyen", Decimal(1200), Decimal(1300))]
    assert read_workbook_and_differences(path, compare=False)[2] == []


def test_a_newer_data_format_asks_for_an_update(exported: Path, tmp_path: Path) -> None:
    newer = _edited(exported, tmp_path / "moi.xlsx", _cell("B2", '<c r="B2" t="n"><v>2</v></c>'))
    assert _refused(newer) == ("Tệp moi.xlsx được tạo bởi phiên bản mới hơn của ứng dụng (định "
                               "dạng dữ liệu 2); hãy cập nhật ứng dụng.")
    fraction = _edited(exported, tmp_path / "le.xlsx",
                       _cell("B2", '<c r="B2" t="n"><v>1.5</v></c>'))
    assert "(định dạng dữ liệu 1.5)" in _refused(fraction)


def test_another_format_name_is_not_the_apps_data(exported: Path, tmp_path: Path) -> None:
    path = _edited(exported, tmp_path / "khac.xlsx", lambda xml: xml.replace(
        "<t>cchc-report-workbook</t>", "<t>other-workbook</t>", 1))
    assert _refused(path) == ("Tệp khac.xlsx: trang tính _cchc_data không đúng định dạng của "
                              "ứng dụng.")


def test_a_formula_in_the_data_sheet_is_refused_not_run(exported: Path, tmp_path: Path) -> None:
    path = _edited(exported, tmp_path / "cong-thuc.xlsx",
                   _cell("B4", '<c r="B4"><f>LEN(B6)</f><v>887</v></c>'))
    assert _refused(path) == ("Tệp cong-thuc.xlsx: phần dữ liệu chứa công thức; tệp đã bị sửa "
                              "bên ngoài ứng dụng.")


def test_the_checksum_is_compared_in_either_case_but_the_count_must_match(
        exported: Path, tmp_path: Path) -> None:
    upper = _edited(exported, tmp_path / "hoa.xlsx", lambda xml: re.sub(
        r"<t>([0-9a-f]{64})</t>", lambda m: f"<t> {m.group(1).upper()} </t>", xml, count=1))
    assert read_workbook(upper)[0].values["tthc.hs.xa.moi_truc_tuyen"] == 1200
    wrong_count = _edited(exported, tmp_path / "dem.xlsx", lambda xml: re.sub(
        r'(<c r="B5" t="n"><v>)(\d+)(</v>)', lambda m: f"{m.group(1)}{int(m.group(2)) + 1}"
        f"{m.group(3)}", xml, count=1))
    with pytest.raises(WorkbookChecksumError, match="mã kiểm tra SHA-256"):
        read_workbook(wrong_count)


def test_a_data_sheet_whose_part_is_missing_is_named(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    path = tmp_path / "thieu.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for info, data in members:
            if b"cchc-report-workbook" not in data or not info.filename.startswith("xl/work"):
                out.writestr(info, data)
    message = _refused(path)
    assert "không có phần dữ liệu của ứng dụng (trang tính ẩn _cchc_data)" in message
