"""submission/appearance_settings.py: the unit's seal, signature image and timestamp server,
kept in its data file and put on every key it signs with.

The module promises a set-up kept all or nothing (both images must load, the address be
http(s)), full paths kept, a set-up replaced as a whole (an empty field clears it), and the
same checks when a stored set-up is put on a key, so an old or hand-edited one is refused.

Beside tests/submission/test_signature_image.py (refused signature images, a relative path
kept in full, an image moved away since) and test_signature_appearance.py (addresses with
hidden characters or a page of text).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from submission.certificates import Pki, make_pki
from submission.signature_pngs import signature_png

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.appearance_settings import (
    SigningSetup,
    apply_setup,
    checked_tsa_url,
    save_setup,
    stored_setup,
)
from cchc_desktop.submission.signing import load_pkcs12
from cchc_desktop.submission.timestamps import SETTING_TSA_URL

TSA = "http://tsa.ca.gov.vn/tsa"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    database = Database.open(tmp_path / "cchc.sqlite3")
    yield ReportStore(database)
    database.close()


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def _seal(path: Path) -> Path:
    Image.new("RGBA", (120, 120), (220, 0, 0, 128)).save(path, format="PNG")
    return path


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://tsa.ca.gov.vn", "Địa chỉ máy chủ dấu thời gian ftp://tsa.ca.gov.vn không hợp lệ (cần "
                            "http:// hoặc https://)."),
    ("tsa.ca.gov.vn", "Địa chỉ máy chủ dấu thời gian tsa.ca.gov.vn không hợp lệ (cần http:// "
                      "hoặc https://)."),
    ("http://", "Địa chỉ máy chủ dấu thời gian http:// không hợp lệ (cần http:// hoặc https://)."),
], ids=["ftp", "no-scheme", "no-host"])
def test_an_address_that_is_no_timestamp_server_is_named(url: str, message: str) -> None:
    with pytest.raises(KnownError) as refused:
        checked_tsa_url(url)
    assert refused.value.message == message


def test_no_address_is_signing_without_a_timestamp() -> None:
    assert checked_tsa_url("   ") == ""
    assert checked_tsa_url(" https://tsa.ca.gov.vn:8443/ ") == "https://tsa.ca.gov.vn:8443/"


def test_the_set_up_is_kept_whole_and_replaced_whole(store: ReportStore, tmp_path: Path) -> None:
    seal, signature = _seal(tmp_path / "dau.png"), signature_png(tmp_path / "chu-ky.png")
    saved = save_setup(store, SigningSetup(str(seal), f"  {TSA} ", str(signature)))
    assert saved == SigningSetup(str(seal.resolve()), TSA, str(signature.resolve()))
    assert stored_setup(store) == saved
    cleared = save_setup(store, SigningSetup(tsa_url=TSA))      # the seal and image taken off
    assert stored_setup(store) == cleared == SigningSetup("", TSA, "")


def test_a_wrong_address_keeps_nothing_of_the_new_set_up(store: ReportStore, tmp_path: Path) -> None:
    first = save_setup(store, SigningSetup(str(_seal(tmp_path / "dau.png")), TSA))
    with pytest.raises(KnownError, match="không hợp lệ"):
        save_setup(store, SigningSetup("", "ftp://tsa", str(signature_png(tmp_path / "ck.png"))))
    assert stored_setup(store) == first


def test_the_set_up_goes_on_the_key_and_an_old_wrong_address_is_refused_there(
        store: ReportStore, pki: Pki, tmp_path: Path) -> None:
    save_setup(store, SigningSetup(str(_seal(tmp_path / "dau.png")), TSA,
                                   str(signature_png(tmp_path / "chu-ky.png"))))
    key = load_pkcs12(pki.p12, pki.password)
    apply_setup(key, stored_setup(store))
    assert key.seal is not None and (key.seal.name, key.seal.width) == ("dau.png", 120)
    assert key.signature_image is not None and key.signature_image.name == "chu-ky.png"
    assert key.tsa_url == TSA
    plain = load_pkcs12(pki.p12, pki.password)
    apply_setup(plain, SigningSetup())                   # none: the key signs plainly
    assert (plain.seal, plain.signature_image, plain.tsa_url) == (None, None, "")
    store.set_setting(SETTING_TSA_URL, "javascript:alert(1)")   # a data file edited by hand
    with pytest.raises(KnownError, match="javascript:alert"):
        apply_setup(key, stored_setup(store))
