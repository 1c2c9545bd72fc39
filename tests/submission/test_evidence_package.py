"""The submission package carries the report's evidence files (real PDF and PNG), the manifest
and the signed PDF list them with their hashes, and the superior unit's check refuses a
missing, altered or swapped file; a package of the version before evidence still verifies."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from evidence_helpers import PLAN, context_with_evidence, store_with_evidence, write_png_file
from submission.certificates import TrustSet, make_trust_set
from submission.conftest import final_context
from submission.test_tampering import both, tampered, unzip

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.evidence import FileKind, TargetKind
from cchc_desktop.submission.embedded import read_embedded
from cchc_desktop.submission.manifest import parse_manifest
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.signing import load_pkcs12
from cchc_desktop.submission.verify import Outcome, verify_package


@pytest.fixture(scope="module")
def trust_set(tmp_path_factory: pytest.TempPathFactory) -> TrustSet:
    return make_trust_set(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def package(trust_set: TrustSet, tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    context = context_with_evidence(tmp_path_factory.mktemp("du-lieu"))
    key = load_pkcs12(trust_set.pki.p12, trust_set.password)
    return build_package(context, tmp_path_factory.mktemp("out"), key=key)


def _evidence_names(package: SubmissionPackage) -> list[str]:
    return [entry.name for entry in package.manifest.evidence]


def test_the_package_carries_the_files_and_lists_them(package: SubmissionPackage,
                                                       trust_set: TrustSet) -> None:
    files = unzip(package.zip_path)
    names = _evidence_names(package)
    assert names == ["kiem-chung-01-ke-hoach-20.pdf", "kiem-chung-02-bang-niem-yet.png"]
    assert files[names[0]].startswith(b"%PDF-") and files[names[1]].startswith(b"\x89PNG")
    assert (package.folder / names[1]).read_bytes() == files[names[1]]
    manifest = json.loads(files["manifest.json"])
    assert manifest["format_version"] == 2
    plan = manifest["evidence"][0]
    assert plan["title"] == PLAN.title and plan["number"] == "20/KH-UBND"
    assert plan["issued_on"] == "2026-01-06" and plan["file_name"] == "Kế hoạch 20.pdf"
    assert plan["targets"] == [{"kind": "indicator", "key": "cddh.kh.tong"},
                               {"kind": "task", "key": "2"}]
    assert plan["sha256"] == hashlib.sha256(files[names[0]]).hexdigest()
    assert plan["size"] == len(files[names[0]])
    # The signed PDF carries the same list: the signature covers the hashes.
    embedded = read_embedded(files[package.pdf.name])
    assert embedded.evidence_bytes is not None
    assert json.loads(embedded.evidence_bytes) == manifest["evidence"]
    parsed = parse_manifest(files["manifest.json"])
    assert parsed.evidence[1].kind is FileKind.PNG
    assert parsed.evidence[0].targets[1] == (TargetKind.TASK, "2")
    _check, report, text = both(package.zip_path, trust_set, Outcome.VALID)
    assert [e["name"] for e in report["evidence"]] == names
    assert "Tài liệu kiểm chứng kèm theo: 2 tệp" in text and "20/KH-UBND" in text
    assert verify_package(package.folder, trust=None).problems == []


def test_an_altered_evidence_file_makes_the_package_invalid(package: SubmissionPackage,
                                                            trust_set: TrustSet,
                                                            tmp_path: Path) -> None:
    name = _evidence_names(package)[1]
    altered = unzip(package.zip_path)[name] + b"\x00"
    path = tampered(package, tmp_path / "sua.zip", replace={name: altered}, rehash=False)
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert any(name in p and "SHA-256" in p for p in check.problems), check.problems


def test_a_missing_evidence_file_makes_the_package_invalid(package: SubmissionPackage,
                                                           trust_set: TrustSet,
                                                           tmp_path: Path) -> None:
    name = _evidence_names(package)[0]
    files = unzip(package.zip_path)
    del files[name]
    path = tmp_path / "thieu.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    path.write_bytes(buffer.getvalue())
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert f"thiếu tệp {name}." in check.problems


def test_a_file_swapped_with_its_manifest_rewritten_is_caught_by_the_signature(
        package: SubmissionPackage, trust_set: TrustSet, tmp_path: Path) -> None:
    """The attacker replaces the photo and recomputes every hash of the manifest: the files
    match the manifest, but not the list the signed PDF carries."""
    name = _evidence_names(package)[1]
    swapped = write_png_file(tmp_path / "khac.png", width=9).read_bytes()

    def rewrite(manifest: dict[str, object]) -> None:
        for entry in manifest["evidence"]:  # type: ignore[attr-defined]
            if entry["name"] == name:
                entry["sha256"] = hashlib.sha256(swapped).hexdigest()
                entry["size"] = len(swapped)

    path = tampered(package, tmp_path / "doi.zip", replace={name: swapped}, edit=rewrite)
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert any("khác danh mục trong tệp PDF" in p for p in check.problems), check.problems
    assert not any("SHA-256 trong manifest (hỏng" in p for p in check.problems)


def test_the_manifest_hash_changed_alone_is_invalid(package: SubmissionPackage,
                                                    trust_set: TrustSet, tmp_path: Path) -> None:
    def rewrite(manifest: dict[str, object]) -> None:
        manifest["evidence"][0]["sha256"] = "0" * 64  # type: ignore[index]

    path = tampered(package, tmp_path / "ma.zip", edit=rewrite)
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert any("không khớp với danh sách tệp" in p for p in check.problems), check.problems
    assert any("khác danh mục trong tệp PDF" in p for p in check.problems), check.problems


def test_a_hostile_evidence_entry_is_refused(package: SubmissionPackage, tmp_path: Path) -> None:
    def climb(manifest: dict[str, object]) -> None:
        manifest["evidence"][0]["name"] = "../kiem-chung-01.pdf"  # type: ignore[index]

    path = tampered(package, tmp_path / "leo.zip", edit=climb)
    with pytest.raises(KnownError, match="kiểm chứng"):
        verify_package(path)


def test_a_package_of_the_version_before_evidence_still_verifies(tmp_path: Path) -> None:
    """Without evidence, the package is written as version 1 was (no evidence field, no list in
    the PDF), so an older app at the province reads it, and it verifies."""
    old = build_package(final_context(), tmp_path)

    manifest = json.loads((old.folder / "manifest.json").read_bytes())
    assert manifest["format_version"] == 1 and "evidence" not in manifest   # written as before
    check = verify_package(old.zip_path)
    assert check.outcome is Outcome.UNSIGNED, check.problems
    assert check.manifest.evidence == ()


def test_a_file_changed_in_the_data_file_is_listed_but_never_sent(tmp_path: Path) -> None:
    """The report still opens and its annex lists the document; the package is refused."""
    store, report_id = store_with_evidence(tmp_path)
    photo = store.evidence_documents("xa-my-an")[-1]
    with sqlite3.connect(tmp_path / "du-lieu.sqlite3") as connection:   # an SQLite tool's edit
        connection.execute("UPDATE evidence_documents SET content = ? WHERE id = ?",
                           (b"\x89PNG\r\n\x1a\nkhac", photo.id))
    connection.close()
    context = store.context(report_id)
    assert [bool(item.problem) for item in context.evidence] == [False, True]
    (tmp_path / "out").mkdir()
    with pytest.raises(KnownError, match=r"bang niem yet\.png.*mã băm không khớp"):
        build_package(context, tmp_path / "out")
    assert not any((tmp_path / "out").glob("*.zip"))
    store.database.close()
