"""Reports to export and poppler's tools to look at the PDFs (shared by the tests)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import (
    Proposal,
    Report,
    ReportStatus,
    SubmissionStatus,
    SubunitSubmission,
)
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import read_report

SAMPLE = Path(__file__).parents[1] / "data" / "xa-my-an-2026-Q1.json"
MM = 72 / 25.4


def load_sample() -> tuple[Report, Template]:
    return read_report(SAMPLE)


def sample_context(**changes: object) -> ReportContext:
    report, template = load_sample()
    report = dataclasses.replace(report, **changes)  # type: ignore[arg-type]
    return build_context(report, template)


def district_context() -> ReportContext:
    """A district office (before 07/2025) that consolidates its communes."""
    report, template = load_sample()
    report = copy.deepcopy(report)
    report.unit = Unit("phong-noi-vu-lai-vung", "Phòng Nội vụ", "huyen",
                       "Ủy ban nhân dân huyện Lai Vung")
    report.status = ReportStatus.FINAL
    report.document.place = "Lai Vung"
    report.document.date = dt.date(2024, 1, 5)
    report.document.symbol = "BC-PNV"
    report.document.subject = "Kết quả thực hiện công tác cải cách hành chính năm 2023"
    report.period = Period.default(2023, "Y")
    report.subunits = [
        SubunitSubmission("xa-a", "Xã Tân Thành", "xa", dt.datetime(2024, 1, 2, 9, 0),
                          SubmissionStatus.ON_TIME),
        SubunitSubmission("xa-b", "Xã Long Hậu", "xa", dt.datetime(2024, 1, 4, 15, 30),
                          SubmissionStatus.LATE),
        SubunitSubmission("xa-c", "Thị trấn Lai Vung", "xa", None, SubmissionStatus.MISSING),
    ]
    report.proposals = [
        Proposal("Xã Tân Thành", "Sở Nội vụ", "Đề nghị mở lớp bồi dưỡng cho công chức một cửa."),
        Proposal("Xã Tân Thành", "Sở Tài chính", "Bổ sung kinh phí số hóa hồ sơ."),
        Proposal("Xã Long Hậu", "Sở Khoa học và Công nghệ", "Nâng cấp đường truyền."),
    ]
    return build_context(report, template)


# ------------------------------------------------------------------------------ poppler

def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed: apt-get install poppler-utils")
    return found


def run(*args: str) -> str:
    result = subprocess.run([need(args[0]), *args[1:]], capture_output=True, text=True,
                            check=True, encoding="utf-8")
    return result.stdout


def pdf_text(path: Path, *, layout: bool = True, first: int | None = None,
             last: int | None = None) -> str:
    args = ["pdftotext"]
    if layout:
        args.append("-layout")
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return run(*args, str(path), "-")


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def pdf_pages(path: Path) -> list[Page]:
    """Every word with its box (points, origin top left), page by page (pdftotext -bbox)."""
    import html
    import re

    out = run("pdftotext", "-bbox", str(path), "-")
    pages = []
    page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">(.*?)</word>')
    for number, match in enumerate(page_re.finditer(out), start=1):
        words = [Word(html.unescape(w[4]), float(w[0]), float(w[1]), float(w[2]), float(w[3]))
                 for w in word_re.findall(match.group(3))]
        pages.append(Page(number, float(match.group(1)), float(match.group(2)), words))
    return pages


FILLER = ("Ủy ban nhân dân xã tiếp tục quán triệt, triển khai các văn bản chỉ đạo của cấp trên, "
          "gắn với nhiệm vụ phát triển kinh tế - xã hội; các bộ phận chuyên môn chủ động rà "
          "soát, đề xuất giải pháp khắc phục hạn chế, nâng cao chất lượng phục vụ người dân.")


def long_context(paragraphs: int = 4) -> ReportContext:
    """Long narratives citing many documents, so that citations fall on many pages."""
    from cchc_desktop.domain.report import IssuedDocument

    report, template = load_sample()
    report.status = ReportStatus.FINAL
    report.documents = [IssuedDocument(f"{n}/KH-UBND", dt.date(2026, 1, 1) + dt.timedelta(days=n),
                                       f"Kế hoạch thực hiện nhiệm vụ {n}", "cddh")
                        for n in range(100, 160)]
    number = 100
    for section, _depth in template.walk():
        if not section.narrative:
            continue
        texts = []
        for i in range(paragraphs):
            cited = f"Thực hiện Kế hoạch số {number}/KH-UBND, " if i % 2 == 0 else ""
            number += i % 2 == 0
            texts.append(cited + " ".join([FILLER] * (2 + i % 3)))
        report.texts[section.id] = "\n\n".join(texts)
    return build_context(report, template)


# ------------------------------------------------------------------------------ language

# What the English catalog makes of the documents' phrases; none may reach a document.
ENGLISH = ("Recipients", "reports on", "63.64%", "1,421/1,428", "The above is the report",
           "Reform figures", "Indicator", "This period", "Unit of measure", "as follows",
           "attached", "records", "Information", "Report period")
VIETNAMESE = ("Nơi nhận:", "báo cáo kết quả thực hiện", "đạt 63,64%", "1.421/1.428 hồ sơ, đạt 99,51%",
              "Trên đây là báo cáo", "Kỳ này", "Đơn vị tính", "Lưu: VT, VP.")


def workbook_texts(path: Path) -> list[str]:
    """Sheet names and every text cell of the visible sheets, as a reader sees them."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    texts: list[str] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        texts.append(sheet.title)
        texts += [cell.value for row in sheet.iter_rows() for cell in row
                  if isinstance(cell.value, str)]
    return texts


def assert_vietnamese_pdf(text: str) -> None:
    flat = " ".join(text.split())
    for phrase in ENGLISH:
        assert phrase not in flat, phrase
    for phrase in VIETNAMESE:
        assert phrase in flat, phrase


def assert_vietnamese_workbook(texts: list[str]) -> None:
    joined = "\n".join(texts)
    for phrase in ENGLISH:
        assert phrase not in joined, phrase
    for phrase in ("Thông tin", "Chỉ tiêu", "Kỳ này", "Ghi chú", "42/66 nhiệm vụ", "1.421/1.428 hồ sơ",
                   "Quý I năm 2026", "Dự thảo", "Đang thực hiện", "THÔNG TIN BÁO CÁO"):
        assert phrase in joined, phrase
