"""A finished report in a real data file with real evidence files attached (a PDF and a PNG),
and its context as the store builds it: shared by the document, package and import tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
import zlib
from pathlib import Path

from factories import sample_report
from reportlab.pdfgen import canvas

from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, TargetKind
from cchc_desktop.domain.evidence_items import report_evidence_context
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

PLAN = EvidenceMeta("Kế hoạch cải cách hành chính năm 2026", "20/KH-UBND", dt.date(2026, 1, 6),
                    "UBND xã Mỹ An")
PHOTO = EvidenceMeta("Ảnh bảng niêm yết thủ tục hành chính", issued_on=dt.date(2026, 3, 2),
                     issuer="Bộ phận Một cửa xã Mỹ An")


def write_pdf_file(path: Path, text: str = "Kế hoạch 20/KH-UBND") -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


def write_png_file(path: Path, width: int = 4, height: int = 3) -> Path:
    """A real PNG (decodable): signature, IHDR, IDAT of grey pixels, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                         8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def store_with_evidence(folder: Path, *, revision: int = 0) -> tuple[ReportStore, int]:
    """A data file holding the sample report (final) with a plan attached to an indicator and a
    task, and a photograph attached to a second indicator."""
    store = ReportStore(Database.open(folder / "du-lieu.sqlite3"))
    report = dataclasses.replace(sample_report(), status=ReportStatus.FINAL, revision=revision)
    report_id = store.save_report(report)
    unit, context = report.unit.code, report_evidence_context(report.period)
    plan = store.add_evidence(unit, PLAN, write_pdf_file(folder / "Kế hoạch 20.pdf"))
    photo = store.add_evidence(unit, PHOTO, write_png_file(folder / "bang niem yet.png"))
    for document, kind, key in ((plan, TargetKind.INDICATOR, "cddh.kh.tong"),
                                (plan, TargetKind.TASK, "2"),
                                (photo, TargetKind.INDICATOR, "cddh.kh.hoan_thanh")):
        store.attach_evidence(unit, EvidenceLink(document.id, context, kind, key))
    return store, report_id


def context_with_evidence(folder: Path, *, revision: int = 0) -> ReportContext:
    store, report_id = store_with_evidence(folder, revision=revision)
    try:
        return store.context(report_id)
    finally:
        store.database.close()
