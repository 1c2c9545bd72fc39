"""What the check of a package found, and how it is told: the four outcomes with their exit
codes and statements, the preview shown before an import, and the JSON of `verify --format json`.

Kept apart from the checking itself (verify.py), which only fills a PackageCheck.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_desktop.domain.evidence import citation
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import _
from cchc_desktop.submission.manifest import Manifest
from cchc_desktop.submission.signature_check import SignatureCheck, SignatureState


class Outcome(enum.StrEnum):
    """What a package amounts to for the superior unit, with the exit code of `verify`."""

    VALID = "valid"            # whole, signed, signer trusted
    UNSIGNED = "unsigned"      # whole, not signed: allowed, and said so
    UNTRUSTED = "untrusted"    # whole and intact, but the signer is not proven
    INVALID = "invalid"        # tampered, mismatched or unreadable: refused

    @property
    def exit_code(self) -> int:
        return {Outcome.VALID: 0, Outcome.UNSIGNED: 0, Outcome.UNTRUSTED: 1, Outcome.INVALID: 2}[self]

    @property
    def statement(self) -> str:
        if self is Outcome.VALID:
            return _("KẾT QUẢ: Gói hợp lệ; chữ ký số còn nguyên vẹn và người ký được tin cậy.")
        if self is Outcome.UNSIGNED:
            return _("KẾT QUẢ: Gói không ký số. Các tệp khớp nhau, nhưng không có chữ ký nào chứng "
                     "minh ai đã lập báo cáo.")
        if self is Outcome.UNTRUSTED:
            return _("KẾT QUẢ: Gói còn nguyên vẹn nhưng người ký CHƯA được tin cậy; hãy đối chiếu dấu "
                     "vân tay chứng thư với đơn vị gửi trước khi dùng số liệu.")
        return _("KẾT QUẢ: Gói KHÔNG hợp lệ; không được nhập số liệu của gói này.")


@dataclass(frozen=True)
class PackageCheck:
    """A package's manifest, signature and report, and what is wrong with them."""

    source: Path
    manifest: Manifest
    signature: SignatureCheck
    report: Report | None = None
    template: Template | None = None
    problems: list[str] = field(default_factory=list)
    signed_report: Report | None = None      # the report inside the PDF (what the signature covers)
    notes: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)   # about the package, not its signature

    @property
    def ok(self) -> bool:
        """Whole and consistent; an unsigned PDF is not a problem in itself (see `signature`)."""
        return not self.problems

    @property
    def warnings(self) -> list[str]:
        return [*(self.signature.warnings if self.signature.valid else ()), *self.cautions]

    @property
    def outcome(self) -> Outcome:
        if self.problems:
            return Outcome.INVALID
        if self.cautions:
            return Outcome.UNTRUSTED
        if self.signature.state is SignatureState.UNSIGNED:
            return Outcome.UNSIGNED
        if self.signature.trusted and not self.signature.warnings:
            return Outcome.VALID
        return Outcome.UNTRUSTED

    @property
    def lines(self) -> list[str]:
        """The preview shown before importing, one fact a line."""
        m = self.manifest
        revision = (_("Lần gửi: {revision} (lần đầu)").format(revision=m.revision)
                    if m.replaces_revision is None else
                    _("Lần gửi: {revision} (thay thế lần gửi {previous})").format(
                        revision=m.revision, previous=m.replaces_revision))
        # The name shown is the one the signed data carries, not the manifest's say-so.
        shown = self.signed_report or self.report
        unit_name, unit_code = (shown.unit.name, shown.unit.code) if shown else (m.unit_name, m.unit_code)
        lines = [_("Đơn vị: {name} ({code})").format(name=unit_name, code=unit_code),
                 _("Kỳ báo cáo: {period}").format(
                     period=shown.period.label if shown else m.period_label or m.period_key),
                 revision,
                 _("Tạo lúc {time} bằng CCHC Desktop {version}, mẫu {template}").format(
                     time=m.created_at.strftime("%H:%M %d/%m/%Y"), version=m.app_version,
                     template=m.template),
                 self.signature.summary]
        if self.signature.info is not None and self.signature.state is not SignatureState.UNSIGNED:
            lines += self.signature.info.lines
        lines += [_("CẢNH BÁO: {warning}").format(warning=w) for w in self.warnings]
        lines += [_("Lưu ý: {note}").format(note=n) for n in [*self.signature.notes, *self.notes]]
        lines += self.evidence_lines
        if self.problems:
            lines += [_("LỖI: {problem}").format(problem=p) for p in self.problems]
        else:
            lines.append(_("Các tệp khớp với mã SHA-256 trong manifest ({n} tệp).").format(
                n=len(m.files)))
        lines.append(self.outcome.statement)
        return lines

    @property
    def evidence_lines(self) -> list[str]:
        """The evidence documents the package carries, one a line (none: no line)."""
        evidence = self.manifest.evidence
        if not evidence:
            return []
        return [_("Tài liệu kiểm chứng kèm theo: {n} tệp").format(n=len(evidence)),
                *(f"  - {citation(e.meta)} [{e.name}]" for e in evidence)]

    def as_json(self) -> dict[str, Any]:
        sig = self.signature
        signer: dict[str, Any] = {}
        if sig.info is not None:
            signer = {**sig.info.as_json(), "name": sig.signer, "trusted": sig.trusted,
                      "signed_at": sig.signed_at.isoformat() if sig.signed_at else None,
                      "signed_at_source": "tsa" if sig.timestamped else "signer-clock",
                      "revocation_checked": sig.revocation_checked}
        return {"outcome": self.outcome.value, "exit_code": self.outcome.exit_code,
                "statement": self.outcome.statement, "problems": list(self.problems),
                "warnings": self.warnings, "notes": [*sig.notes, *self.notes],
                "signature": sig.state.value, "signer": signer,
                "unit": {"code": self.manifest.unit_code, "name": self.manifest.unit_name},
                "period": self.manifest.period_key, "revision": self.manifest.revision,
                "evidence": [entry.as_json() for entry in self.manifest.evidence]}
