"""A finding of validation: what is wrong, how serious, and which figures it names."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_desktop.domain.template import Severity


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    codes: tuple[str, ...]
    message: str
    section: str = ""
    justified: bool = False   # a warning the clerk explained in a note

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity.value, "codes": list(self.codes),
                "message": self.message, "section": self.section, "justified": self.justified}
