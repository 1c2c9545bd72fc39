"""What the clerk took from a Word report, written into the open report all at once or not at all.

The preview (gui/word_import_dialog.py) shows the proposal of imports/word.py; the clerk picks
header fields, section narratives and figures. `apply_word_import` writes them through the
store's ordinary edits (the same checks, the same history lines as typing them) inside one
transaction (Database.together): a locked report, a section or figure the template lacks, a
value outside its domain refuses the whole import and the data file is as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.lifecycle import check_editable
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import N_, _
from cchc_desktop.imports.word import Header
from cchc_desktop.storage.backups import restore_point
from cchc_desktop.storage.repository import ReportStore

# The header fields a Word report can give, in the order the preview lists them, with their
# labels. The issuer is the report's unit, which an import does not change.
HEADER_FIELDS: tuple[tuple[str, str], ...] = (
    ("number_symbol", N_("Số, ký hiệu")),
    ("place", N_("Địa danh")),
    ("date", N_("Ngày ban hành")),
    ("signer_title", N_("Chức vụ người ký")),
    ("signer_name", N_("Người ký")),
    ("recipients", N_("Nơi nhận")),
)


@dataclass(frozen=True)
class WordChoices:
    """The clerk's choices: `header` with the names of the fields taken from it, each
    section's narrative by section id, each figure's value by code ("1237", "90.33")."""

    header: Header = field(default_factory=Header)
    header_fields: frozenset[str] = frozenset()
    narratives: Mapping[str, RichText] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    source_name: str = ""

    @property
    def empty(self) -> bool:
        return not (self.header_fields or self.narratives or self.values)


def apply_word_import(store: ReportStore, report_id: int, choices: WordChoices) -> None:
    """Write `choices` into report `report_id` in one transaction, after a restore point.

    ReportError (ReportLockedError for a final or submitted report) in Vietnamese, and nothing
    written, when any part cannot be taken.
    """
    report = store.load_report(report_id)
    # Refused before the restore point: a locked report is not worth a copy of the file.
    check_editable(report.status, report.period.label)
    template = store.registry.get(report.template_ref)
    values = {code: _decimal(text, _label(template, code)) for code, text in choices.values.items()}
    date = _date(choices.header.date) if "date" in choices.header_fields else None
    if choices.empty:
        return
    restore_point(store.database, _("Trước khi nhập báo cáo Word ({name})").format(
        name=choices.source_name or "Word"))
    with store.database.together():
        if choices.header_fields:
            _apply_header(store, report_id, choices, date)
        for section_id, narrative in choices.narratives.items():
            store.set_narrative(report_id, section_id, narrative)
        for code, value in values.items():
            store.set_value(report_id, code, value)


def _apply_header(store: ReportStore, report_id: int, choices: WordChoices,
                  date: dt.date | None) -> None:
    # Read inside the transaction: the fields not taken stay as they are stored now.
    current = store.load_report(report_id)
    header, taken = choices.header, choices.header_fields
    document, signer = current.document, current.signer
    if "number_symbol" in taken:
        number, _slash, symbol = header.number_symbol.partition("/")
        document = replace(document, number=number.strip(),
                           symbol=symbol.strip() or document.symbol)
    if "place" in taken:
        document = replace(document, place=header.place.strip())
    if date is not None:
        document = replace(document, date=date)
    if "signer_title" in taken:
        signer = replace(signer, title=header.signer_title.strip())
    if "signer_name" in taken:
        signer = replace(signer, name=header.signer_name.strip())
    recipients = list(header.recipients) if "recipients" in taken else None
    store.update_header(report_id, document=document, signer=signer, recipients=recipients)


def _label(template: Template, code: str) -> str:
    indicator = template.indicators.get(code)
    return str(indicator.label) if indicator is not None else code


def _decimal(text: str, label: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ReportError(_("{label}: \u201c{text}\u201d không phải là số; báo cáo Word chưa được "
                            "nhập.").format(label=label, text=text.strip()[:40]))
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ReportError(_("Ngày ban hành \u201c{text}\u201d không đọc được; báo cáo Word chưa "
                            "được nhập.").format(text=text.strip()[:40])) from exc
