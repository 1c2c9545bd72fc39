"""The issuing body of the PDF header comes from the official list when the code is official."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from documents.doc_helpers import load_sample, pdf_text

from cchc_desktop.documents.header import issuing_body
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
