"""Fixtures of the outbox tests: the SMTP server (tests/smtp_server.py), a package, a data file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import sample_report, template
from smtp_server import PASSWORD, USER, smtp_server

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.package import SubmissionPackage, build_package

__all__ = ["PASSWORD", "USER", "smtp_server"]


def final_context(revision: int = 0):  # type: ignore[no-untyped-def]
    report = dataclasses.replace(sample_report(), status=ReportStatus.FINAL, revision=revision)
    return build_context(report, template())


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    return build_package(final_context(), tmp_path_factory.mktemp("out"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    database = Database.open(tmp_path / "cchc.sqlite3")
    yield ReportStore(database)
    database.close()


@pytest.fixture
def report_id(store: ReportStore) -> int:
    return store.save_report(dataclasses.replace(sample_report(), status=ReportStatus.FINAL))
