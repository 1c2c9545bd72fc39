"""cli/sending.py (package) promises the submission package (folder, .zip, .eml draft) of a
report file, or of a report in a data file with its revision said (the first, unchanged, or
what changed since the last); options that do not go together refused before any work (two
ways of signing, --seal/--tsa/--signature-image/--org-sign without a signature, --period with
a file, a password variable not set), and an --out that is a file or would remake the folder
holding an input. Beside tests/submission/test_cli_package.py, test_cli_seal_tsa.py and
test_cli_signature_image.py (signing, as processes), this file runs the command in-process,
unsigned."""

from __future__ import annotations

import dataclasses
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report
from in_process_cli import cli

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

NAME = "BC-CCHC_xa-my-an_2026-Q1_r0"


@pytest.fixture
def final_file(sample_path: Path, tmp_path: Path) -> Path:
    data = json.loads(sample_path.read_text("utf-8"))
    data["status"] = "final"
    path = tmp_path / "bao-cao.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A data file of xa Mỹ An with its final Quý I report (made once: its schema costs 0.5 s)."""
    path = tmp_path_factory.mktemp("stored") / "cchc.sqlite3"
    database = Database.open(path)
    try:
        store = ReportStore(database)
        report = sample_report()
        store.save_own_unit(OwnUnit(report.unit.code, report.unit.name, report.unit.level,
                                    superior_email="vanphong@sonoivu.gov.vn"))
        report_id = store.save_report(report)
        store.set_status(report_id, ReportStatus.FINAL, "")
    finally:
        database.close()
    return path, report_id


@pytest.fixture
def stored(made_once: tuple[Path, int], tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "cchc.sqlite3"
    shutil.copy(made_once[0], path)
    return path, made_once[1]


@pytest.mark.parametrize(("options", "message"), [
    (("--sign", "a.p12", "--pkcs11", "token.so"), "Chọn một cách ký: --sign hoặc --pkcs11."),
    (("--period", "2026-Q1"), "--unit và --period dùng với --db, không dùng cùng tệp báo cáo."),
    (("--seal", "dau.png"), "--seal và --tsa chỉ dùng khi ký số (--sign hoặc --pkcs11)."),
    (("--tsa", "http://tsa.vn"), "--seal và --tsa chỉ dùng khi ký số (--sign hoặc --pkcs11)."),
    (("--signature-image", "chu-ky.png"), "--signature-image là ảnh chữ ký của người ký: chỉ "
     "dùng khi ký số (--sign hoặc --pkcs11)."),
    (("--org-sign", "co-quan.p12"), "--org-sign là chữ ký thứ hai, của cơ quan: cần chữ ký của "
     "người có thẩm quyền trước (--sign hoặc --pkcs11)."),
    (("--sign", "a.p12", "--password-env", "CCHC_KHONG_CO_BIEN"),
     "Biến môi trường CCHC_KHONG_CO_BIEN chưa được đặt."),
])
def test_options_that_do_not_go_together_are_refused_before_any_work(
        final_file: Path, tmp_path: Path, options: tuple[str, ...], message: str) -> None:
    result = cli("package", final_file, "--out", tmp_path / "goi", *options)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")
    assert not (tmp_path / "goi").exists()


def test_a_report_is_needed_and_out_must_be_a_folder(final_file: Path, tmp_path: Path) -> None:
    assert cli("package", "--out", tmp_path).stderr == (
        "Cho biết tệp báo cáo, hoặc --db và --period (ví dụ 2026-Q3).\n")
    file = tmp_path / "goi"
    file.write_text("x", "utf-8")
    assert cli("package", final_file, "--out", file).stderr == (
        "goi đã là một tệp, không phải thư mục; hãy chọn một thư mục để đặt gói.\n")


def test_an_input_inside_the_package_folder_is_refused(final_file: Path, tmp_path: Path) -> None:
    inside = tmp_path / NAME / "bao-cao.json"
    inside.parent.mkdir()
    inside.write_bytes(final_file.read_bytes())
    result = cli("package", inside, "--out", tmp_path)
    assert (result.returncode, result.stderr) == (2, (
        f"Tệp bao-cao.json nằm trong thư mục gói {NAME}, thư mục này sẽ được làm lại; hãy chép "
        "tệp ra chỗ khác hoặc chọn --out khác.\n"))
    assert inside.read_bytes() == final_file.read_bytes()


def test_a_report_file_becomes_the_folder_the_zip_and_the_draft(final_file: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "goi"
    result = cli("package", final_file, "--out", out, "--to", "vanphong@sonoivu.gov.vn")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"Đã ghi {out / NAME}", f"Đã ghi {out / NAME}.zip",
                                          f"Đã ghi {out / NAME}.eml"]
    with zipfile.ZipFile(out / f"{NAME}.zip") as archive:
        names = archive.namelist()
    assert "manifest.json" in names and any(n.endswith(".pdf") for n in names)
    assert "To: vanphong@sonoivu.gov.vn" in (out / f"{NAME}.eml").read_text("utf-8")


def test_from_the_data_file_each_revision_says_what_it_is(stored: tuple[Path, int],
                                                          tmp_path: Path) -> None:
    db, report_id = stored
    out = tmp_path / "goi"
    first = cli("package", "--db", db, "--period", "2026-Q1", "--out", out)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "Lần gửi 0: lần đóng gói đầu tiên của báo cáo này."
    assert "To: vanphong@sonoivu.gov.vn" in (out / f"{NAME}.eml").read_text("utf-8")
    again = cli("package", "--db", db, "--period", "2026-Q1", "--out", out).stdout.splitlines()
    assert again[0].startswith("Lần gửi 0: nội dung không đổi so với gói đã làm ngày ")
    database = Database.open(db)
    try:
        store = ReportStore(database)
        store.set_status(report_id, ReportStatus.DRAFT, "sửa số cán bộ")
        report = store.load_report(report_id)
        values = {**report.values, "tcbm.bien_che.cong_chuc.co_mat": Decimal(44)}
        store.save_report(dataclasses.replace(report, values=values))
        store.set_status(report_id, ReportStatus.FINAL, "")
    finally:
        database.close()
    changed = cli("package", "--db", db, "--period", "2026-Q1", "--out", out)
    lines = changed.stdout.splitlines()
    assert lines[0] == "Lần gửi 1 (thay thế lần gửi 0). Thay đổi so với lần gửi 0:"
    assert lines[1] == "  - Công chức có mặt: 43 → 44"
    assert lines[-1] == f"Đã ghi {out / 'BC-CCHC_xa-my-an_2026-Q1_r1'}.eml"


def test_a_period_not_in_the_data_file_is_refused(stored: tuple[Path, int], tmp_path: Path
                                                  ) -> None:
    result = cli("package", "--db", stored[0], "--period", "2026-Q3", "--out", tmp_path / "goi")
    assert (result.returncode, result.stderr) == (
        2, "Tệp dữ liệu không có báo cáo kỳ 2026-Q3 của đơn vị xa-my-an.\n")
