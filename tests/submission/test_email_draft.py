"""The .eml draft: opens as a new message to the superior body, with the package attached."""

from __future__ import annotations

import dataclasses
import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.email_draft import short_unit_name, write_email_draft
from cchc_desktop.submission.package import SubmissionPackage


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_draft_is_addressed_marked_unsent_and_carries_the_zip_byte_for_byte(
        unsigned_package: SubmissionPackage, tmp_path: Path) -> None:
    report = sample_report()
    draft = write_email_draft(report, [unsigned_package.zip_path], tmp_path / "thu.eml",
                              to="vanphong@sonoivu.dongthap.gov.vn")
    message = _read(draft.path)
    assert message["To"] == "vanphong@sonoivu.dongthap.gov.vn"
    assert message["Subject"] == "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp." in text
    assert "Ủy ban nhân dân xã Mỹ An gửi báo cáo" in text and "quý I năm 2026" in text
    assert "BC-CCHC_xa-my-an_2026-Q1_r0.zip" in text
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == unsigned_package.zip_path.name
    assert attachment.get_content_type() == "application/zip"
    assert attachment.get_content() == unsigned_package.zip_path.read_bytes()
    assert draft.attachments_size == unsigned_package.zip_path.stat().st_size
    assert draft.warning is None


def test_the_pdf_and_workbook_can_be_attached_one_by_one(unsigned_package: SubmissionPackage,
                                                          tmp_path: Path) -> None:
    files = [unsigned_package.pdf, unsigned_package.workbook]
    draft = write_email_draft(sample_report(), files, tmp_path / "thu.eml")
    message = _read(draft.path)
    assert message["To"] is None
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    for path in files:
        assert attachments[path.name].get_content() == path.read_bytes()
    assert attachments[unsigned_package.pdf.name].get_content_type() == "application/pdf"


def test_a_correction_says_which_sending_it_replaces(unsigned_package: SubmissionPackage,
                                                     tmp_path: Path) -> None:
    report = dataclasses.replace(sample_report(), revision=2)
    message = _read(write_email_draft(report, [unsigned_package.zip_path], tmp_path / "t.eml").path)
    assert message["Subject"] == "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 2)"
    body = message.get_body(("plain",))
    assert body is not None
    assert "Đây là lần gửi 2, thay thế báo cáo đã gửi lần 1." in body.get_content()


def test_attachments_over_10_mb_give_a_warning(tmp_path: Path) -> None:
    big = tmp_path / "lon.zip"
    big.write_bytes(b"\0" * (11 * 1024 * 1024))
    draft = write_email_draft(sample_report(), [big], tmp_path / "thu.eml")
    assert draft.warning is not None
    assert draft.warning.startswith("Tệp đính kèm nặng 11 MB, vượt 10 MB")


def test_a_bad_address_is_refused(unsigned_package: SubmissionPackage, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="Địa chỉ email"):
        write_email_draft(sample_report(), [unsigned_package.zip_path], tmp_path / "t.eml",
                          to="vanphong\nBcc: ai@do.vn")
    assert not (tmp_path / "t.eml").exists()


def test_unit_names_are_abbreviated_as_in_subjects() -> None:
    assert short_unit_name("Ủy ban nhân dân xã Mỹ An") == "UBND xã Mỹ An"
    assert short_unit_name("Sở Nội vụ") == "Sở Nội vụ"
