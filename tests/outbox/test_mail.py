"""outbox/mail.py: the message of a revision's package, as the province expects it.

The module promises a message built from the package after it is checked, addressed To the
superior body and Cc the account's copies, a Vietnamese subject naming unit, period and
revision, the package's files attached (or its zip alone), a Message-ID fixed by unit,
period, revision and data (the same revision is the same message, however often built),
the account's size limit kept, and the account's trial message.

Beside tests/outbox/test_outbox_smtp.py (the limit and the zip alone, a broken package),
test_outbox_split.py (split_package_mails) and tests/submission/test_email_draft.py (the
drafts' body and subject).
"""

from __future__ import annotations

import datetime as dt
import email
import shutil
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.outbox.mail import TooLargeError, message_id, package_mail, trial_mail
from cchc_desktop.submission.package import SubmissionPackage

PROVINCE = "vanthu@snv.dongthap.gov.vn"
ACCOUNT = MailAccount(host="smtp.xa.gov.vn", sender="vanthu@xa-my-an.gov.vn",
                      cc="luu@xa-my-an.gov.vn, chutich@xa-my-an.gov.vn", read_receipt=True)
NOW = dt.datetime(2026, 9, 14, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_message_id_is_fixed_by_unit_period_revision_data_and_part() -> None:
    assert message_id("28066", "2026-Q3", 2, "0123456789abcdef" * 4) == (
        "<cchc.28066.2026-Q3.r2.0123456789abcdef@cchc-desktop.invalid>")
    # A code with what a Message-ID may not hold, and one longer than 60 characters.
    assert message_id("xã Mỹ An/<1>", "2026-Y", 0, "f" * 64, (2, 3)) == (
        "<cchc.x--M--An--1-.2026-Y.r0.ffffffffffffffff.p2of3@cchc-desktop.invalid>")
    assert message_id("a" * 80, "2026-Q1", 0, "0" * 64).split(".")[1] == "a" * 60


def test_the_packages_message_is_addressed_named_and_carries_its_files(
        package: SubmissionPackage) -> None:
    mail = package_mail(package.zip_path, ACCOUNT, to=PROVINCE, now=NOW)
    message = _parsed(mail.data)
    assert message["From"] == "vanthu@xa-my-an.gov.vn"
    assert message["To"] == PROVINCE
    assert message["Cc"] == "luu@xa-my-an.gov.vn, chutich@xa-my-an.gov.vn"
    assert message["Disposition-Notification-To"] == "vanthu@xa-my-an.gov.vn"
    assert message["X-Unsent"] is None                      # sent, not a draft
    assert message["Date"] == format_datetime(NOW)
    assert mail.subject == str(message["Subject"]) == (
        "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)")
    assert message["Message-ID"] == mail.message_id == message_id(
        package.manifest.unit_code, package.manifest.period_key, 0, package.manifest.data_sha256)
    assert mail.to == ("vanthu@snv.dongthap.gov.vn", "luu@xa-my-an.gov.vn",
                       "chutich@xa-my-an.gov.vn")
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert list(attached) == [*(entry.name for entry in package.manifest.files), "manifest.json"]
    assert attached[package.pdf.name] == package.pdf.read_bytes()
    assert (mail.report_unit, mail.period_key, mail.revision, mail.size) == (
        package.manifest.unit_code, package.manifest.period_key, 0, len(mail.data))
    # Built again later: the same message for the server.
    assert package_mail(package.zip_path, ACCOUNT, to=PROVINCE).message_id == mail.message_id


def test_the_limit_is_the_accounts_megabytes_unless_given(package: SubmissionPackage) -> None:
    with pytest.raises(TooLargeError) as refused:
        package_mail(package.zip_path, ACCOUNT, to=PROVINCE, limit=100_000)
    assert refused.value.message.startswith("Thư nặng ")
    assert "lớn hơn giới hạn 0,1 MB của máy chủ thư. Có thể gửi riêng tệp nén .zip" in (
        refused.value.message)
    assert package_mail(package.zip_path, ACCOUNT, to=PROVINCE).size < ACCOUNT.limit_mb * 1024 * 1024


def test_without_the_superiors_address_nothing_is_built(package: SubmissionPackage) -> None:
    with pytest.raises(KnownError) as refused:
        package_mail(package.zip_path, ACCOUNT, to="  ")
    assert refused.value.message == (
        "Chưa có địa chỉ thư của cơ quan cấp trên: nhập trong Cài đặt đơn vị.")


def test_a_folder_without_its_zip_is_sent_as_files_but_not_as_the_zip_alone(
        package: SubmissionPackage, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(package.folder, tmp_path / package.folder.name))
    mail = package_mail(folder, ACCOUNT, to=PROVINCE)
    assert "manifest.json" in [p.get_filename() for p in _parsed(mail.data).iter_attachments()]
    with pytest.raises(KnownError) as refused:
        package_mail(folder, ACCOUNT, to=PROVINCE, zip_only=True)
    assert refused.value.message == f"Không thấy tệp nén {folder.name}.zip."


def test_the_trial_message_goes_from_the_account_to_itself() -> None:
    message = _parsed(trial_mail(replace_sender(" vanthu@xa-my-an.gov.vn"), NOW))
    assert message["From"] == message["To"] == "vanthu@xa-my-an.gov.vn"
    assert message["Subject"] == "Thư thử của CCHC Desktop"
    assert message["Date"] == format_datetime(NOW)
    assert message.get_content().strip() == (
        "Tài khoản thư đã gửi được thư. Báo cáo sẽ được gửi từ địa chỉ này.")


def replace_sender(sender: str) -> MailAccount:
    return MailAccount(host=ACCOUNT.host, sender=sender)
