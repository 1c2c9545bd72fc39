"""cli/trust.py promises the data file's trust store managed from the command line, in
Vietnamese: root certificates added from a bundle (a signer's own certificate refused with a
note), revocation lists imported, an anchor removed by the start of its fingerprint, and the
store listed (saying when no CRL is there to check revocation offline); an older data file is
only read, never upgraded, to list it. Run in-process (tests/in_process_cli.py)."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from in_process_cli import cli
from submission.trust_pki import make_ca, make_crl, make_signer, write_crl, write_pem

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.trust_store import TrustStore


def test_add_roots_a_crl_list_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "tinh.cchc"
    neac, cyb = make_ca("Vietnam National Root CA thử"), make_ca("CA chuyên dùng thử")
    bundle = write_pem(tmp_path / "goc.pem", neac.cert, cyb.cert, make_signer(neac).cert)
    crl = write_crl(tmp_path / "neac.crl", make_crl(neac))

    empty = cli("trust", "--db", db, "--list")
    assert empty.returncode == 2 and "Không có tệp dữ liệu" in empty.stderr

    added = cli("trust", "--db", db, "--add", bundle, "--add-crl", crl, "--list")
    assert added.returncode == 0, added.stderr
    assert "Đã thêm 2 chứng thư gốc từ goc.pem" in added.stdout
    assert "không phải chứng thư của tổ chức chứng thực" in added.stderr
    assert "Đã nhập danh sách thu hồi của Vietnam National Root CA thử" in added.stdout
    assert fingerprint(neac.cert) in added.stdout
    assert [a.fingerprint for a in TrustStore(Database.open(db)).list_anchors()] != []

    listed = cli("trust", "--db", db)
    assert listed.returncode == 0
    assert "2 chứng thư gốc tin cậy" in listed.stdout and "1 danh sách thu hồi" in listed.stdout

    removed = cli("trust", "--db", db, "--remove", fingerprint(cyb.cert)[:10])
    assert removed.returncode == 0 and "Đã xóa chứng thư gốc CA chuyên dùng thử" in removed.stdout
    store = TrustStore(Database.open(db))
    assert [a.fingerprint for a in store.list_anchors()] == [fingerprint(neac.cert)]

    refused = cli("trust", "--db", db, "--remove", "00000000")
    assert refused.returncode == 2 and "Không có chứng thư gốc nào" in refused.stderr


def test_without_a_crl_the_list_says_revocation_is_not_checked(tmp_path: Path) -> None:
    db = tmp_path / "tinh.cchc"
    assert cli("trust", "--db", db, "--add", write_pem(tmp_path / "a.pem", make_ca().cert)).returncode == 0
    listed = cli("trust", "--db", db, "--list")
    assert "không được kiểm tra ngoại tuyến" in listed.stdout


def test_listing_an_older_data_file_says_it_needs_an_upgrade_and_leaves_it(tmp_path: Path) -> None:
    # it failed with a traceback ('no such table: trust_anchors'): reading never upgrades
    path = tmp_path / "cu.sqlite3"
    original = Path(__file__).parents[1] / "data" / "datafiles" / "schema-0005.sqlite3"
    path.write_bytes(original.read_bytes())
    result = cli("trust", "--db", path)
    assert result.returncode == 2, result.stderr
    assert "cần nâng cấp" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == original.read_bytes()


def _dates(cert: x509.Certificate) -> str:
    return f"({cert.not_valid_before_utc:%d/%m/%Y} – {cert.not_valid_after_utc:%d/%m/%Y})"


def test_the_list_names_each_root_its_validity_and_each_pinned_unit(tmp_path: Path) -> None:
    db = tmp_path / "tinh.sqlite3"
    ca = make_ca("Root CA Thử")
    signer = make_signer(ca)
    added = cli("trust", "--db", db, "--add", write_pem(tmp_path / "a.pem", ca.cert))
    assert added.stdout == (f"Đã thêm 1 chứng thư gốc từ a.pem:\n  {fingerprint(ca.cert)}  "
                            "Root CA Thử, Trung tâm thử nghiệm\n")
    database = Database.open(db)
    try:
        TrustStore(database).pin("xa-my-an", signer.cert)
    finally:
        database.close()
    listed = cli("trust", "--db", db)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert listed.stdout.splitlines() == [
        "1 chứng thư gốc tin cậy:",
        f"  {fingerprint(ca.cert)}  Root CA Thử, Trung tâm thử nghiệm  {_dates(ca.cert)}",
        "Chưa nhập danh sách thu hồi (CRL): việc thu hồi chứng thư không được kiểm tra ngoại "
        "tuyến.",
        "1 đơn vị đã ghim chứng thư ký:",
        f"  xa-my-an  {fingerprint(signer.cert)}  Nguyễn Văn Bình, Ủy ban nhân dân xã Mỹ An",
    ]
    english = cli("--lang", "en", "trust", "--db", db).stdout.splitlines()
    assert (english[0], english[3]) == ("1 trusted root certificate(s):",
                                        "1 unit(s) with a pinned signing certificate:")


def test_a_crl_is_listed_with_its_issuer_and_day(tmp_path: Path) -> None:
    db = tmp_path / "tinh.sqlite3"
    ca = make_ca("Root CA Thử")
    crl = make_crl(ca)
    result = cli("trust", "--db", db, "--add", write_pem(tmp_path / "a.pem", ca.cert),
                 "--add-crl", write_crl(tmp_path / "a.crl", crl), "--list")
    day = f"{crl.last_update_utc:%d/%m/%Y}"
    lines = result.stdout.splitlines()
    issuer = "Root CA Thử, Trung tâm thử nghiệm"
    assert f"Đã nhập danh sách thu hồi của {issuer}, cập nhật ngày {day}." in lines
    assert lines[-3:-1] == ["1 danh sách thu hồi (CRL):", f"  {issuer}, cập nhật ngày {day}"]
    assert lines[-1] == "0 đơn vị đã ghim chứng thư ký:"


def test_removing_an_unknown_fingerprint_is_refused_in_words(tmp_path: Path) -> None:
    db = tmp_path / "tinh.sqlite3"
    cli("trust", "--db", db, "--add", write_pem(tmp_path / "a.pem", make_ca().cert))
    refused = cli("trust", "--db", db, "--remove", "zz")
    assert (refused.returncode, refused.stdout, refused.stderr) == (
        2, "", "Không có chứng thư gốc nào có dấu vân tay zz (cần ít nhất 8 chữ số đầu).\n")
