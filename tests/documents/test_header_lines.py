"""documents/header_lines.py: the header's lines as text. The issuing body comes from the
official list when the code is official; the number and the place and date as the decree
writes them; and none of it needs reportlab (the workbook prints the number without it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

from documents.doc_helpers import load_sample, pdf_text

from cchc_desktop.documents.header_lines import IssuingBody, issuing_body, number_line, place_and_date
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import DocumentInfo, ReportStatus
from cchc_desktop.domain.units import Unit


def _with_unit(unit: Unit, period: Period | None = None):  # type: ignore[no-untyped-def]
    report, template = load_sample()
    changes: dict[str, object] = {"unit": unit, "status": ReportStatus.FINAL}
    if period is not None:
        changes["period"] = period
    return dataclasses.replace(report, **changes), template  # type: ignore[arg-type]


def test_a_ward_typed_in_short_prints_its_official_name(tmp_path: Path) -> None:
    report, template = _with_unit(Unit("29869", "UBND P. Cao Lãnh", "xa", "UBND tỉnh Đồng Tháp"))
    path = tmp_path / "phuong.pdf"
    write_pdf(build_context(report, template), path)
    lines = [" ".join(line.split()) for line in pdf_text(path, first=1, last=1).splitlines()]
    assert lines[0] == "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "PHƯỜNG CAO LÃNH Độc lập - Tự do - Hạnh phúc"
    assert not any("P. CAO" in line for line in lines)


def test_kinds_and_periods() -> None:
    special, _t = _with_unit(Unit("31078", "Đặc khu Phú Quốc", "xa"))
    assert issuing_body(special).body == ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]
    commune, _t = _with_unit(Unit("28066", "ubnd xa my an", "xa"))
    assert issuing_body(commune).body == ["ỦY BAN NHÂN DÂN", "XÃ MỸ AN"]
    # Code 91 was Kiên Giang's before 07/2025 and is An Giang's since.
    old, _t = _with_unit(Unit("91", "UBND tỉnh", "tinh"), Period.default(2024, "Y"))
    assert issuing_body(old).body == ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]
    new, _t = _with_unit(Unit("91", "UBND tỉnh", "tinh"))
    assert issuing_body(new).body == ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"]


def test_a_body_not_in_the_list_keeps_its_typed_name() -> None:
    office, _t = _with_unit(Unit("82-so-noi-vu", "Sở Nội vụ", "tinh", "Ủy ban nhân dân tỉnh Đồng Tháp"))
    body = issuing_body(office)
    assert (body.superior, body.body) == (["UBND TỈNH ĐỒNG THÁP"], ["SỞ NỘI VỤ"])


def test_a_committee_issues_in_its_own_name_and_other_bodies_under_their_parent() -> None:
    commune, _t = _with_unit(Unit("xa-my-an", "Ủy  ban nhân dân   xã Mỹ An", "xa", "UBND tỉnh"))
    assert issuing_body(commune) == IssuingBody([], ["ỦY BAN NHÂN DÂN", "XÃ MỸ AN"])
    bare, _t = _with_unit(Unit("ubnd", "Uỷ ban nhân dân", "xa"))
    assert issuing_body(bare) == IssuingBody([], ["ỦY BAN NHÂN DÂN"])
    office, _t = _with_unit(Unit("pnv", "Phòng Nội vụ", "huyen", "Ủy ban nhân dân huyện Lai Vung"))
    assert issuing_body(office) == IssuingBody(["UBND HUYỆN LAI VUNG"], ["PHÒNG NỘI VỤ"])
    council, _t = _with_unit(Unit("vp", "Văn phòng", "tinh", "Hội đồng nhân dân tỉnh Đồng Tháp"))
    assert issuing_body(council).superior == ["HĐND TỈNH ĐỒNG THÁP"]
    alone, _t = _with_unit(Unit("ban", "Ban Chỉ đạo", "xa", ""))
    assert issuing_body(alone) == IssuingBody([], ["BAN CHỈ ĐẠO"])


def test_the_number_and_the_place_and_date_lines() -> None:
    report, _t = load_sample()
    dated = dataclasses.replace(report, document=DocumentInfo("5", "BC-UBND", " Mỹ An ",
                                                              dt.date(2026, 3, 17)))
    assert number_line(dated) == "Số: 05/BC-UBND"
    assert place_and_date(dated) == "Mỹ An, ngày 17 tháng 3 năm 2026"
    january = dataclasses.replace(dated, document=DocumentInfo("12", "", "Sa Đéc",
                                                               dt.date(2024, 1, 5)))
    assert number_line(january) == "Số: 12/BC-UBND"            # the default symbol
    assert place_and_date(january) == "Sa Đéc, ngày 05 tháng 01 năm 2024"
    undated = dataclasses.replace(report, document=DocumentInfo("", "BC-UBND", "Mỹ An", None))
    blank = "\u00a0" * 6
    assert number_line(undated) == "Số:      /BC-UBND"
    assert place_and_date(undated) == f"Mỹ An, ngày{blank}tháng{blank}năm 2026"
    no_place = dataclasses.replace(undated, document=DocumentInfo())
    assert place_and_date(no_place) == f"ngày{blank}tháng{blank}năm 2026"


def test_the_lines_and_the_workbook_load_no_pdf_library(tmp_path: Path) -> None:
    """The workbook's information sheet prints the number: it must not pay for reportlab."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cchc_desktop.documents.workbook import write_workbook\n"
        "from cchc_desktop.domain.context import build_context\n"
        "from cchc_desktop.exchange.json_format import read_report\n"
        "report, template = read_report(Path(sys.argv[1]))\n"
        "write_workbook(build_context(report, template), Path(sys.argv[2]))\n"
        "print(sorted({m.partition('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl'}))\n")
    out = tmp_path / "bc.xlsx"
    result = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parents[1] / "data" /
                             "xa-my-an-2026-Q1.json"), str(out)], capture_output=True, text=True,
                            check=False, cwd=Path(__file__).parents[2], timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "['openpyxl']"
    assert out.read_bytes().startswith(b"PK")
