"""The PDF is dated when it was made (the export time, in the PC's zone), not 01/01/2000."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from documents.doc_helpers import run, sample_context

from cchc_desktop.documents.pdf_report import render_pdf, write_pdf
from cchc_desktop.domain.report import ReportStatus

HANOI = dt.timezone(dt.timedelta(hours=7))


def info(path: Path) -> dict[str, str]:
    """pdfinfo's fields; -isodates gives the dates as written, with their zone."""
    lines = run("pdfinfo", "-isodates", str(path)).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def test_the_pdf_carries_the_moment_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    write_pdf(sample_context(status=ReportStatus.FINAL), path,
              created=dt.datetime(2026, 12, 1, 21, 15, 30, tzinfo=HANOI))
    fields = info(path)
    assert fields["CreationDate"] == "2026-12-01T21:15:30+07"
    assert fields["ModDate"] == "2026-12-01T21:15:30+07"


def test_by_default_the_pdf_is_dated_now(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    write_pdf(sample_context(), path)
    after = dt.datetime.now().astimezone()
    created = info(path)["CreationDate"]
    assert not created.startswith("2000-01-01")
    match = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-]\d\d)(?::?(\d\d))?|(.*Z)", created)
    assert match, created
    moment = dt.datetime.fromisoformat(created if match.group(4) is None else created[:-1] + "+00:00")
    assert before <= moment <= after


def test_the_same_report_at_the_same_moment_gives_the_same_bytes() -> None:
    moment = dt.datetime(2026, 3, 31, 8, 0, tzinfo=HANOI)
    first, _pages = render_pdf(sample_context(), created=moment)
    second, _pages = render_pdf(sample_context(), created=moment)
    assert first == second
    assert b"(D:20260331080000+07'00')" in first
