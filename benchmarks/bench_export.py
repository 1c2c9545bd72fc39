"""Time write_pdf and write_workbook on a fully filled report of 25+ pages.

    .venv/bin/python benchmarks/bench_export.py [--runs 5]

Targets (printed, not asserted): PDF <= 0.5 s, workbook <= 0.3 s, on the 2-core
office PCs the app targets. The report is the sample of tests/data with every section's
narrative made long (paragraphs, bullets, numbered items, document citations), the
previous period and last year beside it, and lists of tasks, proposals, documents and
subordinate units of a district's size.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cchc_desktop.documents.pdf_report import write_pdf  # noqa: E402
from cchc_desktop.documents.workbook import write_workbook  # noqa: E402
from cchc_desktop.domain.context import ReportContext, build_context  # noqa: E402
from cchc_desktop.domain.report import (  # noqa: E402
    IssuedDocument,
    Proposal,
    ReportStatus,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskStatus,
)
from cchc_desktop.exchange.json_format import read_report  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"

_SENTENCES = (
    "Ủy ban nhân dân xã tiếp tục quán triệt, triển khai các văn bản chỉ đạo của cấp trên về "
    "cải cách hành chính, gắn với nhiệm vụ phát triển kinh tế - xã hội của địa phương.",
    "Các bộ phận chuyên môn chủ động rà soát, đề xuất giải pháp khắc phục hạn chế, nâng cao "
    "chất lượng phục vụ người dân, doanh nghiệp tại Bộ phận Một cửa.",
    "Công tác kiểm tra, giám sát được duy trì thường xuyên; các tồn tại sau kiểm tra được "
    "theo dõi, đôn đốc khắc phục đúng thời hạn.",
    "Việc ứng dụng công nghệ thông tin trong xử lý công việc tiếp tục được đẩy mạnh, tỷ lệ "
    "văn bản điện tử và văn bản ký số duy trì ở mức cao.",
)


def _long_text(section_index: int, documents: list[IssuedDocument]) -> str:
    paragraphs = []
    for i in range(4):
        body = " ".join(_SENTENCES[(i + j) % len(_SENTENCES)] for j in range(4))
        if i % 3 == 0 and documents:
            document = documents[(section_index + i) % len(documents)]
            body = (f"Thực hiện Kế hoạch số {document.number} ngày "
                    f"{document.date:%d/%m/%Y} về {document.subject.lower()}, {body}")
        paragraphs.append(body)
    paragraphs.append("- " + _SENTENCES[0] + "\n- " + _SENTENCES[1] + "\n+ " + _SENTENCES[2])
    return "\n\n".join(paragraphs)


def big_context() -> ReportContext:
    report, template = read_report(SAMPLE)
    report.status = ReportStatus.DRAFT
    report.documents = [
        IssuedDocument(f"{n}/KH-UBND", dt.date(2026, 1, 1) + dt.timedelta(days=n),
                       f"Kế hoạch triển khai nhiệm vụ cải cách hành chính số {n} năm 2026", "cddh")
        for n in range(20, 60)
    ]
    for index, (section, _depth) in enumerate(template.walk()):
        if section.narrative:
            report.texts[section.id] = _long_text(index, report.documents)
    report.tasks = [Task(f"Nhiệm vụ số {n}: {_SENTENCES[n % 4].rstrip('.')}", TaskStatus.IN_PROGRESS)
                    for n in range(1, 31)]
    report.proposals = [Proposal(f"Xã số {n // 3 + 1}", "Sở Nội vụ", _SENTENCES[n % 4])
                        for n in range(45)]
    report.subunits = [SubunitSubmission(f"xa-{n}", f"Xã số {n}", "xa", None,
                                         list(SubmissionStatus)[n % 3]) for n in range(1, 61)]
    previous = copy.deepcopy(report)
    last_year = copy.deepcopy(report)
    return build_context(report, template, previous=previous, last_year=last_year)


def _time(action: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    context = big_context()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "bao-cao.pdf"
        xlsx = Path(folder) / "bao-cao.xlsx"
        pages = write_pdf(context, pdf)          # warm-up: fonts, templates, imports
        write_workbook(context, xlsx)
        pdf_times = _time(lambda: write_pdf(context, pdf), args.runs)
        xlsx_times = _time(lambda: write_workbook(context, xlsx), args.runs)
        print(f"PDF: {pages} pages, {pdf.stat().st_size // 1024} KB; "
              f"median {statistics.median(pdf_times):.3f} s, best {min(pdf_times):.3f} s "
              f"(target <= 0.5 s)")
        print(f"Workbook: {xlsx.stat().st_size // 1024} KB; "
              f"median {statistics.median(xlsx_times):.3f} s, best {min(xlsx_times):.3f} s "
              f"(target <= 0.3 s)")


if __name__ == "__main__":
    main()
