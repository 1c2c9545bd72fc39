"""outbox/account.py: the SMTP account, kept in the data file without its password.

The module promises an account checked field by field (cleaned of spaces, each wrong field
named in Vietnamese), "host:port" read with the usual port of the connection's kind, the
stored JSON read back as written (a field of the wrong type: not set up; an unknown key:
ignored), and the password only in the operating system's keyring, under the service
"CCHC Desktop SMTP" and the account's user@host:port — never in the stored JSON.

Beside tests/outbox/test_hostile_input.py (addresses a server would refuse, hand-edited
settings, bad fields).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.account import (
    KEYRING_SERVICE,
    MailAccount,
    dump_account,
    keep_password,
    load_account,
    parse_server,
    stored_password,
)

ACCOUNT = MailAccount(host="smtp.tinh.gov.vn", port=587, user="", sender="vanthu@xa.gov.vn")


class MemoryKeyring(KeyringBackend):
    """A keyring of this process only: what the OS keyring would hold, readable by the test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.kept[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def test_an_account_is_set_up_with_a_server_and_a_sender() -> None:
    assert not MailAccount().configured
    assert not replace(ACCOUNT, sender="").configured
    assert ACCOUNT.configured
    assert ACCOUNT.keyring_user == "vanthu@xa.gov.vn@smtp.tinh.gov.vn:587"   # the sender, no user
    assert replace(ACCOUNT, user="vanthu", port=465).keyring_user == "vanthu@smtp.tinh.gov.vn:465"


def test_checking_cleans_the_fields_and_takes_the_bounds() -> None:
    typed = MailAccount(host="  smtp.tinh.gov.vn ", port=65535, sender=" vanthu@xa.gov.vn ",
                        user=" vanthu ", cc=" luu@xa.gov.vn, snv@tinh.gov.vn ", limit_mb=100,
                        cafile=" /etc/ca.pem ")
    assert typed.checked() == MailAccount(host="smtp.tinh.gov.vn", port=65535,
                                          sender="vanthu@xa.gov.vn", user="vanthu",
                                          cc="luu@xa.gov.vn, snv@tinh.gov.vn", limit_mb=100,
                                          cafile="/etc/ca.pem")
    assert replace(ACCOUNT, port=1, limit_mb=1).checked().port == 1
    for change, message in (({"port": 65536}, "Cổng máy chủ thư phải từ 1 đến 65535."),
                            ({"host": ""}, "Máy chủ thư (SMTP) không hợp lệ: ."),
                            ({"host": "a" * 254}, f"Máy chủ thư (SMTP) không hợp lệ: {'a' * 254}."),
                            ({"limit_mb": 0}, "Giới hạn dung lượng thư phải từ 1 đến 100 MB."),
                            ({"sender": "vanthu"}, "Địa chỉ gửi thư không hợp lệ: vanthu.")):
        with pytest.raises(KnownError) as refused:
            replace(ACCOUNT, **change).checked()
        assert refused.value.message == message


@pytest.mark.parametrize(("text", "security", "server"), [
    ("smtp.tinh.gov.vn:25", "none", ("smtp.tinh.gov.vn", 25)),
    (" smtp.tinh.gov.vn ", "starttls", ("smtp.tinh.gov.vn", 587)),
    ("smtp.tinh.gov.vn", "ssl", ("smtp.tinh.gov.vn", 465)),
    ("smtp.tinh.gov.vn:", "ssl", ("smtp.tinh.gov.vn", 465)),
    ("10.0.0.5:2525", "starttls", ("10.0.0.5", 2525)),
], ids=["port-given", "spaces", "ssl-default", "colon-without-port", "lan-relay"])
def test_host_and_port_are_read_with_the_usual_port_of_the_connection(
        text: str, security: str, server: tuple[str, int]) -> None:
    assert parse_server(text, security) == server


def test_a_port_that_is_not_a_number_is_named() -> None:
    with pytest.raises(KnownError) as refused:
        parse_server("smtp.tinh.gov.vn:cổng")
    assert refused.value.message == "Cổng máy chủ thư không hợp lệ: cổng."


def test_the_stored_account_reads_back_and_never_holds_the_password(
        memory_keyring: MemoryKeyring) -> None:
    account = replace(ACCOUNT, user="vanthu", cc="lưu trữ <luu@xa.gov.vn>", read_receipt=True)
    keep_password(account, "mật-khẩu-đúng")
    stored = dump_account(account)
    assert "mật-khẩu-đúng" not in stored and "lưu trữ" in stored          # UTF-8, not \u-escaped
    assert load_account(stored) == account and load_account("") == MailAccount()
    assert memory_keyring.kept == {(KEYRING_SERVICE, "vanthu@smtp.tinh.gov.vn:587"): "mật-khẩu-đúng"}
    assert stored_password(account) == "mật-khẩu-đúng"
    assert stored_password(replace(account, port=465)) is None   # another server, another entry


def test_a_key_of_a_newer_version_is_ignored_a_wrong_type_is_not() -> None:
    stored = dump_account(ACCOUNT)
    assert load_account(stored[:-1] + ', "tls_min": "1.2"}') == ACCOUNT
    assert load_account(stored.replace('"port": 587', '"port": 587.0')) == MailAccount()
    assert load_account(stored.replace('"read_receipt": false', '"read_receipt": 0')) == MailAccount()


def test_without_a_keyring_the_password_is_asked_each_time(no_keyring: None) -> None:
    assert stored_password(ACCOUNT) is None
    with pytest.raises(KnownError) as refused:
        keep_password(ACCOUNT, "mật-khẩu")
    assert refused.value.message.startswith(
        "Không lưu được mật khẩu vào kho mật khẩu của hệ điều hành (")
    assert refused.value.message.endswith("); mật khẩu sẽ được hỏi mỗi lần gửi.")
