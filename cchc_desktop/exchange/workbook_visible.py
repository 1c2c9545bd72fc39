"""The visible sheets of a workbook against its hidden data: figures retyped, cleared or
replaced by a formula since the app wrote them, and taking the visible values the clerk chose.

Kept apart from the hidden-data reading (workbook.py): this part only compares, it never
changes what the hidden data says. The writer records in columns D-G of the data sheet
where each figure went and what it wrote (cchc_desktop.documents.workbook); a workbook
from before that has no such columns and is not compared.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.values import value_problem
from cchc_desktop.exchange.workbook_parts import (
    DATA_SHEET,
    MAIN,
    DamagedPart,
    shared_strings,
    sheet_parts,
    xml_part,
)
from cchc_desktop.i18n import _

_LAYOUT_LETTERS = "DEFG"              # from LAYOUT_COLUMN: code, sheet, cell, value written
MAX_LAYOUT_ROWS = 20_000


@dataclass(frozen=True)
class VisibleDifference:
    """One figure whose visible cell no longer says what the hidden data says."""

    code: str
    label: str
    sheet: str
    cell: str
    hidden: Decimal | None           # the figure in the hidden data (what the app wrote)
    visible: Decimal | None          # the number now in the cell, when it is one
    visible_text: str                # what the cell holds, as text: "9999", "=SUM(D6:D8)", ""
    formula: bool = False            # a formula typed in the cell: never evaluated
    derived: bool = False            # a figure the app computes (a rate, a total)

    @property
    def choosable(self) -> bool:
        """Can the visible value be taken instead? Not a formula, not a computed figure, not text."""
        return not self.formula and not self.derived and (self.visible is not None
                                                          or self.visible_text == "")

    @property
    def refusal(self) -> str:
        """Why the visible value cannot be taken (empty when it can)."""
        if self.formula:
            return _("ô {cell} chứa công thức {formula}: ứng dụng không tính công thức; hãy gõ lại "
                     "số liệu.").format(cell=self.place, formula=self.visible_text)
        if self.derived:
            return _("là chỉ tiêu tính tự động, không lấy từ trang tính.")
        if not self.choosable:
            return _("ô {cell} không chứa số ({text}).").format(cell=self.place,
                                                                text=self.visible_text)
        return ""

    @property
    def place(self) -> str:
        return f"'{self.sheet}'!{self.cell}"

    def line(self) -> str:
        """One line for a warning: code, label, both values."""
        hidden = "" if self.hidden is None else format_number(self.hidden, 3)
        visible = self.visible_text if self.visible is None else format_number(self.visible, 3)
        return _("{label} [{code}] ({place}): dữ liệu ẩn {hidden}, trang tính {visible}").format(
            label=self.label, code=self.code, place=self.place, hidden=hidden or _("(trống)"),
            visible=visible or _("(trống)"))


def _raw_cells(archive: zipfile.ZipFile, part: str, strings: list[str], wanted: set[str] | None,
               ) -> dict[str, tuple[str, bool]]:
    """Cells of one sheet as (text, is_formula): a formula's text, never its result."""
    cells: dict[str, tuple[str, bool]] = {}
    for cell in xml_part(archive, part).iter(f"{MAIN}c"):
        reference = str(cell.get("r", ""))
        if wanted is not None and reference not in wanted:
            continue
        formula = cell.find(f"{MAIN}f")
        if formula is not None:
            cells[reference] = ("=" + (formula.text or ""), True)
            continue
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            cells[reference] = ("".join(t.text or "" for t in cell.iter(f"{MAIN}t")), False)
            continue
        value = cell.find(f"{MAIN}v")
        text = value.text if value is not None and value.text is not None else ""
        if kind == "s" and text.isdigit() and int(text) < len(strings):
            text = strings[int(text)]
        cells[reference] = (text, False)
    return cells


def _as_number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip())
    except ArithmeticError:
        return None
    # Bounded: a cell of the workbook is a figure, not a 10**999999 exponent.
    return number if number.is_finite() and abs(number.adjusted()) < 30 else None


def _same(visible: Decimal, hidden: Decimal | None) -> bool:
    """Equal as Excel keeps numbers: a cell is a binary double (about 15 significant digits),
    so a rate written as 99.50980392156862745 comes back as 99.50980392156863."""
    if hidden is None:
        return False
    return abs(visible - hidden) <= Decimal("1e-12") * max(Decimal(1), abs(hidden))


def visible_differences(path: Path, report: Report, template: Template) -> list[VisibleDifference]:
    """Figures whose visible cell differs from the hidden data: retyped, cleared or a formula.

    Call after read_workbook succeeded (the container is checked and the data is whole).
    """
    # cycle: exchange.workbook imports this module
    from cchc_desktop.exchange.workbook import _check_container

    path = Path(path)
    with zipfile.ZipFile(_check_container(path)) as archive:
        return differences_in(archive, path.name, report, template)


def differences_in(archive: zipfile.ZipFile, name: str, report: Report, template: Template,
                   ) -> list[VisibleDifference]:
    """visible_differences of an open, checked workbook (its parts parsed once)."""
    try:
        parts = sheet_parts(archive)
        data_part = parts.get(DATA_SHEET)
        if data_part is None or data_part not in archive.namelist():
            return []
        strings = shared_strings(archive)
        layout_rows: dict[int, dict[str, str]] = {}
        for reference, (text, _formula) in _raw_cells(archive, data_part, strings, None).items():
            column, row_text = reference[:1], reference[1:]
            if column in _LAYOUT_LETTERS and row_text.isdigit():
                if len(layout_rows) > MAX_LAYOUT_ROWS:
                    raise ReportError(_("Tệp {name}: phần dữ liệu quá lớn.").format(name=name))
                layout_rows.setdefault(int(row_text), {})[column] = text
        wanted: dict[str, set[str]] = {}
        layout = []
        for row in sorted(layout_rows):
            entry = layout_rows[row]
            code, sheet, cell = entry.get("D", ""), entry.get("E", ""), entry.get("F", "")
            if code and sheet in parts and cell:
                layout.append((code, sheet, cell, entry.get("G", "")))
                wanted.setdefault(sheet, set()).add(cell)
        visible = {sheet: _raw_cells(archive, parts[sheet], strings, cells)
                   for sheet, cells in wanted.items() if parts[sheet] in archive.namelist()}
    except ReportError:
        raise
    except DamagedPart as exc:
        raise exc.refusal(name) from exc
    except Exception as exc:  # broken XML in a visible sheet: the hidden data stays readable
        raise ReportError(_("Tệp {name} bị hỏng: không đọc được các trang tính ({detail}).").format(
            name=name, detail=type(exc).__name__)) from exc
    found = []
    for code, sheet, cell, written in layout:
        indicator = template.indicators.get(code)
        if indicator is None:
            continue
        text, formula = visible.get(sheet, {}).get(cell, ("", False))
        hidden = _as_number(written) if written else None
        if not indicator.derived and code in report.values:
            hidden = report.values[code]
        number = None if formula else _as_number(text)
        if not formula and (_same(number, hidden) if number is not None else
                            hidden is None and text.strip() in ("", "-")):
            continue
        found.append(VisibleDifference(code, indicator.full_label, sheet, cell, hidden, number,
                                       text, formula=formula, derived=indicator.derived))
    return found


def take_visible(report: Report, template: Template, differences: list[VisibleDifference],
                 codes: set[str] | frozenset[str]) -> Report:
    """The report with the visible value of each figure in `codes`; the others keep the hidden.

    Raises ReportError when a chosen figure cannot be taken (a formula, a computed figure,
    text, or a value the figure does not allow): the clerk must retype it.
    """
    values = dict(report.values)
    problems = []
    for difference in differences:
        if difference.code not in codes:
            continue
        if not difference.choosable:
            problems.append(f"{difference.label}: {difference.refusal}")
            continue
        if difference.visible is None:
            values.pop(difference.code, None)
            continue
        problem = value_problem(template.indicators[difference.code], difference.visible)
        if problem:
            problems.append(_("{label}: số {value} trên trang tính {problem}.").format(
                label=difference.label, value=difference.visible_text, problem=problem))
            continue
        values[difference.code] = difference.visible
    if problems:
        raise ReportError(_("Không lấy được số liệu trên trang tính: {problems}").format(
            problems="; ".join(problems)))
    return replace(report, values=values)

