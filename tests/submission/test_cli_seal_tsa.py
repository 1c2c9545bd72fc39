"""`package --seal PNG --tsa URL`: the seal lies on the signature, an unreachable server is said,
and with --db both are remembered in the data file for the next package."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from submission.certificates import Pki
from submission.test_cli_package import cli
from submission.test_signature_appearance import CLOSED_PORT_URL, _seal_png

from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_TSA_URL

UNREACHABLE = "Không kết nối được máy chủ dấu thời gian http://127.0.0.1:9/tsa; ký không có dấu thời gian"


def _images(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    return sorted(line.split()[2] for line in listing)


def test_package_with_seal_and_an_unreachable_server(sample_path: Path, tmp_path: Path,
                                                     pki: Pki) -> None:
    data = json.loads(sample_path.read_text("utf-8"))
    data["status"] = "final"
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "goi"
    result = cli("package", report, "--out", out, "--sign", pki.p12, "--password-env", "P",
                 "--seal", _seal_png(tmp_path / "dau.png"), "--tsa", CLOSED_PORT_URL,
                 env={"P": pki.password})
    assert result.returncode == 0, result.stderr
    assert UNREACHABLE in result.stdout
    [pdf] = (out / "BC-CCHC_xa-my-an_2026-Q1_r0").glob("*.pdf")
    assert _images(pdf) == ["image", "smask"]


def test_seal_and_tsa_without_a_key_are_refused(sample_path: Path, tmp_path: Path) -> None:
    result = cli("package", sample_path, "--out", tmp_path / "goi", "--tsa", CLOSED_PORT_URL)
    assert result.returncode != 0
    assert "--seal và --tsa chỉ dùng khi ký số" in result.stderr


def test_with_db_the_seal_and_server_are_remembered(sample_path: Path, tmp_path: Path,
                                                    pki: Pki) -> None:
    db = tmp_path / "cchc.sqlite3"
    unit = json.loads(sample_path.read_text("utf-8"))["unit"]["code"]
    assert cli("import", sample_path, "--db", db).returncode == 0
    assert cli("status", "--db", db, "--unit", unit, "--period", "2026-Q1", "--set",
               "final").returncode == 0
    seal = _seal_png(tmp_path / "dau.png")
    common = ("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--sign", pki.p12,
              "--password-env", "P")
    first = cli(*common, "--out", tmp_path / "a", "--seal", seal, "--tsa", CLOSED_PORT_URL,
                env={"P": pki.password})
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(db) as connection:
        settings = dict(connection.execute("SELECT key, value FROM settings").fetchall())
    assert settings[SETTING_SEAL_PNG] == str(seal.resolve())
    assert settings[SETTING_TSA_URL] == CLOSED_PORT_URL
    again = cli(*common, "--out", tmp_path / "b", env={"P": pki.password})
    assert again.returncode == 0, again.stderr
    assert UNREACHABLE in again.stdout
    [pdf] = (tmp_path / "b").glob("*/*.pdf")
    assert _images(pdf) == ["image", "smask"]


def test_the_organisations_certificate_signs_second_and_the_package_verifies_valid(
        sample_path: Path, tmp_path: Path) -> None:
    """`package --sign person.p12 --org-sign unit.p12 --seal`: two signatures; `verify` with the
    CA as anchor: valid and trusted (exit 0), both signers named."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding
    from submission.certificates import make_pki

    ca_key = ec.generate_private_key(ec.SECP256R1())
    person = make_pki(tmp_path, ca_key=ca_key)
    body = make_pki(tmp_path, ca_key=ca_key, file_name="co-quan.p12",
                    holder=("Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân xã Mỹ An"))
    data = json.loads(sample_path.read_text("utf-8"))
    data["status"] = "final"
    report = tmp_path / "bao-cao.json"
    report.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    env = {"P": person.password}
    refused = cli("package", report, "--out", tmp_path / "x", "--org-sign", body.p12, env=env)
    assert refused.returncode == 2 and "--org-sign" in refused.stderr
    made = cli("package", report, "--out", tmp_path / "goi", "--sign", person.p12, "--password-env", "P",
               "--org-sign", body.p12, "--org-password-env", "P", "--seal", _seal_png(tmp_path / "dau.png"),
               env=env)
    assert made.returncode == 0, made.stderr
    assert "Cơ quan Ủy ban nhân dân xã Mỹ An đã ký số" in made.stdout
    ca = tmp_path / "ca.pem"
    ca.write_bytes(person.ca.public_bytes(Encoding.PEM))
    [package] = (tmp_path / "goi").glob("*.zip")
    verified = cli("verify", package, "--trust", ca, "--format", "json")
    assert verified.returncode == 0, verified.stdout
    shown = json.loads(verified.stdout)
    assert shown["outcome"] == "valid"
    assert any("Nguyễn Văn Bình; Ủy ban nhân dân xã Mỹ An" in note for note in shown["notes"])


def test_a_timestamp_server_with_a_control_character_is_refused_and_not_remembered(
        sample_path: Path, tmp_path: Path, pki: Pki) -> None:
    db = tmp_path / "cchc.sqlite3"
    unit = json.loads(sample_path.read_text("utf-8"))["unit"]["code"]
    assert cli("import", sample_path, "--db", db).returncode == 0
    assert cli("status", "--db", db, "--unit", unit, "--period", "2026-Q1", "--set",
               "final").returncode == 0
    result = cli("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--sign", pki.p12,
                 "--password-env", "P", "--out", tmp_path / "a", "--tsa", "http://tsa\x07.vn",
                 env={"P": pki.password})
    assert result.returncode == 2 and "Địa chỉ máy chủ dấu thời gian có ký tự ẩn" in result.stderr
    with sqlite3.connect(db) as connection:
        settings = dict(connection.execute("SELECT key, value FROM settings").fetchall())
    assert SETTING_TSA_URL not in settings
    assert not (tmp_path / "a").exists() or not list((tmp_path / "a").iterdir())
