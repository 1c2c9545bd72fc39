"""The unit's signing set-up kept in its data file: the seal image, the signer's
handwritten-signature image and the timestamp server.

Set once (Cài đặt > Chữ ký số, or `package --seal/--signature-image/--tsa` with --db) and used
by every signature the unit makes, from the window or the command line, so that both sign
alike. The signature image is that of the person who usually signs the unit's reports: a
data file is one unit's, and a new signer means a new image.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.text_hygiene import TextProblem, clean_name
from cchc_desktop.i18n import _
from cchc_desktop.submission.signature_image import SignatureImage, load_signature_png
from cchc_desktop.submission.signing import SealImage, SigningKey, load_seal_png
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_SIGNATURE_PNG, SETTING_TSA_URL

MAX_URL_LENGTH = 2000   # a timestamp server's address is short; a pasted page is not one


class Settings(Protocol):
    def setting(self, key: str, default: str = "") -> str: ...

    def set_setting(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class SigningSetup:
    seal_path: str = ""     # absolute path of the unit's seal PNG; "" for none
    tsa_url: str = ""       # RFC 3161 server; "" to sign without a timestamp
    signature_path: str = ""    # absolute path of the signer's signature PNG; "" for none


def stored_setup(settings: Settings) -> SigningSetup:
    return SigningSetup(settings.setting(SETTING_SEAL_PNG, "") or "",
                        settings.setting(SETTING_TSA_URL, "") or "",
                        settings.setting(SETTING_SIGNATURE_PNG, "") or "")


def checked_tsa_url(url: str) -> str:
    """The URL stripped, or a KnownError saying what a timestamp server's address looks like."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise KnownError(_("Địa chỉ máy chủ dấu thời gian quá dài ({n} ký tự; tối đa {limit}).").format(
            n=len(url), limit=MAX_URL_LENGTH))
    try:
        url = clean_name(url)
    except TextProblem as problem:
        raise KnownError(_("Địa chỉ máy chủ dấu thời gian {problem}.").format(problem=problem)) from problem
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise KnownError(_("Địa chỉ máy chủ dấu thời gian {url} không hợp lệ (cần http:// hoặc "
                               "https://).").format(url=url))
    return url


def save_setup(settings: Settings, setup: SigningSetup) -> SigningSetup:
    """Check and keep the set-up: the seal and the signature image must load (transparent
    PNGs), the URL be http(s); nothing is kept unless all three pass."""
    seal = str(Path(setup.seal_path).resolve()) if setup.seal_path else ""
    if seal:
        load_seal_png(Path(seal))
    signature = str(Path(setup.signature_path).resolve()) if setup.signature_path else ""
    if signature:
        load_signature_png(Path(signature))
    saved = SigningSetup(seal, checked_tsa_url(setup.tsa_url), signature)
    settings.set_setting(SETTING_SEAL_PNG, saved.seal_path)
    settings.set_setting(SETTING_TSA_URL, saved.tsa_url)
    settings.set_setting(SETTING_SIGNATURE_PNG, saved.signature_path)
    return saved


def load_setup_seal(setup: SigningSetup) -> SealImage | None:
    return load_seal_png(Path(setup.seal_path)) if setup.seal_path else None


def load_setup_signature(setup: SigningSetup) -> SignatureImage | None:
    return load_signature_png(Path(setup.signature_path)) if setup.signature_path else None


def apply_setup(key: SigningKey, setup: SigningSetup) -> None:
    """Put the seal, the signature image and the timestamp server on `key`, so its signature
    uses them (the same checks as when they are saved: a set-up from the command line or an
    old file too)."""
    key.seal = load_setup_seal(setup)
    key.signature_image = load_setup_signature(setup)
    key.tsa_url = checked_tsa_url(setup.tsa_url)
