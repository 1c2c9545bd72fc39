"""At the superior unit: a package with evidence is checked whole, its evidence documents are
listed in the consolidation's preview; one with an altered evidence file is refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from evidence_helpers import context_with_evidence

from cchc_desktop.domain.units import Unit
from cchc_desktop.imports.subordinates import prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.submission.package import build_package


def test_the_preview_lists_the_evidence_and_an_altered_file_is_refused(data_file: Path,
                                                                       tmp_path: Path) -> None:
    (tmp_path / "xa").mkdir()
    package = build_package(context_with_evidence(tmp_path / "xa"), tmp_path)
    altered = tmp_path / "goi-sua.zip"
    with zipfile.ZipFile(package.zip_path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    photo = package.manifest.evidence[1].name
    files[photo] = files[photo][:-1] + b"\x01"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    altered.write_bytes(buffer.getvalue())

    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh"))
    store.set_subordinate_units([Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa")])
    report_id = store.create_report(2026, "Q1")
    preview = prepare_consolidation(store, report_id, [package.zip_path])
    [item] = preview.accepted
    assert "Tài liệu kiểm chứng kèm theo: 2 tệp" in item.signature
    assert any("20/KH-UBND ngày 06/01/2026" in line and "kiem-chung-01" in line
               for line in item.signature), item.signature
    preview = prepare_consolidation(store, report_id, [altered])
    [refused] = preview.refused
    assert photo in refused.message and "SHA-256" in refused.message
