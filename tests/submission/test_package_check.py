"""submission/package_check.py: what a package check found, as an outcome, a preview and JSON.

The module promises the four outcomes with their exit codes (0 valid or unsigned, 1
untrusted, 2 invalid) and Vietnamese statements; an outcome decided by problems first,
then cautions, then the signature (trusted and unwarned is the only VALID); a preview
naming the unit the signed data carries rather than the manifest's say-so; and the JSON of
`verify --format json`.

Beside tests/submission/test_verify.py, test_tampering.py and test_package.py, which reach
these objects through real packages; here each is built by hand so every branch is seen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from factories import make_report

from cchc_desktop.domain.evidence import EvidenceMeta, FileKind, TargetKind
from cchc_desktop.domain.units import Unit
from cchc_desktop.submission.evidence_files import EvidenceEntry
from cchc_desktop.submission.manifest import FileEntry, Manifest
from cchc_desktop.submission.package_check import Outcome, PackageCheck
from cchc_desktop.submission.signature_check import SignatureCheck, SignatureState, SignerInfo

UTC = dt.UTC
INFO = SignerInfo("CN=Nguyễn Văn Bình", "CN=CA Thử nghiệm", dt.datetime(2026, 1, 1, tzinfo=UTC),
                  dt.datetime(2027, 1, 1, tzinfo=UTC), "ab" * 32, 0x1F, False)
SIGNED_AT = dt.datetime(2026, 9, 14, 1, 30, tzinfo=UTC)


def _manifest(revision: int = 0, **changes: Any) -> Manifest:
    fields: dict[str, Any] = dict(
        unit_code="28066", unit_name="UBND xã Mỹ An", period_key="2026-Q3",
        period_label="Quý III năm 2026", revision=revision, template="cchc-2021@1",
        app_version="1.4.0", created_at=dt.datetime(2026, 9, 14, 8, 5), signed=True,
        files=(FileEntry("bao-cao.pdf", 10, "cd" * 32), FileEntry("so-lieu.xlsx", 9, "ef" * 32)))
    return Manifest(**(fields | changes))


def _signature(state: SignatureState = SignatureState.VALID, **changes: Any) -> SignatureCheck:
    fields: dict[str, Any] = {"signer": "Nguyễn Văn Bình", "signed_at": SIGNED_AT, "trusted": True,
                              "info": INFO}
    return SignatureCheck(state, **(fields | changes))


def _check(signature: SignatureCheck | None = None, **changes: Any) -> PackageCheck:
    return PackageCheck(Path("goi.zip"), changes.pop("manifest", _manifest()),
                        signature or _signature(), **changes)


def test_the_four_outcomes_have_their_exit_codes_and_statements() -> None:
    assert {o: o.exit_code for o in Outcome} == {
        Outcome.VALID: 0, Outcome.UNSIGNED: 0, Outcome.UNTRUSTED: 1, Outcome.INVALID: 2}
    assert Outcome.VALID.statement == (
        "KẾT QUẢ: Gói hợp lệ; chữ ký số còn nguyên vẹn và người ký được tin cậy.")
    assert Outcome.INVALID.statement == (
        "KẾT QUẢ: Gói KHÔNG hợp lệ; không được nhập số liệu của gói này.")
    assert "CHƯA được tin cậy" in Outcome.UNTRUSTED.statement
    assert Outcome.UNSIGNED.statement.startswith("KẾT QUẢ: Gói không ký số.")


@pytest.mark.parametrize(("check", "outcome"), [
    (_check(), Outcome.VALID),
    (_check(problems=["tệp so-lieu.xlsx không khớp mã SHA-256."]), Outcome.INVALID),
    (_check(cautions=["gói có tệp lạ."]), Outcome.UNTRUSTED),
    (_check(cautions=["gói có tệp lạ."], problems=["x"]), Outcome.INVALID),
    (_check(_signature(SignatureState.UNSIGNED, trusted=False, info=None)), Outcome.UNSIGNED),
    (_check(_signature(warnings=("chứng thư khác chứng thư đã ghim.",))), Outcome.UNTRUSTED),
    (_check(_signature(trusted=False)), Outcome.UNTRUSTED),
], ids=["trusted", "a-problem", "a-caution", "problem-over-caution", "unsigned", "pin-warning",
        "untrusted"])
def test_problems_decide_first_then_cautions_then_the_signature(check: PackageCheck,
                                                                outcome: Outcome) -> None:
    assert check.outcome is outcome
    assert check.ok is (outcome is not Outcome.INVALID)


def test_the_signatures_warnings_count_only_for_an_intact_signature() -> None:
    warned = ("người ký chưa được tin cậy.",)
    intact = _check(_signature(trusted=False, warnings=warned), cautions=["tệp thừa."])
    assert intact.warnings == ["người ký chưa được tin cậy.", "tệp thừa."]
    broken = _check(_signature(SignatureState.INVALID, warnings=warned), cautions=["tệp thừa."])
    assert broken.warnings == ["tệp thừa."]


def test_the_preview_of_an_unsigned_first_sending_line_by_line() -> None:
    check = _check(_signature(SignatureState.UNSIGNED, signer="", signed_at=None, trusted=False,
                              info=None))
    assert check.lines == [
        "Đơn vị: UBND xã Mỹ An (28066)",
        "Kỳ báo cáo: Quý III năm 2026",
        "Lần gửi: 0 (lần đầu)",
        "Tạo lúc 08:05 14/09/2026 bằng CCHC Desktop 1.4.0, mẫu cchc-2021@1",
        "Tệp PDF chưa được ký số.",
        "Các tệp khớp với mã SHA-256 trong manifest (2 tệp).",
        "KẾT QUẢ: Gói không ký số. Các tệp khớp nhau, nhưng không có chữ ký nào chứng minh ai đã "
        "lập báo cáo.",
    ]


def test_the_preview_names_the_signed_unit_and_lists_warnings_notes_evidence_and_errors() -> None:
    signed = make_report(unit=Unit("28066", "Ủy ban nhân dân xã Mỹ An", "xa"), kind="Q3")
    evidence = EvidenceEntry("tl-1.pdf", 5, "aa" * 32, FileKind.PDF,
                             EvidenceMeta("Kế hoạch CCHC năm 2026", "20/KH-UBND", dt.date(2026, 1, 6),
                                          "UBND xã Mỹ An"), "ke-hoach.pdf",
                             ((TargetKind.INDICATOR, "cddh.kh.tong"),))
    check = _check(_signature(warnings=("chứng thư khác chứng thư đã ghim.",),
                              notes=("chưa kiểm tra thu hồi",)),
                   manifest=_manifest(2, unit_name="Tên đã sửa", period_label="", evidence=(evidence,)),
                   signed_report=signed, notes=["gói gửi muộn."],
                   problems=["tệp so-lieu.xlsx không khớp mã SHA-256."])
    lines = check.lines
    assert lines[:3] == ["Đơn vị: Ủy ban nhân dân xã Mỹ An (28066)", "Kỳ báo cáo: Quý III năm 2026",
                         "Lần gửi: 2 (thay thế lần gửi 1)"]
    assert lines[5:9] == INFO.lines
    assert lines[9:] == [
        "CẢNH BÁO: chứng thư khác chứng thư đã ghim.",
        "Lưu ý: chưa kiểm tra thu hồi",
        "Lưu ý: gói gửi muộn.",
        "Tài liệu kiểm chứng kèm theo: 1 tệp",
        "  - 20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch CCHC năm 2026 [tl-1.pdf]",
        "LỖI: tệp so-lieu.xlsx không khớp mã SHA-256.",
        "KẾT QUẢ: Gói KHÔNG hợp lệ; không được nhập số liệu của gói này.",
    ]
    # Without a report read, the manifest's period key stands in for its empty label.
    assert _check(manifest=_manifest(period_label="")).lines[1] == "Kỳ báo cáo: 2026-Q3"


def test_the_json_of_verify_carries_the_outcome_and_the_signer() -> None:
    shown = _check(_signature(timestamped=True, revocation_checked=True, notes=("n",)),
                   notes=["m"]).as_json()
    assert (shown["outcome"], shown["exit_code"], shown["signature"]) == ("valid", 0, "valid")
    assert shown["notes"] == ["n", "m"] and shown["problems"] == [] and shown["evidence"] == []
    assert shown["signer"] == {**INFO.as_json(), "name": "Nguyễn Văn Bình", "trusted": True,
                               "signed_at": "2026-09-14T01:30:00+00:00", "signed_at_source": "tsa",
                               "revocation_checked": True}
    assert shown["signer"]["serial"] == "1f"
    assert (shown["unit"], shown["period"], shown["revision"]) == (
        {"code": "28066", "name": "UBND xã Mỹ An"}, "2026-Q3", 0)
    clock = _check(_signature(signed_at=None)).as_json()["signer"]
    assert (clock["signed_at"], clock["signed_at_source"]) == (None, "signer-clock")
    unsigned = _check(_signature(SignatureState.UNSIGNED, info=None, trusted=False)).as_json()
    assert (unsigned["signer"], unsigned["exit_code"]) == ({}, 0)
