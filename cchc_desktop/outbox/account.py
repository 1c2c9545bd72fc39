"""Công cụ > Tài khoản thư: the SMTP account, kept in the data file without its password.

The password goes to the operating system's keyring (Windows Credential Manager, the macOS
Keychain, the Secret Service on Linux) through `keyring`, never into the data file, a
setting or a log: a data file is copied to USB sticks and mailed to the province. Where
the PC has no keyring (a bare Linux session), the app asks for the password each time.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.submission.email_draft import recipients

ACCOUNT_SETTING = "mail_account"
KEYRING_SERVICE = "CCHC Desktop SMTP"
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_LIMIT_MB = 10      # many official mail servers refuse messages above about 10 MB


@dataclass(frozen=True)
class MailAccount:
    host: str = ""
    port: int = 587
    security: str = "starttls"          # "starttls" (port 587), "ssl" (465) or "none" (LAN relay)
    user: str = ""
    sender: str = ""                    # the From: address, the unit's official mailbox
    cc: str = ""                        # copies for every submission, comma-separated
    limit_mb: int = DEFAULT_LIMIT_MB    # the largest message the account's server takes
    read_receipt: bool = False
    cafile: str = ""                    # an office server's own CA certificate (PEM), if any

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def keyring_user(self) -> str:
        return f"{self.user or self.sender}@{self.host}:{self.port}"

    def checked(self) -> MailAccount:
        """The account with its fields cleaned; KnownError saying which field is wrong."""
        host = self.host.strip()
        if not host or not host.isascii() or any(c.isspace() for c in host) or len(host) > 253:
            raise KnownError(_("Máy chủ thư (SMTP) không hợp lệ: {host}.").format(host=self.host))
        if not 0 < int(self.port) < 65536:
            raise KnownError(_("Cổng máy chủ thư phải từ 1 đến 65535."))
        if self.security not in SECURITIES:
            raise KnownError(_("Kiểu kết nối phải là STARTTLS, SSL hoặc không mã hóa."))
        sender = self.sender.strip()
        if "@" not in sender or any(c.isspace() for c in sender):
            raise KnownError(_("Địa chỉ gửi thư không hợp lệ: {address}.").format(address=self.sender))
        recipients(sender)      # KnownError naming an address a mail server would refuse
        recipients(self.cc)
        if not 1 <= int(self.limit_mb) <= 100:
            raise KnownError(_("Giới hạn dung lượng thư phải từ 1 đến 100 MB."))
        return replace(self, host=host, sender=sender, user=self.user.strip(), cc=self.cc.strip(),
                       cafile=self.cafile.strip())


def parse_server(text: str, security: str = "starttls") -> tuple[str, int]:
    """'smtp.tinh.gov.vn:587' -> (host, port); the usual port of `security` when none is given."""
    host, _colon, port = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "")
    if not port:
        return host, 465 if security == "ssl" else 587
    if not port.isdigit():
        raise KnownError(_("Cổng máy chủ thư không hợp lệ: {port}.").format(port=port))
    return host, int(port)


def load_account(text: str) -> MailAccount:
    """The account from its stored JSON ('' -> an empty account); unknown keys are ignored."""
    if not text:
        return MailAccount()
    try:
        data = json.loads(text)
        blank = MailAccount()
        # Each field of the type the account has, or the account is taken as not set up: a
        # setting edited by hand ("port": "abc", "limit_mb": 1e999) never reaches a socket.
        known = {k: v for k, v in data.items() if k in MailAccount.__dataclass_fields__}
        if any(type(v) is not type(getattr(blank, k)) for k, v in known.items()):
            return blank
        return MailAccount(**known)
    except (ValueError, TypeError, AttributeError, RecursionError):
        return MailAccount()


def dump_account(account: MailAccount) -> str:
    return json.dumps(asdict(account), ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------- the password
def stored_password(account: MailAccount) -> str | None:
    """The password from the OS keyring; None if none is kept or the PC has no keyring."""
    try:
        # The keyring backends load only when a password is needed.
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, account.keyring_user)
    except (KeyringError, RuntimeError, OSError):
        return None


def keep_password(account: MailAccount, password: str) -> None:
    """Into the OS keyring; KnownError when the PC has none (the app then asks each time)."""
    try:
        # As above: only when a password is kept.
        import keyring
        from keyring.errors import KeyringError
    except ImportError as exc:
        raise KnownError(_("Máy tính không có kho mật khẩu; mật khẩu sẽ được hỏi mỗi lần gửi."
                           )) from exc
    try:
        keyring.set_password(KEYRING_SERVICE, account.keyring_user, password)
    except (KeyringError, RuntimeError, OSError) as exc:
        raise KnownError(_("Không lưu được mật khẩu vào kho mật khẩu của hệ điều hành ({reason}); "
                           "mật khẩu sẽ được hỏi mỗi lần gửi.").format(reason=exc)) from exc
