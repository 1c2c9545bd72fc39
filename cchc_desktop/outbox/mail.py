"""The message of a revision's package, as the province expects it and the outbox sends it.

Built from the package itself (its zip or folder), checked first: a package whose files no
longer match their manifest, or whose signature is broken, is refused here, so what is
signed is what the province receives. To from the unit's superior body, Cc from the account;
a Vietnamese subject and body naming the unit, the period and the revision (a correction
says which revision it replaces); the PDF, the workbook and manifest.json attached (or the
zip alone, or the files spread over several messages, when the account's server takes
smaller messages). The Message-ID is fixed by the
unit, period, revision, data (and part): the same revision is one message (or the same
parts), however often it is tried.
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
from cchc_desktop.domain.report import Report
from cchc_desktop.i18n import _
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.submission.email_draft import build_email, human_size, recipients
from cchc_desktop.submission.manifest import MANIFEST_NAME, Manifest


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


MAX_PARTS = 50     # the outbox's own limit (storage/models.py OutboxRow)


class TooLargeError(KnownError):
    """The message is larger than the account's server takes: offer the zip alone."""


def message_id(unit_code: str, period_key: str, revision: int, data_sha256: str,
               part: tuple[int, int] | None = None) -> str:
    safe = re.sub(r"[^A-Za-z0-9.-]", "-", unit_code)[:60]
    parted = f".p{part[0]}of{part[1]}" if part is not None else ""
    return f"<cchc.{safe}.{period_key}.r{revision}.{data_sha256[:16]}{parted}@cchc-desktop.invalid>"


def package_mail(source: Path, account: MailAccount, *, to: str, zip_only: bool = False,
                 now: dt.datetime | None = None, limit: int | None = None) -> OutgoingMail:
    """The message of the package at `source` (its .zip, or its folder with the .zip beside it).

    TooLargeError when the message is larger than `limit` bytes (the account's limit).
    """
    package = _checked_package(source, to)
    files = package.zip_file() if zip_only else package.files()
    mail = _mail(package, account, to, files, now=now)
    limit = _limit(account, limit)
    if mail.size > limit:
        raise TooLargeError(_("Thư nặng {size}, lớn hơn giới hạn {limit} MB của máy chủ thư. Có thể "
                              "gửi riêng tệp nén .zip, chia thành nhiều thư, hoặc gửi qua hệ thống "
                              "quản lý văn bản.").format(size=human_size(mail.size),
                                                          limit=_megabytes(limit)))
    return mail


def split_package_mails(source: Path, account: MailAccount, *, to: str,
                        now: dt.datetime | None = None, limit: int | None = None) -> list[OutgoingMail]:
    """The package's files spread over as few messages as the account's limit allows.

    Each file goes whole in one message, and manifest.json in every one, so that the
    province, saving the attachments of all the messages into one folder, has the package
    as it was signed and imports that folder (its hashes checked as for a zip). A file too
    large on its own is TooLargeError: no message can carry it. A package that fits in one
    message is that one message.
    """
    package = _checked_package(source, to)
    limit = _limit(account, limit)
    files = package.files()
    manifest_file = [f for f in files if f[0] == MANIFEST_NAME]
    groups: list[list[tuple[str, bytes]]] = []

    def fits(group: list[tuple[str, bytes]]) -> bool:
        # Measured as the last of the most parts: its subject, note and Message-ID are the
        # longest any part can have, so the real part is no larger.
        return _mail(package, account, to, [*group, *manifest_file], now=now,
                     part=(MAX_PARTS, MAX_PARTS)).size <= limit

    for name, data in (f for f in files if f[0] != MANIFEST_NAME):
        if groups and fits([*groups[-1], (name, data)]):
            groups[-1].append((name, data))
            continue
        if not fits([(name, data)]):
            raise TooLargeError(_("Tệp {name} nặng {size}: riêng tệp này đã lớn hơn giới hạn {limit} "
                                  "MB của máy chủ thư. Hãy gửi qua hệ thống quản lý văn bản hoặc chép "
                                  "vào USB.").format(name=name, size=human_size(len(data)),
                                                     limit=_megabytes(limit)))
        groups.append([(name, data)])
    if len(groups) <= 1:
        return [_mail(package, account, to, files, now=now)]     # it fits: one message, as ever
    if len(groups) > MAX_PARTS:
        raise TooLargeError(_("Gói cần hơn {most} thư: hãy gửi qua hệ thống quản lý văn bản hoặc "
                              "chép vào USB.").format(most=MAX_PARTS))
    return [_mail(package, account, to, [*group, *manifest_file], now=now,
                  part=(number, len(groups)))
            for number, group in enumerate(groups, start=1)]


@dataclass(frozen=True)
class _CheckedPackage:
    source: Path
    zip_path: Path
    manifest: Manifest
    report: Report

    def files(self) -> list[tuple[str, bytes]]:
        """The PDF, the workbook and the other files the manifest lists, then the manifest."""
        from cchc_desktop.submission.verify import read_package  # pyhanko, with the checks

        contents = read_package(self.source)
        names = [entry.name for entry in self.manifest.files] + [MANIFEST_NAME]
        return [(name, contents[name]) for name in names if name in contents]

    def zip_file(self) -> list[tuple[str, bytes]]:
        if not self.zip_path.exists():
            raise KnownError(_("Không thấy tệp nén {name}.").format(name=self.zip_path.name))
        return [(self.zip_path.name, self.zip_path.read_bytes())]


def _checked_package(source: Path, to: str) -> _CheckedPackage:
    # The checks load pyhanko and openpyxl: only when a package is mailed.
    from cchc_desktop.submission.package_check import Outcome
    from cchc_desktop.submission.verify import verify_package

    source = Path(source)
    zip_path = source if source.suffix.lower() == ".zip" else source.with_name(source.name + ".zip")
    check = verify_package(zip_path if zip_path.exists() else source)
    if check.outcome is Outcome.INVALID or check.report is None:
        raise KnownError(_("Không gửi gói {name}: gói không còn nguyên vẹn ({problems}). Hãy đóng gói "
                           "lại.").format(name=source.name, problems="; ".join(check.problems)))
    if not recipients(to):
        raise KnownError(_("Chưa có địa chỉ thư của cơ quan cấp trên: nhập trong Cài đặt đơn vị."))
    report = check.report
    report.revision = check.manifest.revision
    return _CheckedPackage(source, zip_path, check.manifest, report)


def _mail(package: _CheckedPackage, account: MailAccount, to: str, files: list[tuple[str, bytes]], *,
          now: dt.datetime | None, part: tuple[int, int] | None = None) -> OutgoingMail:
    manifest = package.manifest
    ident = message_id(manifest.unit_code, manifest.period_key, manifest.revision,
                       manifest.data_sha256 or "0" * 16, part)
    message = build_email(package.report, files, to=to, cc=account.cc, sender=account.sender,
                          signed=manifest.signed, message_id=ident,
                          read_receipt=account.read_receipt, draft=False, part=part)
    message["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    every = tuple(a.addr_spec for a in recipients(to) + recipients(account.cc))
    return OutgoingMail(manifest.unit_code, manifest.period_key, manifest.revision, ident, every,
                        str(message["Subject"]), message.as_bytes())


def _limit(account: MailAccount, limit: int | None) -> int:
    return limit if limit is not None else account.limit_mb * 1024 * 1024


def _megabytes(size: int) -> str:
    return format_number(Decimal(size) / (1024 * 1024), 1)


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
