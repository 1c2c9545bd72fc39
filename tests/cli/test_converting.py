"""cli/converting.py (convert): a real .docx (python-docx) in, a report file out that the
project's own reader takes; a .doc through a stand-in LibreOffice, or refused without one;
a hostile file refused in Vietnamese with nothing written."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from fake_soffice import install_fake_soffice, old_word_file, path_with, path_without_libreoffice
from in_process_cli import cli

from cchc_desktop.cli import main
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.exchange.json_format import read_report

LINES = (
    "UBND XÃ TÂN HÒA",
    "Số: 09/BC-UBND",
    "Tân Hòa, ngày 17 tháng 9 năm 2026",
    "BÁO CÁO",
    "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026",
    "# I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "Ủy ban nhân dân xã ban hành kế hoạch CCHC năm 2026 với tổng số nhiệm vụ kế hoạch 52 "
    "nhiệm vụ; đến nay đã hoàn thành 35 nhiệm vụ.",
    "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
    "# 2. Cải cách thủ tục hành chính",
    "Trong kỳ, số phản ánh kiến nghị tiếp nhận 1.204 lượt, đã xử lý xong toàn bộ.",
    "# 2. Cải cách thủ tục hành chính",
    "Đoạn lặp lại của cùng một mục.",
    "# VII. Những việc khác không có trong mẫu",
    "Xã tổ chức ngày hội văn hóa.",
    "Nơi nhận:",
    "- UBND tỉnh;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Phạm Thị Thu",
)


def word_file(path: Path, lines: tuple[str, ...] = LINES) -> Path:
    document = docx.Document()
    for line in lines:
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def test_a_docx_becomes_a_report_the_app_reads(tmp_path: Path) -> None:
    out = tmp_path / "tan-hoa.json"
    result = cli("convert", word_file(tmp_path / "bao-cao.docx"), "--out", out)
    assert result.returncode == 0, result.stderr
    report, template = read_report(out)
    assert (report.period.year, report.period.kind) == (2026, PeriodKind.Q3)
    assert (report.unit.name, report.unit.level) == ("UBND xã Tân Hòa", "xa")
    assert template.ref == "cchc-2021@1"
    assert (report.document.number, report.document.symbol) == ("09", "BC-UBND")
    assert (report.signer.title, report.signer.name) == ("CHỦ TỊCH", "Phạm Thị Thu")
    assert report.recipients == ["UBND tỉnh", "Lưu: VT"]
    assert report.values == {"cddh.kh.tong": Decimal(52), "cddh.kh.hoan_thanh": Decimal(35),
                             "tthc.pakn.tiep_nhan": Decimal(1204)}
    assert report.texts["cddh"].startswith("Ủy ban nhân dân xã ban hành kế hoạch CCHC")
    # the first heading of a section gives its text, the second does not replace it
    assert report.texts["tthc"].startswith("Trong kỳ, số phản ánh kiến nghị tiếp nhận")
    out_text = result.stdout
    assert "ĐỀ MỤC ĐÃ LẤY (2)" in out_text and "ĐỀ MỤC KHÔNG LẤY (3)" in out_text
    assert "VII. Những việc khác không có trong mẫu: không khớp mục nào của mẫu" in out_text
    assert "2. Cải cách thủ tục hành chính: mục này đã lấy từ đề mục trước" in out_text
    assert ("Số phản ánh, kiến nghị tiếp nhận = 1.204: \u201cTrong kỳ, số phản ánh kiến nghị "
            "tiếp nhận 1.204 lượt") in out_text
    assert f"Đã ghi {out}" in out_text


def test_the_json_summary_and_the_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    out = tmp_path / "r.json"
    code = main(["convert", str(word_file(tmp_path / "r.docx")), "--out", str(out),
                 "--template", "cchc-2011", "--unit", "xa-tan-hoa", "--unit-name",
                 "Ủy ban nhân dân xã Tân Hòa", "--period", "2026-H1", "--format", "json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["template"].startswith("cchc-2011") and summary["period"] == "2026-H1"
    assert summary["unit"] == {"code": "xa-tan-hoa", "name": "Ủy ban nhân dân xã Tân Hòa",
                               "level": "xa"}
    assert [s["section"] for s in summary["sections"]][-1] is None
    assert {f["code"]: f["value"] for f in summary["figures"]}["cddh.kh.tong"] == "52"
    report, template = read_report(out)
    assert template.id == "cchc-2011" and report.period.kind is PeriodKind.H1
    assert report.unit.code == "xa-tan-hoa"


def test_the_period_comes_from_the_date_of_issue_without_a_title(tmp_path: Path) -> None:
    lines = tuple(line for line in LINES if "quý III" not in line)
    out = tmp_path / "r.json"
    assert main(["convert", str(word_file(tmp_path / "r.docx", lines)), "--out", str(out)]) == 0
    assert read_report(out)[0].period.key == "2026-Q3"      # issued 17/9/2026


def test_no_period_anywhere_is_refused_with_what_to_give(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    lines = tuple(line for line in LINES if "quý III" not in line and "ngày 17" not in line)
    out = tmp_path / "r.json"
    assert main(["convert", str(word_file(tmp_path / "r.docx", lines)), "--out", str(out)]) == 2
    assert "hãy ghi --period" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("content", [
    b"PK\x03\x04 not a zip at all",
    b"\x00" * 100,
])
def test_an_unreadable_file_is_refused_and_nothing_is_written(tmp_path: Path,
                                                               content: bytes) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    result = cli("convert", bad, "--out", out)
    assert result.returncode == 2
    assert "hong.docx" in result.stderr and "không phải tệp Word" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (300 * 1024 * 1024))
    out = tmp_path / "out.json"
    result = cli("convert", bomb, "--out", out)
    assert result.returncode == 2 and "bom.docx" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_an_existing_output_is_left_as_it_was_when_the_input_is_bad(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("giữ nguyên", encoding="utf-8")
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04")
    assert cli("convert", bad, "--out", out).returncode == 2
    assert out.read_text(encoding="utf-8") == "giữ nguyên"


def test_a_doc_goes_through_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_soffice(tmp_path / "bin", LINES)
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    out = tmp_path / "r.json"
    result = cli("convert", old_word_file(tmp_path / "bao-cao-cu.doc"), "--out", out)
    assert result.returncode == 0, result.stderr
    assert read_report(out)[0].values["tthc.pakn.tiep_nhan"] == 1204


def test_a_doc_without_libreoffice_says_to_save_it_as_docx(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", path_without_libreoffice(tmp_path / "empty"))
    out = tmp_path / "r.json"
    result = cli("convert", old_word_file(tmp_path / "bao-cao-cu.doc"), "--out", out)
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr and "dạng .docx" in result.stderr
    assert not out.exists()


def test_the_output_may_not_be_the_input(tmp_path: Path) -> None:
    source = word_file(tmp_path / "r.docx")
    before = source.read_bytes()
    result = cli("convert", source, "--out", source)
    assert result.returncode == 2
    assert source.read_bytes() == before


@pytest.mark.parametrize(("issuer", "title", "level", "period"), [
    ("SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ",
     "Kết quả công tác CCHC quý III và Chương trình công tác quý IV năm 2020", "tinh", "2020-Q3"),
    ("ỦY BAN NHÂN DÂN PHƯỜNG AN HÒA", "Kết quả công tác CCHC 6 tháng đầu năm 2025", "xa",
     "2025-H1"),
    ("UBND HUYỆN PHONG ĐIỀN", "Kết quả công tác CCHC năm 2024", "huyen", "2024-Y"),
])
def test_the_unit_level_and_period_come_from_the_issuer_and_the_title(
        tmp_path: Path, issuer: str, title: str, level: str, period: str) -> None:
    lines = (issuer, "Số: 1/BC", "BÁO CÁO", title, *LINES[5:])
    out = tmp_path / "r.json"
    assert main(["convert", str(word_file(tmp_path / "r.docx", lines)), "--out", str(out)]) == 0
    report = read_report(out)[0]
    assert (report.unit.level, report.period.key) == (level, period)
    assert report.unit.name.split()[-1] == issuer.split()[-1].capitalize()


def _lines(**replaced: str) -> tuple[str, ...]:
    """LINES with each `old=new` of `replaced` (keys: 'title', 'date') put in."""
    words = {"title": "quý III năm 2026", "date": "ngày 17 tháng 9 năm 2026"}
    lines: tuple[str, ...] = LINES
    for key, new in replaced.items():
        lines = tuple(line.replace(words[key], new) for line in lines)
    return lines


def test_the_summary_opens_with_the_unit_period_number_place_date_and_signer(
        tmp_path: Path) -> None:
    result = cli("convert", word_file(tmp_path / "bao-cao.docx"), "--out", tmp_path / "r.json")
    assert result.stdout.splitlines()[:4] == [
        "Báo cáo Word bao-cao.docx: UBND xã Tân Hòa, Quý III năm 2026 (mẫu cchc-2021@1)",
        "Số, ký hiệu: 09/BC-UBND; địa danh: Tân Hòa; ngày: 17/09/2026; người ký: CHỦ TỊCH Phạm "
        "Thị Thu",
        "",
        "ĐỀ MỤC ĐÃ LẤY (2)",
    ]
    assert "  II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ: không có nội dung" in result.stdout.splitlines()


@pytest.mark.parametrize(("title", "date", "period"), [
    ("quý I năm 2026", "ngày 17 tháng 9 năm 2026", "2026-Q1"),     # quý I is not quý III
    ("", "ngày 12 tháng 1 năm 2027", "2026-Y"),                   # the year's, sent in January
    ("", "ngày 2 tháng 4 năm 2026", "2026-Q1"),                   # just after the quarter
    ("", "ngày 30 tháng 6 năm 2026", "2026-H1"),
])
def test_the_period_from_the_title_or_the_month_of_issue(tmp_path: Path, title: str, date: str,
                                                         period: str) -> None:
    lines = _lines(title=title, date=date)
    if not title:
        lines = tuple(line for line in lines if not line.startswith("Kết quả thực hiện"))
    out = tmp_path / "r.json"
    assert cli("convert", word_file(tmp_path / "r.docx", lines), "--out", out).returncode == 0
    assert read_report(out)[0].period.key == period


def test_a_month_that_ends_no_period_is_refused_with_the_example(tmp_path: Path) -> None:
    lines = tuple(line for line in _lines(date="ngày 17 tháng 5 năm 2026")
                  if not line.startswith("Kết quả thực hiện"))
    result = cli("convert", word_file(tmp_path / "r.docx", lines), "--out", tmp_path / "r.json")
    assert (result.returncode, result.stderr) == (
        2, "Không nhận ra kỳ báo cáo trong tệp r.docx; hãy ghi --period, ví dụ 2026-Q1.\n")


def test_a_quarter_two_report_is_refused_not_taken_as_the_annual_one(tmp_path: Path) -> None:
    """Quý II is no period of these reports: read as "năm 2026" it would become the annual one."""
    lines = _lines(title="quý II năm 2026", date="ngày 20 tháng 6 năm 2026")
    out = tmp_path / "r.json"
    result = cli("convert", word_file(tmp_path / "r.docx", lines), "--out", out)
    assert (result.returncode, result.stderr) == (
        2, "Tệp r.docx là báo cáo quý II năm 2026, kỳ không có trong các kỳ báo cáo (quý I, 6 tháng, "
           "quý III, năm); hãy ghi --period, ví dụ 2026-H1.\n")
    assert not out.exists()
    again = cli("convert", word_file(tmp_path / "r.docx", lines), "--out", out, "--period", "2026-H1")
    assert again.returncode == 0, again.stderr
    assert read_report(out)[0].period.key == "2026-H1"


def test_a_quarter_three_report_naming_the_fourth_quarters_tasks_is_quarter_three(tmp_path: Path) -> None:
    lines = _lines(title="kết quả quý III và phương hướng nhiệm vụ quý IV năm 2026",
                   date="ngày 20 tháng 9 năm 2026")
    out = tmp_path / "r.json"
    result = cli("convert", word_file(tmp_path / "r.docx", lines), "--out", out)
    assert result.returncode == 0, result.stderr
    assert read_report(out)[0].period.key == "2026-Q3"
