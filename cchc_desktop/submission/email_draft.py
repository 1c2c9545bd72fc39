"""The email to the superior body as an .eml draft that Outlook or Thunderbird opens ready to send.

Offices often mail over a poor connection, from a webmail or a program the app cannot
drive; a draft file with the package attached works with all of them, and the clerk
still presses Send. The draft attaches the package zip, not the PDF and workbook one by
one: the zip carries the manifest, so the superior unit's app can check the sums and the
signature on import. (The function takes any list of files, should an office want them
separate.) `X-Unsent: 1` makes Outlook open the file as a new message, not a received one.
"""

from __future__ import annotations

import email.errors
import mimetypes
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import Report
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import _

SIZE_WARNING = 10 * 1024 * 1024     # many office mailboxes refuse messages above about 10 MB
_TYPES = {".zip": "application/zip", ".pdf": "application/pdf", ".json": "application/json",
          ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class EmailDraft:
    path: Path
    attachments_size: int           # bytes, before the mail's base64 encoding
    warning: str | None = None      # Vietnamese; set when the attachments are too big to mail


def short_unit_name(name: str) -> str:
    """'Ủy ban nhân dân xã Mỹ An' -> 'UBND xã Mỹ An', as subjects usually abbreviate it."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    for long in ("Ủy ban nhân dân", "Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"):
        if name.startswith(long):
            return "UBND" + name[len(long):]
    return name


def human_size(size: int) -> str:
    """'850 KB', '1,2 MB' in the current language's number format."""
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))} KB"
    return f"{format_number(Decimal(size) / (1024 * 1024), 1)} MB"


def email_subject(report: Report) -> str:
    """'Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)'."""
    return _("Báo cáo CCHC {period} - {unit} (lần gửi {revision})").format(
        period=report.period.phrase, unit=short_unit_name(report.unit.name),
        revision=report.revision)


def email_body(report: Report, attachments: Sequence[tuple[str, int]], *, signed: bool,
               part: tuple[int, int] | None = None) -> str:
    unit = " ".join(report.unit.name.split())
    superior = " ".join(report.unit.parent.split())
    greeting = (_("Kính gửi: {superior}.").format(superior=superior) if superior
                else _("Kính gửi: cơ quan cấp trên."))
    lines = [greeting, "",
             _("{unit} gửi báo cáo kết quả thực hiện công tác cải cách hành chính {period}.").format(
                 unit=unit, period=report.period.phrase)]
    number = report.document.number.strip()
    if number:
        lines.append(_("Số báo cáo: {number}/{symbol}.").format(number=number.zfill(2),
                                                               symbol=report.document.symbol))
    if report.revision > 0:
        lines.append(_("Đây là lần gửi {revision}, thay thế báo cáo đã gửi lần {previous}.").format(
            revision=report.revision, previous=report.revision - 1))
    lines.append(_("Báo cáo đã được ký số.") if signed else
                 _("Báo cáo chưa ký số; bản giấy có chữ ký và con dấu gửi sau theo quy định."))
    if part is not None:
        lines += ["", _("Thư {part}/{parts}: gói báo cáo được chia thành {parts} thư vì máy chủ thư "
                        "không nhận thư lớn. Hãy lưu tệp đính kèm của cả {parts} thư vào cùng một "
                        "thư mục rồi nhập thư mục đó; tệp manifest.json có trong mỗi thư là một.")
                  .format(part=part[0], parts=part[1])]
    lines += ["", _("Tệp đính kèm:")]
    lines += [f"- {name} ({human_size(size)})" for name, size in attachments]
    lines += ["", _("Tệp .zip gồm báo cáo PDF, biểu số liệu Excel và tệp manifest.json để kiểm tra "
                   "tính toàn vẹn khi nhập vào phần mềm CCHC Desktop."),
              "", _("Trân trọng."), unit]
    return "\n".join(lines) + "\n"


class _Subject(str):
    """A Subject header that folds with spaces kept.

    Python 3.11's folder drops the space between two encoded words when a line break
    falls on it ('UBND xãMỹ An'); email.header.Header keeps the space inside the
    encoded word. A value with a `name` is a header object to EmailPolicy, which then
    calls its `fold` (the documented protocol of EmailPolicy.header_store_parse/fold).
    """

    name = "Subject"

    def fold(self, *, policy: policy.Policy) -> str:
        linesep = policy.linesep
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=linesep)
        return f"{self.name}: {encoded}{linesep}"


def _recipient(to: str) -> Address | None:
    to = to.strip()
    if not to:
        return None
    # ASCII only: mail servers refuse an address with accents (or a stray surrogate) anyway,
    # and the standard library raises on one instead of saying which.
    if not to.isascii() or not re.fullmatch(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+", to):
        raise KnownError(_("Địa chỉ email không hợp lệ: {address}.").format(
            address=to.encode("utf-8", "replace").decode("utf-8")))
    username, _at, domain = to.rpartition("@")
    try:
        return Address(addr_spec=f"{username}@{domain}")
    except (ValueError, IndexError, email.errors.MessageError) as exc:
        raise KnownError(_("Địa chỉ email không hợp lệ: {address}.").format(address=to)) from exc


def recipients(text: str) -> list[Address]:
    """'a@x.vn, b@y.vn; c@z.vn' -> the addresses; KnownError naming one that is not valid."""
    found = [_recipient(part) for part in re.split(r"[,;]", text)]
    return [address for address in found if address is not None]


def build_email(report: Report, attachments: Sequence[Path | tuple[str, bytes]], *, to: str = "",
                signed: bool = False, cc: str = "", sender: str = "", message_id: str = "",
                read_receipt: bool = False, draft: bool = True,
                part: tuple[int, int] | None = None) -> EmailMessage:
    """The message (UTF-8, attachments base64): a draft for a mail program, or the one the
    outbox sends (`draft=False`, with its sender, copies and fixed Message-ID). An attachment
    is a file, or (name, bytes) read from a package's zip; `part` (n, of) for one of the
    messages a package too large for the server was split into."""
    files = [item if isinstance(item, tuple) else (Path(item).name, Path(item).read_bytes())
             for item in attachments]
    message = EmailMessage(policy=policy.SMTP)
    if sender:
        message["From"] = recipients(sender)[0]
    to_addresses = recipients(to)
    if to_addresses:
        message["To"] = to_addresses
    cc_addresses = recipients(cc)
    if cc_addresses:
        message["Cc"] = cc_addresses
    subject = email_subject(report)
    if part is not None:
        subject += " " + _("(thư {part}/{parts})").format(part=part[0], parts=part[1])
    message["Subject"] = _Subject(subject)
    if message_id:
        message["Message-ID"] = message_id
    if read_receipt and sender:
        message["Disposition-Notification-To"] = str(recipients(sender)[0])  # an unstructured header
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(email_body(report, [(name, len(data)) for name, data in files],
                                   signed=signed, part=part), charset="utf-8")
    for name, data in files:
        content_type = _TYPES.get(Path(name).suffix.lower()) or (
            mimetypes.guess_type(name)[0] or "application/octet-stream")
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message


def write_email_draft(report: Report, attachments: Sequence[Path], path: Path, *, to: str = "",
                      signed: bool = False) -> EmailDraft:
    """Write the .eml draft to `path` (atomically); say so when the attachments are too big."""
    try:
        total = sum(Path(p).stat().st_size for p in attachments)
        message = build_email(report, attachments, to=to, signed=signed)
    except OSError as exc:
        raise KnownError(_("Không đọc được tệp đính kèm: {reason}.").format(
            reason=exc.strerror or exc)) from exc
    atomic_write_bytes(Path(path), message.as_bytes())
    warning = None
    if total > SIZE_WARNING:
        warning = _("Tệp đính kèm nặng {size}, vượt 10 MB: nhiều hộp thư sẽ từ chối thư này. Hãy "
                    "gửi qua hệ thống quản lý văn bản hoặc chép tệp .zip vào USB.").format(
            size=human_size(total))
    return EmailDraft(Path(path), total, warning)
