"""What the outbox reads from a clerk or a file, hostile or wrong: a Vietnamese message, nothing sent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from in_process_cli import cli

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.outbox.account import MailAccount, dump_account, load_account
from cchc_desktop.submission.email_draft import recipients

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("address", ["vănthư@xa.gov.vn", "a\udcff@b.vn", "a@b.vn\r\nBcc: x@y.vn",
                                     "<a@b.vn>", "a@b", "@b.vn"])
def test_an_address_a_server_would_refuse_is_named(address: str) -> None:
    with pytest.raises(KnownError, match="Địa chỉ email không hợp lệ"):
        recipients(f"ok@b.vn, {address}")


@pytest.mark.parametrize("stored", ['{"host": "h", "sender": "a@b.vn", "port": "abc"}',
                                    '{"host": "h", "sender": "a@b.vn", "limit_mb": 1e999}',
                                    '{"host": ["h"], "sender": "a@b.vn"}', "[1, 2]", "{", "null",
                                    "[" * 100_000])
def test_a_stored_account_edited_by_hand_is_taken_as_not_set_up(stored: str) -> None:
    assert load_account(stored) == MailAccount()


def test_a_good_account_survives_its_round_trip_and_bad_fields_are_refused() -> None:
    account = MailAccount(host="smtp.tinh.gov.vn", port=465, security="ssl", user="u",
                          sender="a@b.vn", cc="c@d.vn", limit_mb=5, read_receipt=True)
    assert load_account(dump_account(account)) == account
    for change, message in (({"host": "smtp tinh"}, "Máy chủ thư"), ({"host": "máy.vn"}, "Máy chủ thư"),
                            ({"port": 0}, "Cổng"), ({"security": "tls1"}, "Kiểu kết nối"),
                            ({"sender": "không có"}, "Địa chỉ gửi"), ({"cc": "x@y"}, "không hợp lệ"),
                            ({"limit_mb": 1000}, "Giới hạn")):
        with pytest.raises(KnownError, match=message):
            dataclasses.replace(account, **change).checked()  # type: ignore[arg-type]


def test_send_refuses_an_address_with_accents_from_the_command_line(package) -> None:  # type: ignore[no-untyped-def]
    result = cli("send", package.zip_path, "--to", "vănthư@b.vn", "--smtp", "127.0.0.1:1",
                 "--from", "c@d.vn", cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Địa chỉ email không hợp lệ: vănthư@b.vn." in result.stderr
