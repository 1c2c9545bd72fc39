"""`package --signature-image PNG`: the signer's handwritten signature in the signed PDF (with
the seal over its left third), the package verified valid; refused files said and not kept;
with --db the image is remembered in the data file for the next package."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding
from submission.certificates import Pki
from submission.signature_pngs import signature_png
from submission.test_cli_package import _final_report, cli
from submission.test_signature_appearance import _seal_png

from cchc_desktop.submission.timestamps import SETTING_SIGNATURE_PNG


def _images(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    return sorted(line.split()[2] for line in listing)


def _settings(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT key, value FROM settings").fetchall())


def test_package_with_the_signature_image_and_the_seal_verifies_valid(
        sample_path: Path, tmp_path: Path, pki: Pki) -> None:
    out = tmp_path / "goi"
    made = cli("package", _final_report(sample_path, tmp_path), "--out", out, "--sign", pki.p12,
               "--password-env", "P", "--signature-image", signature_png(tmp_path / "chu-ky.png"),
               "--seal", _seal_png(tmp_path / "dau.png"), env={"P": pki.password})
    assert made.returncode == 0, made.stderr
    [pdf] = out.glob("*/*.pdf")
    assert _images(pdf) == ["image", "image", "smask", "smask"]     # the signature's and the seal's
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca.public_bytes(Encoding.PEM))
    [package] = out.glob("*.zip")
    verified = cli("verify", package, "--trust", ca, "--format", "json")
    assert verified.returncode == 0, verified.stdout
    assert json.loads(verified.stdout)["outcome"] == "valid"


def test_the_signature_image_without_a_key_is_refused(sample_path: Path, tmp_path: Path) -> None:
    result = cli("package", _final_report(sample_path, tmp_path), "--out", tmp_path / "goi",
                 "--signature-image", signature_png(tmp_path / "chu-ky.png"))
    assert result.returncode == 2
    assert "--signature-image là ảnh chữ ký của người ký: chỉ dùng khi ký số" in result.stderr
    assert not (tmp_path / "goi").exists() or not list((tmp_path / "goi").iterdir())


def test_with_db_a_refused_image_is_said_and_not_kept_a_good_one_is_remembered(
        sample_path: Path, tmp_path: Path, pki: Pki) -> None:
    db = tmp_path / "cchc.sqlite3"
    unit = json.loads(sample_path.read_text("utf-8"))["unit"]["code"]
    assert cli("import", sample_path, "--db", db).returncode == 0
    assert cli("status", "--db", db, "--unit", unit, "--period", "2026-Q1", "--set",
               "final").returncode == 0
    common = ("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--sign", pki.p12,
              "--password-env", "P")
    opaque = signature_png(tmp_path / "trang.png", mode="RGB")
    refused = cli(*common, "--out", tmp_path / "x", "--signature-image", opaque, env={"P": pki.password})
    assert refused.returncode == 2
    assert "Ảnh chữ ký trang.png không có nền trong suốt" in refused.stderr
    assert SETTING_SIGNATURE_PNG not in _settings(db)
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").iterdir())

    good = signature_png(tmp_path / "chu-ky.png")
    first = cli(*common, "--out", tmp_path / "a", "--signature-image", good, env={"P": pki.password})
    assert first.returncode == 0, first.stderr
    assert _settings(db)[SETTING_SIGNATURE_PNG] == str(good.resolve())
    again = cli(*common, "--out", tmp_path / "b", env={"P": pki.password})
    assert again.returncode == 0, again.stderr
    [pdf] = (tmp_path / "b").glob("*/*.pdf")
    assert _images(pdf) == ["image", "smask"], "the remembered image, without a seal"
