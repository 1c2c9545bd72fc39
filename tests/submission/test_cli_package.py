"""`cchc-desktop package` run as a clerk's script would, on real files: the first test in a real
process (`process_cli`), the others through cchc_desktop.cli.main in this process
(tests/in_process_cli.py: the same exit codes and texts, environment variables set for the
call and put back). The other tests of tests/submission/ import `cli` from here; those that
sign with a PKCS#11 token (a library initialised once per process) import `process_cli`."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from email import policy
from pathlib import Path

from in_process_cli import cli
from submission.certificates import Pki

from cchc_desktop.submission.signature_check import SignatureState
from cchc_desktop.submission.verify import verify_package

__all__ = ["cli", "process_cli"]


def process_cli(*args: str | Path,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m cchc_desktop ARGS` in a new process, ENV added to this one's."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "cchc_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=full_env,
                          timeout=120, check=False)


def _final_report(sample_path: Path, folder: Path) -> Path:
    data = json.loads(sample_path.read_text("utf-8"))
    data["status"] = "final"
    path = folder / "bao-cao.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_package_signs_zips_and_drafts_the_email(sample_path: Path, tmp_path: Path,
                                                 pki: Pki) -> None:
    out = tmp_path / "goi"
    result = process_cli("package", _final_report(sample_path, tmp_path), "--out", out,
                         "--sign", pki.p12, "--password-env", "CCHC_P12_PASSWORD",
                         "--to", "vanphong@sonoivu.dongthap.gov.vn",
                         env={"CCHC_P12_PASSWORD": pki.password})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    name = "BC-CCHC_xa-my-an_2026-Q1_r0"
    assert sorted(p.name for p in out.iterdir()) == [name, f"{name}.eml", f"{name}.zip"]
    assert "Báo cáo PDF đã được ký số bởi Nguyễn Văn Bình." in result.stdout
    check = verify_package(out / f"{name}.zip", trust_roots=[pki.ca])
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.VALID and check.signature.trusted
    message = email.message_from_bytes((out / f"{name}.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "vanphong@sonoivu.dongthap.gov.vn"
    assert message["X-Unsent"] == "1"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == (out / f"{name}.zip").read_bytes()


def test_package_from_a_workbook_without_signature(sample_path: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "bao-cao.xlsx"
    assert cli("export", sample_path, "--xlsx", workbook).returncode == 0
    result = cli("package", workbook, "--out", tmp_path / "goi")
    assert result.returncode == 0, result.stderr
    check = verify_package(tmp_path / "goi" / "BC-CCHC_xa-my-an_2026-Q1_r0")
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.UNSIGNED


def test_a_wrong_password_exits_2_with_a_vietnamese_message(sample_path: Path, tmp_path: Path,
                                                            pki: Pki) -> None:
    result = cli("package", _final_report(sample_path, tmp_path), "--out", tmp_path / "goi",
                 "--sign", pki.p12, "--password-env", "CCHC_P12_PASSWORD",
                 env={"CCHC_P12_PASSWORD": "sai"})
    assert result.returncode == 2
    assert "Sai mật khẩu của tệp chứng thư số chu-ky.p12." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "goi").exists()


def test_a_password_variable_that_is_not_set_exits_2(sample_path: Path, tmp_path: Path,
                                                     pki: Pki) -> None:
    result = cli("package", _final_report(sample_path, tmp_path), "--out", tmp_path / "goi",
                 "--sign", pki.p12, "--password-env", "CCHC_KHONG_CO",
                 env={"CCHC_KHONG_CO": None})
    assert result.returncode == 2
    assert "Biến môi trường CCHC_KHONG_CO chưa được đặt." in result.stderr
