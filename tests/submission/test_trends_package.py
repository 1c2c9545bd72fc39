"""A package whose PDF carries the trends annex ("Kèm phụ lục xu hướng"): the annex is inside
the signed PDF, and the package verifies, signature and hashes, as one without it."""

from __future__ import annotations

import pytest
from documents.doc_helpers import pdf_text
from factories import sample_report, trend_reports
from submission.certificates import Pki
from submission.conftest import final_context

from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.signature_check import SignatureState
from cchc_desktop.submission.signing import load_pkcs12
from cchc_desktop.submission.verify import verify_package

TITLE = "XU HƯỚNG CÁC CHỈ TIÊU CHÍNH"


@pytest.fixture(scope="module")
def annexed_package(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    # the sample's unit across 2026; the package's own Quý I takes the place of the stored one
    reports = trend_reports(unit=sample_report().unit)
    key = load_pkcs12(pki.p12, pki.password)
    return build_package(final_context(), tmp_path_factory.mktemp("out"), key=key,
                         trends=TrendSource(reports, shipped_templates().get))


def test_the_signed_package_with_the_trends_annex_verifies(annexed_package: SubmissionPackage,
                                                           pki: Pki) -> None:
    check = verify_package(annexed_package.zip_path, trust_roots=[pki.ca])
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.VALID and check.signature.trusted
    assert check.lines[-1].startswith("KẾT QUẢ: Gói hợp lệ")


def test_the_annex_is_in_the_signed_pdf_after_the_signature_page(
        annexed_package: SubmissionPackage, signed_package: SubmissionPackage) -> None:
    [pdf] = [p for p in annexed_package.folder.iterdir() if p.suffix == ".pdf"]
    [plain] = [p for p in signed_package.folder.iterdir() if p.suffix == ".pdf"]
    text, without = pdf_text(pdf, layout=False), pdf_text(plain, layout=False)
    assert TITLE in text and TITLE not in without
    assert text.index(TITLE) > text.index("Nơi nhận")
    assert "Quý III/2026" in text[text.index(TITLE):]
    assert annexed_package.pages > signed_package.pages
