"""submission/timestamps.py: the timestamp server chosen for a signature, or why there is none.

The module promises an HTTP(S) timestamper only for a server that accepts a connection
within the probe's seconds, with the request's own timeout, and otherwise a Vietnamese
sentence saying the signature goes without a timestamp and why (none configured, an
address that is no http(s) server, a server not reached).

Beside tests/submission/test_signature_appearance.py (an unreachable server answered
quickly, no URL and ftp://, a listening server, a real token in the CMS).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from pyhanko.sign.timestamps import HTTPTimeStamper

from cchc_desktop.submission.timestamps import REQUEST_TIMEOUT, choose_timestamper

INVALID = ("Địa chỉ máy chủ dấu thời gian {url} không hợp lệ (cần http:// hoặc https://); ký không "
           "có dấu thời gian.")


@pytest.fixture
def listening_port() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(2)
        yield int(server.getsockname()[1])


def test_without_an_address_the_pcs_clock_is_said_to_be_the_time() -> None:
    for url in (None, "", "   "):
        choice = choose_timestamper(url)
        assert (choice.timestamper, choice.url) == (None, "")
        assert choice.reason == ("Chưa cấu hình máy chủ dấu thời gian; ký không có dấu thời gian "
                                 "(thời gian ký là giờ của máy tính).")


@pytest.mark.parametrize("url", ["http://", "tsa.ca.gov.vn/tsa", "file:///etc/passwd",
                                 "http://127.0.0.1:70000/tsa", "https://127.0.0.1:cong/"],
                         ids=["no-host", "no-scheme", "file", "port-out-of-range", "port-not-a-number"])
def test_an_address_that_is_no_http_server_is_named(url: str) -> None:
    choice = choose_timestamper(url)
    assert (choice.timestamper, choice.url, choice.reason) == (None, url, INVALID.format(url=url))


def test_a_listening_server_gets_a_timestamper_of_its_scheme(listening_port: int) -> None:
    for scheme in ("http", "https"):
        url = f"{scheme}://127.0.0.1:{listening_port}/tsa"
        choice = choose_timestamper(f"  {url}  ", timeout=1)
        assert isinstance(choice.timestamper, HTTPTimeStamper)
        assert (choice.url, choice.reason) == (url, "")
        assert (choice.timestamper.url, choice.timestamper.timeout) == (url, REQUEST_TIMEOUT)


def test_a_server_not_listening_is_said_not_reached() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/tsa"
    choice = choose_timestamper(url, timeout=1)
    assert choice.timestamper is None
    assert choice.reason == (f"Không kết nối được máy chủ dấu thời gian {url}; ký không có dấu "
                             "thời gian (thời gian ký là giờ của máy tính).")
