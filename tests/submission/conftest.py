"""Fixtures of the submission tests: a test PKI, a finished report, a signed package.

Signing renders the whole PDF, so the packages are made once per module.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from factories import sample_report, template
from submission.certificates import Pki, make_pki

from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.signing import load_pkcs12


def final_context(revision: int = 0) -> ReportContext:
    report = dataclasses.replace(sample_report(), status=ReportStatus.FINAL, revision=revision)
    return build_context(report, template())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def signed_package(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    key = load_pkcs12(pki.p12, pki.password)
    return build_package(final_context(), tmp_path_factory.mktemp("out"), key=key)


@pytest.fixture(scope="module")
def unsigned_package(tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    return build_package(final_context(), tmp_path_factory.mktemp("out"))


@pytest.fixture
def package_copy(unsigned_package: SubmissionPackage, tmp_path: Path) -> Path:
    """A copy of the unsigned package's folder that a test may damage."""
    import shutil

    return Path(shutil.copytree(unsigned_package.folder, tmp_path / unsigned_package.folder.name))
