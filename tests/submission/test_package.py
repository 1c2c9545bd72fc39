"""The package a commune sends: named by unit, period and revision, with a manifest that holds."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from submission.conftest import final_context

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.verify import verify_package


def test_folder_zip_and_files_are_named_by_unit_period_and_revision(
        unsigned_package: SubmissionPackage) -> None:
    package = unsigned_package
    assert package.folder.name == "BC-CCHC_xa-my-an_2026-Q1_r0"
    assert package.zip_path.name == "BC-CCHC_xa-my-an_2026-Q1_r0.zip"
    assert sorted(p.name for p in package.folder.iterdir()) == [
        "BC-CCHC_xa-my-an_2026-Q1_r0.pdf", "BC-CCHC_xa-my-an_2026-Q1_r0.xlsx", "manifest.json"]
    assert not [p for p in package.folder.parent.iterdir() if p.name.startswith(".")]


def test_manifest_matches_the_files_of_the_folder_and_of_the_zip(
        unsigned_package: SubmissionPackage) -> None:
    manifest = json.loads((unsigned_package.folder / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == "cchc-submission" and manifest["format_version"] == 1
    assert manifest["unit"] == {"code": "xa-my-an", "name": "Ủy ban nhân dân xã Mỹ An"}
    assert manifest["period"] == {"key": "2026-Q1", "label": "Quý I năm 2026"}
    assert manifest["revision"] == 0 and manifest["replaces_revision"] is None
    assert manifest["template"] == "cchc-2021@1"
    assert manifest["app_version"] == __version__
    assert manifest["signed"] is False
    assert "T" in manifest["created_at"]
    with zipfile.ZipFile(unsigned_package.zip_path) as archive:
        assert sorted(archive.namelist()) == sorted(p.name for p in unsigned_package.folder.iterdir())
        for entry in manifest["files"]:
            data = (unsigned_package.folder / entry["name"]).read_bytes()
            assert entry["size"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
            assert archive.read(entry["name"]) == data
    assert {e["role"] for e in manifest["files"]} == {"report-pdf", "workbook"}


def test_a_correction_raises_the_revision_and_names_the_one_it_replaces(tmp_path: Path) -> None:
    package = build_package(final_context(revision=1), tmp_path)
    assert package.folder.name.endswith("_r1")
    manifest = json.loads((package.folder / "manifest.json").read_text("utf-8"))
    assert (manifest["revision"], manifest["replaces_revision"]) == (1, 0)
    check = verify_package(package.zip_path)
    assert check.ok, check.problems
    assert "Lần gửi: 1 (thay thế lần gửi 0)" in check.lines


def test_packaging_again_replaces_the_package_of_the_same_revision(tmp_path: Path) -> None:
    first = build_package(final_context(), tmp_path)
    (first.folder / "ghi-chu.txt").write_text("cũ", "utf-8")
    second = build_package(final_context(), tmp_path)
    assert second.folder == first.folder
    assert not (second.folder / "ghi-chu.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [second.folder.name, second.zip_path.name]


def test_a_draft_is_not_signed(pki: object, tmp_path: Path) -> None:
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.submission.signing import load_pkcs12

    context = final_context()
    draft = dataclasses.replace(context, report=dataclasses.replace(context.report,
                                                                   status=ReportStatus.DRAFT))
    key = load_pkcs12(pki.p12, pki.password)  # type: ignore[attr-defined]
    with pytest.raises(KnownError, match="dự thảo"):
        build_package(draft, tmp_path, key=key)
    assert list(tmp_path.iterdir()) == []
