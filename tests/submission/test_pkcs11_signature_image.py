"""A token-signed package (SoftHSM2, as tests/submission/test_pkcs11_softhsm.py) carries the
signer's handwritten-signature image in the token's signature, and verifies valid."""

from __future__ import annotations

import subprocess
from pathlib import Path

from submission.signature_pngs import signature_png
from submission.test_cli_package import _final_report
from submission.test_cli_package import process_cli as cli
from submission.test_pkcs11_softhsm import LIBRARY, PIN, Token, token  # noqa: F401 (the fixture)

from cchc_desktop.submission.signature_check import SignatureState
from cchc_desktop.submission.verify import verify_package


def test_the_token_signs_with_the_signature_image(token: Token, sample_path: Path,  # noqa: F811
                                                  tmp_path: Path) -> None:
    out = tmp_path / "goi"
    result = cli("package", _final_report(sample_path, tmp_path), "--out", out,
                 "--pkcs11", LIBRARY, "--pin-env", "CCHC_TOKEN_PIN",
                 "--signature-image", signature_png(tmp_path / "chu-ky.png"),
                 env={**token.env, "CCHC_TOKEN_PIN": PIN})
    assert result.returncode == 0, result.stderr
    [pdf] = out.glob("*/*.pdf")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert sorted(line.split()[2] for line in listing) == ["image", "smask"]
    [package] = out.glob("*.zip")
    check = verify_package(package, trust_roots=[token.pki.ca])
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.VALID and check.signature.trusted
