"""cli/verifying.py (verify) promises a package from a subordinate unit checked whole: exit 0
valid and trusted, or unsigned (and said so); 1 intact but the signer not trusted; 2 invalid,
its statement printed even when the file is no package at all (as text or JSON). A signer's own
certificate is refused as a trust anchor, --pin needs CODE=SHA256, and --pin-signer pins the
signer into a data file's trust store once. Beside tests/submission/test_verify.py (the check
itself) and tests/submission/test_signer_pins.py, this file runs the command in-process on one
signed and one unsigned package made once."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from factories import sample_report, template
from in_process_cli import cli
from submission.certificates import Pki, make_pki
from submission.trust_pki import write_pem

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.trust_store import TrustStore
from cchc_desktop.submission.package import build_package
from cchc_desktop.submission.signing import load_pkcs12

UNSIGNED = ("KẾT QUẢ: Gói không ký số. Các tệp khớp nhau, nhưng không có chữ ký nào chứng minh ai "
            "đã lập báo cáo.")
UNTRUSTED = ("KẾT QUẢ: Gói còn nguyên vẹn nhưng người ký CHƯA được tin cậy; hãy đối chiếu dấu vân "
             "tay chứng thư với đơn vị gửi trước khi dùng số liệu.")
VALID = "KẾT QUẢ: Gói hợp lệ; chữ ký số còn nguyên vẹn và người ký được tin cậy."
INVALID = "KẾT QUẢ: Gói KHÔNG hợp lệ; không được nhập số liệu của gói này."


@dataclasses.dataclass(frozen=True)
class Packages:
    pki: Pki
    signed: Path
    unsigned: Path
    folder: Path


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    """The commune's final report packaged signed and unsigned (signing renders the PDF: 3 s)."""
    folder = tmp_path_factory.mktemp("verify")
    pki = make_pki(folder)
    context = build_context(dataclasses.replace(sample_report(), status=ReportStatus.FINAL),
                            template())
    (folder / "ky").mkdir()
    (folder / "khong-ky").mkdir()
    signed = build_package(context, folder / "ky", key=load_pkcs12(pki.p12, pki.password))
    unsigned = build_package(context, folder / "khong-ky")
    return Packages(pki, signed.zip_path, unsigned.zip_path, folder)


def test_an_unsigned_package_is_whole_and_says_so(packages: Packages) -> None:
    result = cli("verify", packages.unsigned)
    lines = result.stdout.splitlines()
    assert (result.returncode, result.stderr) == (0, "")
    assert lines[:3] == ["Đơn vị: Ủy ban nhân dân xã Mỹ An (xa-my-an)",
                         "Kỳ báo cáo: Quý I năm 2026", "Lần gửi: 0 (lần đầu)"]
    assert lines[-3:] == ["Tệp PDF chưa được ký số.",
                          "Các tệp khớp với mã SHA-256 trong manifest (2 tệp).", UNSIGNED]
    english = cli("--lang", "en", "verify", packages.unsigned).stdout.splitlines()
    assert english[-1] == ("RESULT: The package is unsigned. The files match, but no signature "
                           "proves who prepared the report.")


def test_a_signed_package_is_trusted_only_with_its_root(packages: Packages, tmp_path: Path
                                                        ) -> None:
    untrusted = cli("verify", packages.signed)
    assert untrusted.returncode == 1 and untrusted.stdout.splitlines()[-1] == UNTRUSTED
    assert f"Dấu vân tay SHA-256: {fingerprint(packages.pki.signer)}" in untrusted.stdout
    root = write_pem(tmp_path / "goc.pem", packages.pki.ca)
    trusted = cli("verify", packages.signed, "--trust", root)
    assert trusted.returncode == 0 and trusted.stdout.splitlines()[-1] == VALID
    shown = json.loads(cli("verify", packages.signed, "--trust", root, "--format",
                           "json").stdout)
    assert (shown["outcome"], shown["exit_code"], shown["statement"]) == ("valid", 0, VALID)


def test_the_signers_own_certificate_is_no_trust_anchor(packages: Packages, tmp_path: Path
                                                        ) -> None:
    own = write_pem(tmp_path / "nguoi-ky.pem", packages.pki.signer)
    result = cli("verify", packages.signed, "--trust", own)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", (
        "Không dùng tệp nguoi-ky.pem: Chứng thư Nguyễn Văn Bình, Ủy ban nhân dân xã Mỹ An không "
        "phải chứng thư của tổ chức chứng thực (CA): nó chỉ dùng để ký, không dùng làm chứng thư "
        "gốc tin cậy.\n"))


def test_no_package_at_all_is_invalid_as_text_and_as_json(tmp_path: Path) -> None:
    broken = tmp_path / "goi.zip"
    broken.write_bytes(b"not a zip")
    problem = ("Không mở gói goi.zip: không phải tệp .zip hợp lệ (tệp bị hỏng, hoặc chép hay tải "
               "về chưa xong).")
    text = cli("verify", broken)
    assert (text.returncode, text.stdout, text.stderr) == (2, INVALID + "\n", problem + "\n")
    shown = json.loads(cli("verify", broken, "--format", "json").stdout)
    assert shown == {"outcome": "invalid", "exit_code": 2, "statement": INVALID,
                     "problems": [problem], "warnings": [], "notes": [], "signer": {}}


@pytest.mark.parametrize(("options", "message"), [
    (("--pin", "xa-my-an"), "--pin cần dạng MÃ=SHA256, ví dụ xa-my-an=3f2a..."),
    (("--pin", "=ab12"), "--pin cần dạng MÃ=SHA256, ví dụ xa-my-an=3f2a..."),
    (("--pin-signer",), "--pin-signer cần --db: chứng thư được ghim vào kho của một tệp dữ liệu."),
])
def test_pin_options_are_refused_in_words(packages: Packages, options: tuple[str, ...],
                                          message: str) -> None:
    result = cli("verify", packages.signed, *options)
    assert (result.returncode, result.stderr) == (2, message + "\n")


def test_a_pinned_certificate_other_than_the_signers_is_warned(packages: Packages) -> None:
    result = cli("verify", packages.signed, "--pin", "xa-my-an=" + "AB:" * 31 + "AB")
    assert result.returncode == 1
    assert ("CẢNH BÁO: chứng thư ký khác chứng thư đã ghim cho đơn vị xa-my-an: đã ghim "
            f"{'ab' * 32}, gói này ký bằng {fingerprint(packages.pki.signer)}."
            ) in result.stdout.splitlines()


def test_pin_signer_pins_once_into_the_data_file(packages: Packages, tmp_path: Path) -> None:
    db = tmp_path / "tinh.sqlite3"
    Database.open(db).close()
    first = cli("verify", packages.signed, "--db", db, "--pin-signer")
    assert first.returncode == 1              # pinned, yet not trusted: no root given
    assert first.stdout.splitlines()[-1].startswith(
        "Đã ghim chứng thư Nguyễn Văn Bình, Ủy ban nhân dân xã Mỹ An (")
    assert first.stdout.splitlines()[-1].endswith(") làm chứng thư ký của đơn vị xa-my-an.")
    database = Database.open(db)
    try:
        [pin] = TrustStore(database).list_pins()
    finally:
        database.close()
    assert (pin.unit_code, pin.fingerprint) == ("xa-my-an", fingerprint(packages.pki.signer))
    again = cli("verify", packages.signed, "--db", db, "--pin-signer")
    assert again.stdout.splitlines()[-1] == (
        "Không ghim: đơn vị xa-my-an đã có chứng thư được ghim.")
    unsigned = cli("verify", packages.unsigned, "--db", db, "--pin-signer")
    assert unsigned.stdout.splitlines()[-1] == "Không ghim: gói không có chữ ký số nguyên vẹn."
