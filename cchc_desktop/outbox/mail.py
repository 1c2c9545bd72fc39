"""The message of a revision's package, as the province expects it and the outbox sends it.

Built from the package itself (its zip or folder), checked first: a package whose files no
longer match their manifest, or whose signature is broken, is refused here, so what is
signed is what the province receives. To from the unit's superior body, Cc from the account;
a Vietnamese subject and body naming the unit, the period and the revision (a correction
says which revision it replaces); the PDF, the workbook and manifest.json attached (or the
zip alone, when the account's server takes smaller messages). The Message-ID is fixed by the
unit, period, revision and data: the same revision is one message, however often it is tried.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.i18n import _
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.submission.email_draft import build_email, human_size, recipients
from cchc_desktop.submission.manifest import MANIFEST_NAME


@dataclass(frozen=True)
class OutgoingMail:
    report_unit: str
    period_key: str
    revision: int
    message_id: str
    to: tuple[str, ...]         # every recipient, To and Cc
    subject: str
    data: bytes                 # the message as the server receives it

    @property
    def size(self) -> int:
        return len(self.data)


class TooLargeError(KnownError):
    """The message is larger than the account's server takes: offer the zip alone."""


def message_id(unit_code: str, period_key: str, revision: int, data_sha256: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9.-]", "-", unit_code)[:60]
    return f"<cchc.{safe}.{period_key}.r{revision}.{data_sha256[:16]}@cchc-desktop.invalid>"


def package_mail(source: Path, account: MailAccount, *, to: str, zip_only: bool = False,
                 now: dt.datetime | None = None, limit: int | None = None) -> OutgoingMail:
    """The message of the package at `source` (its .zip, or its folder with the .zip beside it).

    TooLargeError when the message is larger than `limit` bytes (the account's limit).
    """
    # The checks load pyhanko and openpyxl: only when a package is mailed.
    from cchc_desktop.submission.package_check import Outcome
    from cchc_desktop.submission.verify import read_package, verify_package

    source = Path(source)
    zip_path = source if source.suffix.lower() == ".zip" else source.with_name(source.name + ".zip")
    check = verify_package(zip_path if zip_path.exists() else source)
    if check.outcome is Outcome.INVALID or check.report is None:
        raise KnownError(_("Không gửi gói {name}: gói không còn nguyên vẹn ({problems}). Hãy đóng gói "
                           "lại.").format(name=source.name, problems="; ".join(check.problems)))
    if not recipients(to):
        raise KnownError(_("Chưa có địa chỉ thư của cơ quan cấp trên: nhập trong Cài đặt đơn vị."))
    manifest, report = check.manifest, check.report
    report.revision = manifest.revision
    if zip_only:
        if not zip_path.exists():
            raise KnownError(_("Không thấy tệp nén {name}.").format(name=zip_path.name))
        files = [(zip_path.name, zip_path.read_bytes())]
    else:
        contents = read_package(source)
        names = [entry.name for entry in manifest.files] + [MANIFEST_NAME]
        files = [(name, contents[name]) for name in names if name in contents]
    ident = message_id(manifest.unit_code, manifest.period_key, manifest.revision,
                       manifest.data_sha256 or "0" * 16)
    message = build_email(report, files, to=to, cc=account.cc, sender=account.sender,
                          signed=manifest.signed, message_id=ident,
                          read_receipt=account.read_receipt, draft=False)
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    data = message.as_bytes()
    limit = limit if limit is not None else account.limit_mb * 1024 * 1024
    if len(data) > limit:
        raise TooLargeError(_("Thư nặng {size}, lớn hơn giới hạn {limit} MB của máy chủ thư. Có thể "
                              "gửi riêng tệp nén .zip, hoặc gửi qua hệ thống quản lý văn bản.").format(
                                  size=human_size(len(data)),
                                  limit=format_number(Decimal(limit) / (1024 * 1024), 1)))
    every = tuple(a.addr_spec for a in recipients(to) + recipients(account.cc))
    return OutgoingMail(manifest.unit_code, manifest.period_key, manifest.revision, ident, every,
                        str(message["Subject"]), data)


def trial_mail(account: MailAccount, now: dt.datetime | None = None) -> bytes:
    """Tài khoản thư > Gửi thử: a short message from the account to itself."""
    message = EmailMessage(policy=SMTP)
    message["From"] = recipients(account.sender)[0]
    message["To"] = recipients(account.sender)[0]
    message["Subject"] = _("Thư thử của CCHC Desktop")
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    message.set_content(_("Tài khoản thư đã gửi được thư. Báo cáo sẽ được gửi từ địa chỉ này."),
                        charset="utf-8")
    return message.as_bytes()
