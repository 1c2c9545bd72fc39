"""outbox/smtp_client.py: one message to an SMTP server, and what its failure means.

The module promises the server's own answer to a sent message, and every failure as a
SendFailure with the clerk's Vietnamese sentence and whether trying later can help: a
server busy (4xx) or unreachable may pass; a wrong password, a refused message, a server
certificate that cannot be verified will not. A password with Vietnamese letters goes as
UTF-8 where the server offers AUTH PLAIN.

Beside tests/outbox/test_outbox_smtp.py (wrong password, 552, dropped connection, through
the outbox); all here talk to the real server of tests/smtp_server.py over TCP and TLS.
"""

from __future__ import annotations

import socket

import pytest
from smtp_server import PASSWORD, SmtpServer

from cchc_desktop.outbox.smtp_client import SendFailure, send_message

MESSAGE = "Subject: =?utf-8?b?QsOhbyBjw6Fv?=\r\n\r\nNội dung.\r\n".encode()
TO = ["snv@tinh.gov.vn"]


def _failure(server: SmtpServer, password: str | None = PASSWORD, **account: object) -> SendFailure:
    with pytest.raises(SendFailure) as failed:
        send_message(server.account(**account), password, MESSAGE, TO, timeout=5)
    return failed.value


def test_a_sent_message_returns_the_servers_answer_and_arrives_whole(smtp_server: SmtpServer) -> None:
    reply = send_message(smtp_server.account(), PASSWORD, MESSAGE, [*TO, "luu@xa.gov.vn"], timeout=5)
    assert reply == "250 2.0.0 Ok: queued"
    assert smtp_server.mailbox.accepted == [MESSAGE]
    assert smtp_server.mailbox.envelopes == [("vanthu@xa-my-an.gov.vn",
                                              ["snv@tinh.gov.vn", "luu@xa.gov.vn"])]


def test_a_wrong_password_will_not_pass_and_says_where_to_fix_it(smtp_server: SmtpServer) -> None:
    failure = _failure(smtp_server, "mật-khẩu-sai")
    assert failure.retry is False and failure.reply.startswith("535")
    assert failure.message.startswith("Máy chủ thư không nhận tên đăng nhập hoặc mật khẩu (535")
    assert failure.message.endswith("Hãy kiểm tra lại trong Công cụ > Tài khoản thư.")
    assert smtp_server.mailbox.accepted == []


@pytest.mark.parametrize(("answer", "retry", "start"), [
    ("451 4.3.0 bận, thử lại sau", True,
     "Máy chủ thư tạm thời chưa nhận thư (451 4.3.0 bận, thử lại sau); sẽ thử lại."),
    ("554 5.7.1 thư bị từ chối", False, "Máy chủ thư từ chối thư (554 5.7.1 thư bị từ chối)."),
    ("552 5.3.4 quá lớn", False, "Máy chủ thư từ chối vì thư quá lớn (552 5.3.4 quá lớn). Hãy gửi riêng"),
], ids=["busy", "refused", "too-large"])
def test_the_servers_refusal_says_whether_trying_again_helps(
        smtp_server: SmtpServer, answer: str, retry: bool, start: str) -> None:
    smtp_server.mailbox.answer = answer
    failure = _failure(smtp_server)
    assert failure.retry is retry and failure.message.startswith(start)
    assert failure.reply == answer


def test_a_server_that_is_not_there_may_be_tried_again(smtp_server: SmtpServer) -> None:
    with socket.socket() as probe:               # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = _failure(smtp_server, port=port)
    assert failure.retry is True
    assert failure.message.startswith(f"Chưa kết nối được máy chủ thư 127.0.0.1:{port} (")
    assert failure.message.endswith("); sẽ tự gửi lại khi có mạng.")


def test_a_server_certificate_that_cannot_be_verified_is_refused(smtp_server: SmtpServer) -> None:
    failure = _failure(smtp_server, cafile="")   # the test server's certificate is its own
    assert failure.retry is False
    assert failure.message.startswith("Không xác thực được chứng thư của máy chủ thư 127.0.0.1 (")
    assert "chọn tệp CA trong Tài khoản thư" in failure.message
    assert smtp_server.mailbox.accepted == []


def test_without_tls_no_auth_is_offered_and_an_accented_password_is_said_to_be_the_cause(
        smtp_server: SmtpServer) -> None:
    # The server offers AUTH only after STARTTLS: smtplib's own login would fail on "mật-khẩu"
    # before a byte is sent; the clerk is told what to change instead.
    failure = _failure(smtp_server, security="none")
    assert failure.retry is False
    assert failure.message == ("Máy chủ thư không nhận mật khẩu có chữ có dấu; hãy đổi mật khẩu "
                               "chỉ gồm chữ không dấu, số và ký hiệu.")
