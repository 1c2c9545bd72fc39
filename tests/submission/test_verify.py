"""The superior unit's side: a whole package passes; a damaged or hostile one is caught."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from submission.certificates import Pki

from cchc_desktop import reportfiles
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission import verify
from cchc_desktop.submission.package import SubmissionPackage
from cchc_desktop.submission.signature_check import SignatureState
from cchc_desktop.submission.verify import verify_package


def test_a_signed_package_shows_unit_period_revision_and_signer(
        signed_package: SubmissionPackage, pki: Pki) -> None:
    check = verify_package(signed_package.zip_path, trust_roots=[pki.ca])
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.VALID and check.signature.trusted
    assert check.report is not None and check.report.unit.code == "xa-my-an"
    assert check.lines[:3] == ["Đơn vị: Ủy ban nhân dân xã Mỹ An (xa-my-an)",
                               "Kỳ báo cáo: Quý I năm 2026", "Lần gửi: 0 (lần đầu)"]
    assert any(line.startswith("Chữ ký số hợp lệ: ký bởi Nguyễn Văn Bình") for line in check.lines)
    assert check.lines[-2] == "Các tệp khớp với mã SHA-256 trong manifest (2 tệp)."
    assert check.lines[-1].startswith("KẾT QUẢ: Gói hợp lệ")


def test_an_unsigned_package_is_whole_but_says_it_is_unsigned(
        unsigned_package: SubmissionPackage) -> None:
    check = verify_package(unsigned_package.folder)
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.UNSIGNED
    assert "Tệp PDF chưa được ký số." in check.lines


def test_a_changed_workbook_is_detected(package_copy: Path) -> None:
    workbook = next(package_copy.glob("*.xlsx"))
    data = bytearray(workbook.read_bytes())
    data[len(data) // 2] ^= 0xFF
    workbook.write_bytes(bytes(data))
    check = verify_package(package_copy)
    assert not check.ok
    assert any(f"tệp {workbook.name} không khớp mã SHA-256" in p for p in check.problems)


def test_a_missing_and_an_extra_file_are_reported(package_copy: Path) -> None:
    next(package_copy.glob("*.pdf")).unlink()
    (package_copy / "them.txt").write_text("?", "utf-8")
    problems = verify_package(package_copy).problems
    assert "thiếu tệp BC-CCHC_xa-my-an_2026-Q1_r0.pdf." in problems
    assert "tệp them.txt không có trong manifest." in problems


def test_a_manifest_that_lies_about_the_revision_is_caught(package_copy: Path) -> None:
    manifest = json.loads((package_copy / "manifest.json").read_text("utf-8"))
    manifest["revision"] = 3
    (package_copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    problems = verify_package(package_copy).problems
    assert "biểu số liệu là lần gửi 0, manifest ghi lần gửi 3." in problems


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("member", ["../evil.pdf", "/etc/evil.pdf", "thu-muc/../../evil.pdf",
                                    "..\\evil.pdf", "C:evil.pdf"])
def test_a_zip_member_that_climbs_out_is_refused(unsigned_package: SubmissionPackage,
                                                 tmp_path: Path, member: str) -> None:
    members = {p.name: p.read_bytes() for p in unsigned_package.folder.iterdir()}
    members[member] = b"%PDF-1.4"
    path = _zip(tmp_path / "goi.zip", members)
    with pytest.raises(KnownError, match="không an toàn"):
        verify_package(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goi.zip"]


def test_a_zip_bomb_is_refused_without_reading_it_all(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "MAX_FILE_SIZE", 1024 * 1024)
    path = tmp_path / "bom.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr("bom.pdf", b"\0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 20_000
    with pytest.raises(KnownError, match="quá lớn"):
        verify_package(path)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "goi.zip"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(KnownError, match=r"không phải tệp \.zip hợp lệ"):
        verify_package(path)


def test_a_package_without_manifest_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "goi.zip", {"bao-cao.pdf": b"%PDF-1.4"})
    with pytest.raises(KnownError, match=r"thiếu tệp manifest\.json"):
        verify_package(path)


def test_the_package_checked_is_the_bytes_given_not_the_file_on_disk_now(
        signed_package: SubmissionPackage, pki: Pki, tmp_path: Path) -> None:
    """A consolidation hashes the file's bytes once; the check reads those very bytes, so a file
    swapped on disk between the two (a share, a USB stick still being written) cannot be
    checked in place of the one whose hash is recorded."""
    content = signed_package.zip_path.read_bytes()
    elsewhere = tmp_path / "da-bi-thay.zip"
    elsewhere.write_bytes(b"PK\x05\x06" + b"\x00" * 18)        # an empty zip now on disk
    check = verify_package(elsewhere, trust_roots=[pki.ca], content=content)
    assert check.ok, check.problems
    assert check.report is not None and check.report.unit.code == "xa-my-an"


def test_a_consolidation_reads_a_package_once(signed_package: SubmissionPackage,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "goi.zip"
    path.write_bytes(signed_package.zip_path.read_bytes())
    read = reportfiles.read_input_bytes

    def read_then_swap(source: Path, limit: int) -> bytes:
        content = read(source, limit)
        source.write_bytes(b"PK\x05\x06" + b"\x00" * 18)          # swapped right after the read
        return content

    monkeypatch.setattr(reportfiles, "read_input_bytes", read_then_swap)
    result = reportfiles.read_for_consolidation(None, path)
    assert result.report.unit.code == "xa-my-an"
    assert result.sha256 == hashlib.sha256(signed_package.zip_path.read_bytes()).hexdigest()
