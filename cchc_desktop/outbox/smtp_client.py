"""One message to an SMTP server (STARTTLS, SSL or plain on a LAN), and what its failure means.

Every failure becomes a SendFailure with the clerk's sentence and whether trying again later
can help: a line down, a server busy (4xx) or a connection cut mid-message will pass by
themselves (the outbox retries); a wrong password, a refused size (552) or address (550)
will not, and the sentence says what to do instead.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Sequence

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.outbox.account import MailAccount

TIMEOUT_S = 30


class SendFailure(KnownError):
    def __init__(self, message: str, *, retry: bool, reply: str = "") -> None:
        super().__init__(message)
        self.retry = retry
        self.reply = reply


def _tls_context(account: MailAccount) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if account.cafile:
        context.load_verify_locations(cafile=account.cafile)
    return context


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip()


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH PLAIN in UTF-8 (RFC 4616) where the server offers it, else smtplib's login.

    smtplib encodes the credentials as ASCII and fails on "mật-khẩu" before a byte is sent, and
    after a refused PLAIN it goes on to try LOGIN; one PLAIN exchange, UTF-8, says it once.
    """
    offered = client.esmtp_features.get("auth", "").upper().split() if client.has_extn("auth") else []
    if "PLAIN" not in offered:
        if not (user + password).isascii():
            raise SendFailure(_("Máy chủ thư không nhận mật khẩu có chữ có dấu; hãy đổi mật khẩu chỉ "
                                "gồm chữ không dấu, số và ký hiệu."), retry=False)
        client.login(user, password)
        return
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8"))
    code, text = client.docmd("AUTH", "PLAIN " + token.decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, text)


def send_message(account: MailAccount, password: str | None, data: bytes,
                 recipients: Sequence[str], *, timeout: float = TIMEOUT_S) -> str:
    """Send `data` (a whole message) and return the server's answer to it ('250 2.0.0 Ok ...')."""
    try:
        if account.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(account.host, account.port, timeout=timeout,
                                                    context=_tls_context(account))
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=timeout)
        with client:
            client.ehlo()
            if account.security == "starttls":
                client.starttls(context=_tls_context(account))
                client.ehlo()
            if account.user:
                _login(client, account.user, password or "")
            # mail/rcpt/data rather than sendmail: data() returns the server's own answer to
            # the message ("250 2.0.0 Ok: queued as 4F1A2"), which the send log keeps.
            code, text = client.mail(account.sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, text, account.sender)
            refused = []
            for recipient in recipients:
                code, text = client.rcpt(recipient)
                if code not in (250, 251):
                    refused.append(f"{recipient} ({_reply(code, text)})")
            if refused:
                client.rset()
                raise SendFailure(_("Máy chủ thư từ chối người nhận {who}.").format(
                    who="; ".join(refused)), retry=False, reply="; ".join(refused))
            code, text = client.data(data)
            if code != 250:     # data() returns the final answer, whatever it is
                raise smtplib.SMTPDataError(code, text)
            return _reply(code, text)
    except SendFailure:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailure(_("Máy chủ thư không nhận tên đăng nhập hoặc mật khẩu ({reply}). Hãy kiểm "
                            "tra lại trong Công cụ > Tài khoản thư.").format(
                                reply=_reply(exc.smtp_code, exc.smtp_error)),
                          retry=False, reply=_reply(exc.smtp_code, exc.smtp_error)) from exc
    except smtplib.SMTPResponseException as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if exc.smtp_code == 552:
            raise SendFailure(_("Máy chủ thư từ chối vì thư quá lớn ({reply}). Hãy gửi riêng tệp "
                                ".zip, hoặc giảm giới hạn dung lượng trong Tài khoản thư.").format(
                                    reply=reply), retry=False, reply=reply) from exc
        if 400 <= exc.smtp_code < 500:
            raise SendFailure(_("Máy chủ thư tạm thời chưa nhận thư ({reply}); sẽ thử lại.").format(
                reply=reply), retry=True, reply=reply) from exc
        raise SendFailure(_("Máy chủ thư từ chối thư ({reply}).").format(reply=reply),
                          retry=False, reply=reply) from exc
    except ssl.SSLCertVerificationError as exc:
        raise SendFailure(_("Không xác thực được chứng thư của máy chủ thư {host} ({reason}). Nếu cơ "
                            "quan dùng chứng thư riêng, chọn tệp CA trong Tài khoản thư.").format(
                                host=account.host, reason=exc.verify_message or exc),
                          retry=False) from exc
    except (TimeoutError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError,
            ssl.SSLError, OSError) as exc:
        raise SendFailure(_("Chưa kết nối được máy chủ thư {host}:{port} ({reason}); sẽ tự gửi lại "
                            "khi có mạng.").format(host=account.host, port=account.port,
                                                    reason=exc.__class__.__name__ if not str(exc)
                                                    else exc), retry=True) from exc
    except smtplib.SMTPException as exc:
        raise SendFailure(_("Gửi thư không được ({reason}); sẽ thử lại.").format(reason=exc),
                          retry=True) from exc
