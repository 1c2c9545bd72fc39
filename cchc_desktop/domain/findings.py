"""A finding of validation: what is wrong, how serious, and which figures it names.

A finding is data: the rule that made it (id and kind), the figures involved with their
values, and its wording not yet written. It becomes a sentence only where it is shown
(the findings panel, the PDF's justifications annex, the CLI) through `finding_text`,
in the language of that moment, the figures written by the one number formatter.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from cchc_desktop.domain.formatting import format_number, format_percent
from cchc_desktop.domain.units import Text, level_catalogue
from cchc_desktop.i18n import Language, _, speaking

if TYPE_CHECKING:
    from cchc_desktop.domain.template import Indicator


class Severity(enum.StrEnum):
    ERROR = "error"      # blocks the "final" status
    WARNING = "warning"  # may be justified by a note


@dataclass(frozen=True)
class Amount:
    """A figure a finding names: what it is in the rule, its value, and how it is written."""

    role: str                     # "total", "parts", "difference", "value", "target"...
    value: Decimal | None
    codes: tuple[str, ...] = ()   # the figures summed into it (none for a difference)
    places: int = 0               # decimals written
    percent: bool = False         # written as a percentage at `places`


@dataclass(frozen=True)
class Name:
    """An indicator named in a sentence: its label, its phrase ('số hồ sơ tiếp nhận')..."""

    indicator: Indicator
    form: str = "label"           # label | phrase | full_label


@dataclass(frozen=True)
class Names:
    """Several indicators in a sentence: 'a, b và c', or 'tổng a, b và c' as a `total`."""

    indicators: tuple[Indicator, ...]
    total: bool = False


@dataclass(frozen=True)
class LevelName:
    level: str


@dataclass(frozen=True)
class Wording:
    """A sentence not written yet: its source text (marked with N_) and its arguments."""

    msgid: str
    args: tuple[tuple[str, Argument], ...] = ()
    capitalised: tuple[str, ...] = ()   # arguments that begin the sentence


Argument: TypeAlias = str | int | Text | Amount | Name | Names | LevelName | Wording


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    codes: tuple[str, ...]
    wording: Wording | str          # a plain str: written already (a check outside the rules)
    section: str = ""
    justified: bool = False         # a warning the clerk explained in a note
    kind: str = ""                  # the kind of rule: "sum", "le", "carry_over", "target"...
    figures: tuple[Amount, ...] = ()
    hint: Text = Text("")           # the template's advice, after the sentence

    @property
    def message(self) -> str:
        return finding_text(self)

    def figure(self, role: str) -> Amount | None:
        return next((amount for amount in self.figures if amount.role == role), None)

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "kind": self.kind, "severity": self.severity.value,
                "codes": list(self.codes), "message": finding_text(self),
                "figures": [{"role": a.role, "codes": list(a.codes),
                             "value": None if a.value is None else str(a.value)}
                            for a in self.figures],
                "section": self.section, "justified": self.justified}


# ------------------------------------------------------------------------------ writing

def finding_text(finding: Finding, language: Language | None = None) -> str:
    """The sentence of a finding, as the clerk reads it now, or in a document's `language`."""
    if language is not None:
        with speaking(language):
            return finding_text(finding)
    text = finding.wording if isinstance(finding.wording, str) else write(finding.wording)
    hint = str(finding.hint) if finding.hint.vi else ""
    return f"{text} {hint}" if hint else text


def write(wording: Wording) -> str:
    args = {}
    for key, value in wording.args:
        text = _argument(value)
        args[key] = text[:1].upper() + text[1:] if key in wording.capitalised else text
    return _(wording.msgid).format(**args)


def join(phrases: Sequence[str]) -> str:
    """'a', 'a và b', 'a, b và c'."""
    if len(phrases) <= 1:
        return "".join(phrases)
    return _("{items} và {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])


def _argument(value: Argument) -> str:
    if isinstance(value, Wording):
        return write(value)
    if isinstance(value, Amount):
        if value.percent:
            return format_percent(value.value, value.places)
        return format_number(value.value, value.places)
    if isinstance(value, Name):
        return str(getattr(value.indicator, value.form))
    if isinstance(value, Names):
        phrases = [indicator.phrase for indicator in value.indicators]
        if value.total and len(phrases) > 1:
            return _("tổng {items}").format(items=join(phrases))
        return join(phrases)
    if isinstance(value, LevelName):
        return level_catalogue().label(value.level)
    return str(value)
