"""Exporting a report whose narrative is 50,000 to 500,000 characters long: time and how it grows.

    .venv/bin/python benchmarks/bench_long_text.py [--runs 3] [--sizes 50000 100000 200000 500000]

For each length: the checks of the report with its narrative audit (build_context), the
PDF and the workbook, best of --runs, in seconds of wall clock and of this process's
CPU (the CPU time is what the shared development machine measures reliably). Printed
beside each: the ratio to the first length's time and the ratio of lengths, which it
should not exceed much (linear growth). Target (printed, not asserted): the PDF and the
workbook of a 500,000-character narrative in <= 5 s together; before the fix it took
106 s. The narrative is tests/long_texts.py's: a paragraph of about 30,000 characters
with a citation in every sentence, runs of 10,000 characters without a space, bullets;
or with --shape one-paragraph the whole text in one paragraph without a line break.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from long_texts import long_narrative, one_paragraph  # noqa: E402

from cchc_desktop.documents.pdf_report import write_pdf  # noqa: E402
from cchc_desktop.documents.workbook import write_workbook  # noqa: E402
from cchc_desktop.domain.context import ReportContext, build_context  # noqa: E402
from cchc_desktop.domain.report import Report, ReportStatus  # noqa: E402
from cchc_desktop.domain.template import Template  # noqa: E402
from cchc_desktop.exchange.json_format import read_report  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"
TARGET_500K = 5.0
BEFORE_500K = 106.0


def _best(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def _steps(report: Report, template: Template, pdf: Path, xlsx: Path,
           runs: int) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of the checks, the PDF and the workbook of one report."""
    holder: list[ReportContext] = []
    steps: dict[str, Callable[[], object]] = {
        "checks": lambda: holder.append(build_context(report, template)),
        "pdf": lambda: write_pdf(holder[-1], pdf),
        "workbook": lambda: write_workbook(holder[-1], xlsx),
    }
    return {step: _best(action, runs) for step, action in steps.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000, 500_000])
    parser.add_argument("--shape", choices=("mixed", "one-paragraph"), default="mixed",
                        help="mixed: long_texts.long_narrative; one-paragraph: no line break at all")
    args = parser.parse_args()
    report, template = read_report(SAMPLE)
    report = dataclasses.replace(report, status=ReportStatus.DRAFT)
    with tempfile.TemporaryDirectory() as folder:
        pdf, xlsx = Path(folder) / "bao-cao.pdf", Path(folder) / "bao-cao.xlsx"
        write_pdf(build_context(report, template), pdf)      # warm-up: fonts, imports
        first: dict[str, float] = {}
        print(f"{'length':>8}  {'step':<8} {'wall s':>7} {'CPU s':>7}  {'CPU ratio':>9}  "
              f"(length ratio)")
        totals: dict[int, float] = {}
        for size in args.sizes:
            make = long_narrative if args.shape == "mixed" else one_paragraph
            texts = {**report.texts, "cddh": make(size)}
            long_report = dataclasses.replace(report, texts=texts)
            totals[size] = 0.0
            for step, (wall, cpu) in _steps(long_report, template, pdf, xlsx, args.runs).items():
                if step != "checks":
                    totals[size] += wall
                first.setdefault(step, cpu)
                print(f"{size:>8}  {step:<8} {wall:7.2f} {cpu:7.2f}  {cpu / first[step]:9.1f}  "
                      f"({size / args.sizes[0]:.0f})")
        last = args.sizes[-1]
        print(f"PDF + workbook of a {last:,}-character narrative: {totals[last]:.2f} s wall "
              f"(target <= {TARGET_500K:.0f} s; {BEFORE_500K:.0f} s before the fix at 500,000)")


if __name__ == "__main__":
    main()
