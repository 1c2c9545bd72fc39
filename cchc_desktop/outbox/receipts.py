"""The superior unit's "đã nhận" reply to a unit whose report it received (the board).

What the province tells a commune once its package is imported: received when, which
revision, and whether the figures passed the checks or what is to be corrected. The text is
for the province's own mail program or webmail (the board copies it): the commune's address
is in the commune's mail, not in its package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_desktop.domain.formatting import format_number
from cchc_desktop.i18n import _
from cchc_desktop.submission.email_draft import short_unit_name


@dataclass(frozen=True)
class ReceiptReply:
    subject: str
    body: str

    @property
    def text(self) -> str:
        return _("Tiêu đề: {subject}").format(subject=self.subject) + "\n\n" + self.body


def receipt_reply(*, unit_name: str, period_phrase: str, revision: int | None,
                  received_at: dt.datetime, errors: int, receiver_name: str) -> ReceiptReply:
    """'Đã nhận báo cáo CCHC quý I năm 2026 của UBND xã Mỹ An (lần gửi 0)' and its body."""
    unit, receiver = " ".join(unit_name.split()), " ".join(receiver_name.split())
    sent = _(" (lần gửi {revision})").format(revision=revision) if revision is not None else ""
    subject = _("Đã nhận báo cáo CCHC {period} của {unit}{sent}").format(
        period=period_phrase, unit=short_unit_name(unit), sent=sent)
    lines = [_("Kính gửi: {unit}.").format(unit=unit), "",
             _("{receiver} đã nhận báo cáo kết quả thực hiện công tác cải cách hành chính {period} "
               "của {unit}{sent} lúc {time} ngày {date}.").format(
                 receiver=receiver, period=period_phrase, unit=unit, sent=sent,
                 time=f"{received_at:%H:%M}", date=f"{received_at:%d/%m/%Y}")]
    if errors:
        lines.append(_("Khi tổng hợp, số liệu của báo cáo có {n} lỗi (số liệu không khớp nhau); đề "
                       "nghị đơn vị kiểm tra, sửa và gửi lại lần gửi tiếp theo.").format(
                           n=format_number(errors)))
    else:
        lines.append(_("Số liệu của báo cáo đã được kiểm tra, không có lỗi."))
    lines += ["", _("Trân trọng."), receiver]
    return ReceiptReply(subject, "\n".join(lines) + "\n")
