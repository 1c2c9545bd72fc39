"""Choosing the RFC 3161 timestamp server for a signature, or saying why the signature has none.

The PC's clock is only the signer's claim about when they signed; a timestamp token from a
timestamp server (TSA) is a third party's statement that the document existed at that time.
Offices are often offline, so the server is probed first with a short timeout: an offline
machine must sign at once (without a timestamp, and saying so), not hang for a minute.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cchc_desktop.i18n import _

# Settings keys in the data file (ReportStore.setting / set_setting).
SETTING_TSA_URL = "signing.tsa_url"
SETTING_SEAL_PNG = "signing.seal_png"
SETTING_SIGNATURE_PNG = "signing.signature_png"   # the signer's handwritten-signature image

PROBE_TIMEOUT = 3.0     # seconds: long enough for a provincial network, short enough to wait
REQUEST_TIMEOUT = 10    # seconds for the timestamp request itself, once the server answered


@dataclass(frozen=True)
class TimestampChoice:
    """The timestamper to use (None: sign without one) and, when None, the reason in Vietnamese."""

    timestamper: Any | None           # pyhanko.sign.timestamps.TimeStamper
    url: str = ""
    reason: str = ""


def choose_timestamper(url: str | None, *, timeout: float = PROBE_TIMEOUT) -> TimestampChoice:
    """A pyhanko HTTPTimeStamper for `url` if its server accepts a connection within `timeout`.

    Without a URL, or when the server cannot be reached, the choice carries no timestamper and a
    sentence for the clerk; signing then goes on without a timestamp.
    """
    url = (url or "").strip()
    if not url:
        return TimestampChoice(None, "", _("Chưa cấu hình máy chủ dấu thời gian; ký không có dấu "
                                           "thời gian (thời gian ký là giờ của máy tính)."))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return TimestampChoice(None, url, _("Địa chỉ máy chủ dấu thời gian {url} không hợp lệ (cần "
                                            "http:// hoặc https://); ký không có dấu thời gian.")
                               .format(url=url))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = -1
    if port <= 0:
        return TimestampChoice(None, url, _("Địa chỉ máy chủ dấu thời gian {url} không hợp lệ (cần "
                                            "http:// hoặc https://); ký không có dấu thời gian.")
                               .format(url=url))
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            pass
    except OSError:
        return TimestampChoice(None, url, _("Không kết nối được máy chủ dấu thời gian {url}; ký không "
                                            "có dấu thời gian (thời gian ký là giờ của máy tính).")
                               .format(url=url))
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return TimestampChoice(HTTPTimeStamper(url, https=parts.scheme == "https",
                                           timeout=REQUEST_TIMEOUT), url)
