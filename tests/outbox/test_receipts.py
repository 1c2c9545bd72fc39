"""The province's "đã nhận" reply: who, when, which revision, and whether to correct."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.outbox.receipts import receipt_reply


def test_a_reply_with_errors_asks_for_the_next_revision() -> None:
    reply = receipt_reply(unit_name="Ủy ban nhân dân xã Mỹ An", period_phrase="quý I năm 2026",
                          revision=2, received_at=dt.datetime(2026, 3, 19, 8, 5), errors=3,
                          receiver_name="Sở Nội vụ tỉnh Đồng Tháp")
    assert reply.subject == "Đã nhận báo cáo CCHC quý I năm 2026 của UBND xã Mỹ An (lần gửi 2)"
    assert reply.body.startswith("Kính gửi: Ủy ban nhân dân xã Mỹ An.")
    assert "lúc 08:05 ngày 19/03/2026" in reply.body and "có 3 lỗi" in reply.body
    assert "gửi lại lần gửi tiếp theo" in reply.body
    clean = receipt_reply(unit_name="UBND xã B", period_phrase="6 tháng năm 2026", revision=None,
                          received_at=dt.datetime(2026, 6, 18, 14, 30), errors=0,
                          receiver_name="Sở Nội vụ")
    assert clean.subject == "Đã nhận báo cáo CCHC 6 tháng năm 2026 của UBND xã B"
    assert "không có lỗi" in clean.body
