"""documents/header_lines.py: the header's lines as text. The issuing body comes from the
official list when the code is official; the number and the place and date as the decree
writes them; and none of it needs reportlab (the workbook prints the number without it)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path

from documents.doc_helpers import load_sample, pdf_text

from cchc_desktop.documents.header_lines import issuing_body, number_line, place_and_date
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import ReportStatus
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


def _with_document(number: str, symbol: str, place: str, issued: date | None):  # type: ignore[no-untyped-def]
    report, _template = load_sample()
    document = dataclasses.replace(report.document, number=number, symbol=symbol, place=place,
                                   date=issued)
    return dataclasses.replace(report, document=document)


def test_the_number_line_pads_a_single_digit_and_keeps_the_symbol() -> None:
    assert number_line(_with_document("5", "BC-UBND", "Mỹ An", None)) == "Số: 05/BC-UBND"
    assert number_line(_with_document("123", "BC-SNV", "Mỹ An", None)) == "Số: 123/BC-SNV"
    # No number yet: the blank the office fills in by hand at registration.
    assert number_line(_with_document("", "BC-UBND", "Mỹ An", None)) == "Số:      /BC-UBND"
    # No symbol typed: the report's default one.
    assert number_line(_with_document("7", "", "Mỹ An", None)) == "Số: 07/BC-UBND"


def test_place_and_date_in_words_or_blanks_for_the_hand() -> None:
    dated = _with_document("5", "BC-UBND", "Mỹ An", date(2023, 9, 14))
    assert place_and_date(dated) == "Mỹ An, ngày 14 tháng 9 năm 2023"
    undated = _with_document("5", "BC-UBND", "Mỹ An", None)
    blank = "\u00a0" * 6
    year = undated.period.end.year
    assert place_and_date(undated) == f"Mỹ An, ngày{blank}tháng{blank}năm {year}"
    assert place_and_date(_with_document("5", "BC-UBND", " ", None)) == f"ngày{blank}tháng{blank}năm {year}"


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
