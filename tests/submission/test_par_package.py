"""par_package.py on its own: the self-assessment package as a folder and a flat zip, its manifest
under its own format with each file's hash, dated the moment given; a package made again
replaces the old one whole; an evidence file changed behind the app stops it and leaves the
package that was there as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from documents.test_par_report import UNIT, fill_assessment
from par_index_sets import criteria_data, write_set

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.evidence_items import EvidenceItem
from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_index_scoring import ReportFigures
from cchc_desktop.domain.par_report import Letterhead, ParReport
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.par_package import FORMAT, build_par_package, par_package_name
from tests.documents.doc_helpers import load_sample

# Even seconds: a zip's times count in steps of two seconds.
NOW = dt.datetime(2026, 9, 14, 10, 30, 6, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def assessment(tmp_path: Path) -> tuple[ParReport, tuple[EvidenceItem, ...]]:
    criteria = load_criteria_file(write_set(tmp_path, criteria_data()))
    store = ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))
    fill_assessment(store, criteria, tmp_path)
    report, template = load_sample()
    head = Letterhead.of(report, dt.date(2026, 9, 14))
    document = store.par_report(UNIT, criteria, 2026, head, ReportFigures.of(report, template))
    evidence = store.par_evidence(UNIT, criteria, 2026)
    store.database.close()
    return document, evidence


def _manifest(folder: Path) -> dict:  # type: ignore[type-arg]
    return dict(json.loads((folder / "manifest.json").read_text("utf-8")))


def test_the_folder_and_the_zip_hold_the_same_hashed_files_under_their_own_format(
        assessment: tuple[ParReport, tuple[EvidenceItem, ...]], tmp_path: Path) -> None:
    document, evidence = assessment
    out = tmp_path / "goi"
    out.mkdir()
    package = build_par_package(document, evidence, out, now=NOW)
    name = par_package_name(document)
    assert name == "BC-TDG-CCHC_xa-my-an_2026"
    assert package.folder == out / name and package.zip_path == out / f"{name}.zip"
    manifest = _manifest(package.folder)
    assert manifest["format"] == FORMAT != "cchc-report"
    # The moment, in the PC's zone (the zip's times have no zone: they read as the PC's).
    local = NOW.astimezone()
    assert dt.datetime.fromisoformat(manifest["created_at"]) == NOW
    assert manifest["created_at"] == local.isoformat(timespec="seconds")
    assert (manifest["year"], manifest["unit"]["code"]) == (2026, "xa-my-an")
    assert manifest["total"] == str(document.total) and manifest["maximum"] == str(document.maximum)
    assert [e["name"] for e in manifest["files"]] == [e.name for e in package.files]
    assert [e["role"] for e in manifest["files"]] == ["report-pdf", "workbook", "evidence"]
    for entry in manifest["files"]:
        data = (package.folder / entry["name"]).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (entry["sha256"], entry["size"])
    assert (package.folder / package.files[2].name).read_bytes() == evidence[0].content
    assert manifest["evidence"][0]["sha256"] == package.files[2].sha256
    with zipfile.ZipFile(package.zip_path) as archive:
        infos = archive.infolist()
        assert sorted(i.filename for i in infos) == sorted(p.name for p in package.folder.iterdir())
        for info in infos:
            assert "/" not in info.filename                              # flat
            assert info.date_time == local.timetuple()[:6]
            assert archive.read(info) == (package.folder / info.filename).read_bytes()
    assert package.pages >= 1
    assert sorted(p.name for p in out.iterdir()) == sorted([name, f"{name}.zip"])  # nothing hidden left


def test_a_package_made_again_replaces_the_old_one_whole(
        assessment: tuple[ParReport, tuple[EvidenceItem, ...]], tmp_path: Path) -> None:
    document, evidence = assessment
    first = build_par_package(document, evidence, tmp_path, now=NOW)
    (first.folder / "kiem-chung-09-cu.pdf").write_bytes(b"old")
    again = build_par_package(document, (), tmp_path, now=NOW + dt.timedelta(days=1))
    names = sorted(p.name for p in again.folder.iterdir())
    assert names == sorted([e.name for e in again.files] + ["manifest.json"])
    assert "kiem-chung-09-cu.pdf" not in names and len(again.files) == 2
    assert _manifest(again.folder)["created_at"].startswith("2026-09-15")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_evidence_changed_behind_the_app_stops_the_package_and_keeps_the_old_one(
        assessment: tuple[ParReport, tuple[EvidenceItem, ...]], tmp_path: Path) -> None:
    document, evidence = assessment
    first = build_par_package(document, evidence, tmp_path, now=NOW)
    before = {p.name: p.read_bytes() for p in first.folder.iterdir()}
    zip_before = first.zip_path.read_bytes()
    changed = (dataclasses.replace(evidence[0], problem="Tệp kh.pdf đã bị thay đổi ngoài ứng dụng."),)
    with pytest.raises(KnownError) as caught:
        build_par_package(document, changed, tmp_path, now=NOW + dt.timedelta(hours=1))
    assert caught.value.message == "Tệp kh.pdf đã bị thay đổi ngoài ứng dụng."
    assert {p.name: p.read_bytes() for p in first.folder.iterdir()} == before
    assert first.zip_path.read_bytes() == zip_before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_file_in_the_way_of_the_folder_is_not_overwritten(
        assessment: tuple[ParReport, tuple[EvidenceItem, ...]], tmp_path: Path) -> None:
    document, evidence = assessment
    blocker = tmp_path / par_package_name(document)
    blocker.write_bytes(b"tep cua nguoi dung")
    with pytest.raises(KnownError):
        build_par_package(document, evidence, tmp_path, now=NOW)
    assert blocker.read_bytes() == b"tep cua nguoi dung"
