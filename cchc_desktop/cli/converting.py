"""convert: a Word report (.docx, or .doc through LibreOffice) written as an exchange-format JSON.

What the window's Tệp > Nhập báo cáo Word previews, taken whole: the header, each section's
narrative (the first heading matched to a section that has text of its own), and every figure
the reader proposes with the value it proposes. The report's unit and period come from the
options, or else from the document: the issuer's line, the title's "quý I năm 2026" (or the
date of issue). The JSON is read back with the project's own reader before it is written,
atomically: a file this command writes is a report the app opens. A file that cannot be read
is refused in Vietnamese (exit 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import check_outputs
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import format_number, short_date
from cchc_desktop.domain.periods import Period, PeriodKind, parse_period_key
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL, DocumentInfo, Report, Signer
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.domain.template import Template, shipped_templates
from cchc_desktop.domain.unit_names import derive_unit_code
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import dumps, loads
from cchc_desktop.fileio import atomic_write_text
from cchc_desktop.i18n import _
from cchc_desktop.imports.word import (
    PLACE_DATE,
    FigureProposal,
    Header,
    WordProposal,
    fold,
    is_heading,
    level_of,
    open_docx,
    read_word_report,
)
from cchc_desktop.imports.word_doc import as_docx

# The title's period, on accent-free lower-case words: "quý III và chương trình công tác quý IV
# năm 2020" is quý III's report; quý III before quý I ("quy i" is not in "quy iii").
_PERIOD_WORDS = (
    (re.compile(r"\bquy (?:iii|3)\b.*?\bnam (\d{4})\b"), PeriodKind.Q3),
    (re.compile(r"\bquy (?:i|1)\b.*?\bnam (\d{4})\b"), PeriodKind.Q1),
    (re.compile(r"\b6 thang (?:dau )?nam (\d{4})\b"), PeriodKind.H1),
)
# Quarters the reports are not made for, looked for once the periods above are not named
# ("kết quả quý III, phương hướng quý IV" is a quarter III report): read as "năm 2026" they
# would become the annual report.
_QUARTERS_NOT_KEPT = re.compile(r"\bquy (ii|2|iv|4)\b.*?\bnam (\d{4})\b")
_YEAR_WORDS = re.compile(r"\bnam (\d{4})\b")
# A report is issued in (or just after) the last month of its period.
_ISSUE_MONTHS = {3: PeriodKind.Q1, 4: PeriodKind.Q1, 6: PeriodKind.H1, 7: PeriodKind.H1,
                 9: PeriodKind.Q3, 10: PeriodKind.Q3, 12: PeriodKind.Y}
# Words of a unit's name that stay lower-case in "UBND xã Mỹ An" (longest first).
_LOWER_WORDS = ("ủy ban nhân dân", "thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện",
                "quận", "tỉnh", "xã")
def convert_command(args: argparse.Namespace) -> int:
    check_outputs([args.out], args)
    registry = shipped_templates()
    template = registry.get(args.template) if args.template else registry.default()
    with as_docx(args.file) as docx_path:
        proposal = read_word_report(docx_path, template, args.level)
        title = _title_text(docx_path)
    report, taken = _report(proposal, template, title, args)
    text = dumps(report, template)
    loads(text, args.out.name)        # the project's reader must take what is written
    atomic_write_text(args.out, text)
    if args.format == "json":
        print(json.dumps(_summary_json(proposal, template, report, taken, args.out),
                         ensure_ascii=False, indent=2))
    else:
        print(_summary_text(proposal, template, report, taken, args))
    return EXIT_OK


# ---------------------------------------------------------------------- the report
class Taken:
    """Which headings gave a section's narrative, and which figures were refused and why."""

    def __init__(self) -> None:
        self.sections: dict[int, str] = {}          # index of the heading -> section id
        self.skipped: dict[int, str] = {}           # index of the heading -> why not
        self.refused: dict[str, str] = {}           # figure code -> why not


def _report(proposal: WordProposal, template: Template, title: str,
            args: argparse.Namespace) -> tuple[Report, Taken]:
    header = proposal.header
    name = args.unit_name or _unit_name(header.issuer)
    if not name:
        raise KnownError(_("Không thấy tên cơ quan ban hành trong tệp {name}; hãy ghi "
                           "--unit-name.").format(name=args.file.name))
    unit = Unit(args.unit or derive_unit_code(name), name, args.level or level_of(name) or "xa")
    report = Report(template_ref=template.ref, unit=unit, period=_period(args, title, header),
                    precision=template.precision, document=_document(header),
                    signer=Signer(title=header.signer_title, name=header.signer_name),
                    recipients=list(header.recipients))
    taken = Taken()
    for index, match in enumerate(proposal.sections):
        why = _why_not(match.section_id, match.narrative, taken)
        if why:
            taken.skipped[index] = why
            continue
        assert match.section_id is not None
        taken.sections[index] = match.section_id
        report.set_narrative(match.section_id, match.narrative)
    for figure in proposal.figures:
        problem = _figure_problem(figure, template)
        if problem:
            taken.refused[figure.code] = problem
        else:
            report.values[figure.code] = Decimal(figure.value)
    return report, taken


def _why_not(section_id: str | None, narrative: RichText, taken: Taken) -> str:
    # As the window's preview starts: a part's title without text, or a second heading of the
    # same section, would wipe out the narrative the first one gave.
    if section_id is None:
        return _("không khớp mục nào của mẫu")
    if not narrative.plain_text().strip():
        return _("không có nội dung")
    if section_id in taken.sections.values():
        return _("mục này đã lấy từ đề mục trước")
    return ""


def _figure_problem(figure: FigureProposal, template: Template) -> str:
    indicator = template.indicators.get(figure.code)
    if indicator is None:
        return _("mẫu không có chỉ tiêu này")
    try:
        value = Decimal(figure.value)
    except InvalidOperation:
        return _("không phải là số")
    return indicator.field_kind.problem(indicator, value) or ""


def _document(header: Header) -> DocumentInfo:
    number, _slash, symbol = header.number_symbol.partition("/")
    try:
        date = dt.date.fromisoformat(header.date) if header.date else None
    except ValueError:
        date = None
    return DocumentInfo(number=number.strip(), symbol=symbol.strip() or DEFAULT_DOC_SYMBOL,
                        place=header.place, date=date)


def _unit_name(issuer: str) -> str:
    """'UBND XÃ MỸ AN' -> 'UBND xã Mỹ An': the issuer's line as a name is written."""
    text = " ".join(issuer.split())
    if not text or not text.isupper():
        return text
    words = []
    for word in text.split():
        words.append(word if word in ("UBND", "HĐND", "CCHC") else word.capitalize())
    name = " ".join(words)
    for lower in _LOWER_WORDS:
        name = re.sub(rf"(?<!\S){re.escape(lower.title())}(?!\S)", lower, name)
        name = re.sub(rf"(?<!\S){re.escape(lower.capitalize())}(?!\S)", lower, name)
    return name[:1].upper() + name[1:]


def _title_text(path: Path) -> str:
    """The lines before the first heading (the title "... quý I năm 2026"), accents folded,
    on one line: a title broken over two lines still names its period."""
    lines = []
    for paragraph in open_docx(path).paragraphs:
        if is_heading(paragraph):
            break
        text = paragraph.text.strip()
        if text and not PLACE_DATE.match(text):
            lines.append(fold(text))
    return " ".join(lines)


def _period(args: argparse.Namespace, title: str, header: Header) -> Period:
    if args.period:
        year, kind = parse_period_key(args.period)
        return Period.default(year, kind)
    for pattern, kind in _PERIOD_WORDS:
        if found := pattern.search(title):
            return Period.default(int(found.group(1)), kind)
    if other := _QUARTERS_NOT_KEPT.search(title):
        raise KnownError(_("Tệp {name} là báo cáo quý {quarter} năm {year}, kỳ không có trong các "
                           "kỳ báo cáo (quý I, 6 tháng, quý III, năm); hãy ghi --period, ví dụ "
                           "{year}-H1.").format(name=args.file.name, year=other.group(2),
                                                 quarter="II" if other.group(1) in ("ii", "2") else "IV"))
    if found := _YEAR_WORDS.search(title):
        return Period.default(int(found.group(1)), PeriodKind.Y)
    try:
        issued = dt.date.fromisoformat(header.date) if header.date else None
    except ValueError:
        issued = None
    if issued is not None and issued.month in _ISSUE_MONTHS:
        return Period.default(issued.year, _ISSUE_MONTHS[issued.month])
    if issued is not None and issued.month == 1:      # the year's report, sent in January
        return Period.default(issued.year - 1, PeriodKind.Y)
    raise KnownError(_("Không nhận ra kỳ báo cáo trong tệp {name}; hãy ghi --period, ví dụ "
                       "2026-Q1.").format(name=args.file.name))


# ---------------------------------------------------------------------- what it took
def _value_text(template: Template, code: str, value: str) -> str:
    indicator = template.indicators.get(code)
    decimals = indicator.decimals if indicator is not None else 2
    try:
        return format_number(Decimal(value), decimals)
    except (InvalidOperation, ValueError):
        return value


def _summary_text(proposal: WordProposal, template: Template, report: Report, taken: Taken,
                  args: argparse.Namespace) -> str:
    header = proposal.header
    lines = [_("Báo cáo Word {name}: {unit}, {period} (mẫu {template})").format(
        name=args.file.name, unit=report.unit.name, period=report.period.label,
        template=template.ref)]
    lines.append(_("Số, ký hiệu: {number}; địa danh: {place}; ngày: {date}; người ký: {signer}"
                   ).format(number=header.number_symbol or "-", place=header.place or "-",
                            date=short_date(report.document.date) or "-",
                            signer=" ".join(p for p in (header.signer_title, header.signer_name)
                                            if p) or "-"))
    titles = {section.id: str(section.title) for section, _depth in template.walk()}
    lines += ["", _("ĐỀ MỤC ĐÃ LẤY ({n})").format(n=len(taken.sections))]
    for index, section_id in taken.sections.items():
        lines.append(f"  {proposal.sections[index].heading} -> {titles[section_id]} "
                     f"[{section_id}]")
    lines += ["", _("ĐỀ MỤC KHÔNG LẤY ({n})").format(n=len(taken.skipped))]
    for index, why in taken.skipped.items():
        lines.append(f"  {proposal.sections[index].heading}: {why}")
    lines += ["", _("SỐ LIỆU ĐÃ LẤY ({n})").format(n=len(proposal.figures) - len(taken.refused))]
    for figure in proposal.figures:
        if figure.code in taken.refused:
            continue
        lines.append(_("  {label} = {value}: \u201c{sentence}\u201d").format(
            label=template.indicators[figure.code].full_label,
            value=_value_text(template, figure.code, figure.value), sentence=figure.sentence))
    if taken.refused:
        lines += ["", _("SỐ LIỆU KHÔNG LẤY ({n})").format(n=len(taken.refused))]
        for figure in proposal.figures:
            if figure.code in taken.refused:
                lines.append(f"  {figure.code} = {figure.value}: {taken.refused[figure.code]}")
    lines += ["", _("Đã ghi {path}").format(path=args.out)]
    return "\n".join(lines)


def _summary_json(proposal: WordProposal, template: Template, report: Report, taken: Taken,
                  out: Path) -> dict[str, Any]:
    header = proposal.header
    return {
        "output": str(out), "template": template.ref,
        "unit": {"code": report.unit.code, "name": report.unit.name, "level": report.unit.level},
        "period": report.period.key,
        "header": {"issuer": header.issuer, "number_symbol": header.number_symbol,
                   "place": header.place, "date": header.date or None,
                   "signer_title": header.signer_title, "signer_name": header.signer_name,
                   "recipients": list(header.recipients)},
        "sections": [{"heading": match.heading, "section": taken.sections.get(index),
                      "matched": match.section_id, "skipped": taken.skipped.get(index)}
                     for index, match in enumerate(proposal.sections)],
        "figures": [{"code": figure.code, "value": figure.value, "sentence": figure.sentence,
                     "taken": figure.code not in taken.refused,
                     "problem": taken.refused.get(figure.code)} for figure in proposal.figures],
    }
