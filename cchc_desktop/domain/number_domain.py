"""The numbers the app accepts from files and forms, stated once, and a safe way to read them.

A figure of a CCHC report is finite, has at most 15 significant digits (what a clerk can
type and Excel keeps exactly), is below 10^15 and has at most 15 decimals; counts are whole
and not negative, percentages and targets lie between 0 and 100, a revision is a whole
number from 0 to 9999. Every reader (JSON, workbook, data file) goes through `parse_number`
or `number_problem` before it computes anything with a value: a Decimal such as
1e999999999 is cheap to build but normalize(), quantize(), int() or format() on it can take
hours or all the memory, so only its digits and exponent (`as_tuple()`) are looked at until
it is known to be in the domain.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from cchc_desktop.i18n import _

MAX_SIGNIFICANT_DIGITS = 15
MAX_INTEGER_DIGITS = 15           # |value| < 10^15
MAX_DECIMALS = 15
MAX_TEXT_LENGTH = 40              # longest text of a number worth parsing (DecimalText's width)
MAX_REVISION = 9999
HUNDRED = Decimal(100)


def number_problem(value: Decimal) -> str | None:
    """Why `value` is outside the bounded domain, in a sentence; None when it is inside.

    Looks only at the sign, digits and exponent, so it is quick for any Decimal at all.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):          # 'n', 'N' (NaN) or 'F' (Infinity)
        return _("không phải là số hữu hạn")
    del sign
    if len(digits) <= MAX_SIGNIFICANT_DIGITS and -MAX_DECIMALS <= exponent <= 0:
        # Nearly every figure: at most 15 digits, none of them past the 15th decimal, so
        # every bound below holds (each value is checked three times on its way to the file).
        return None
    if len(digits) > MAX_TEXT_LENGTH * 2 or exponent > MAX_INTEGER_DIGITS \
            or exponent < -(MAX_TEXT_LENGTH * 2):
        return _("quá lớn hoặc quá nhiều chữ số (tối đa {n} chữ số có nghĩa)").format(
            n=MAX_SIGNIFICANT_DIGITS)
    significant = list(digits)
    while len(significant) > 1 and significant[0] == 0:
        significant.pop(0)
    trailing = 0
    while trailing < len(significant) - 1 and significant[-1 - trailing] == 0:
        trailing += 1
    integer_digits = len(significant) + exponent
    if significant != [0] and integer_digits > MAX_INTEGER_DIGITS:
        return _("quá lớn (phải nhỏ hơn 10^{n})").format(n=MAX_INTEGER_DIGITS)
    decimals = max(0, -(exponent + trailing))
    if decimals > MAX_DECIMALS:
        return _("có quá nhiều chữ số thập phân (tối đa {n})").format(n=MAX_DECIMALS)
    kept = len(significant) - trailing
    if kept > MAX_SIGNIFICANT_DIGITS and significant != [0]:
        return _("có quá {n} chữ số có nghĩa").format(n=MAX_SIGNIFICANT_DIGITS)
    return None


def parse_number(text: str) -> Decimal:
    """A Decimal in the domain from the text of a number, or ValueError with the reason.

    Plain decimal text only ('15400', '-2.5', '2987.455'); an exponent is accepted only if
    the value it gives is in the domain ('1.5e3'), never 'NaN', 'Infinity' or '0x10'.
    """
    raw = text.strip()
    if len(raw) > MAX_TEXT_LENGTH:
        raise ValueError(_("có quá nhiều chữ số (tối đa {n} ký tự)").format(n=MAX_TEXT_LENGTH))
    if not raw or any(c not in "0123456789+-.eE" for c in raw):
        raise ValueError(_("không phải là số"))
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(_("không phải là số")) from exc
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def from_int(value: int) -> Decimal:
    """An int as a Decimal of the domain, or ValueError: compared, never printed (a
    5,000-digit int cannot even be turned into text)."""
    if abs(value) >= 10 ** MAX_INTEGER_DIGITS:
        raise ValueError(_("quá lớn (phải nhỏ hơn 10^{n})").format(n=MAX_INTEGER_DIGITS))
    return Decimal(value)


def plain_text(value: Decimal) -> str:
    """A value of the domain as plain decimal text, no exponent nor needless zeros ('15400').

    Refuses (ValueError) a value outside the domain rather than format it: formatting
    1e999999999 without an exponent would write a billion zeros.
    """
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def logged_text(value: Decimal) -> str:
    """A value as the history shows it: plain text in the domain, else its short scientific
    form ('1E+999999999', 'NaN'), which costs nothing to make."""
    if number_problem(value) is None:
        return plain_text(value)
    return str(value)[:MAX_TEXT_LENGTH]


def stored_number(text: object) -> Decimal:
    """The Decimal of a number as a data file holds it; NaN for text that is no number.

    Never raises: a data file written by another tool must still open, its odd value
    becoming an error finding (see `number_problem`) instead of a crash.
    """
    raw = str(text)
    if len(raw) > MAX_TEXT_LENGTH * 2:
        return Decimal("NaN")
    try:
        return Decimal(raw)
    except (InvalidOperation, ValueError):
        return Decimal("NaN")


def target_problem(value: Decimal) -> str | None:
    """Why `value` cannot be a target of a rate (a percentage of the annual plan)."""
    problem = number_problem(value)
    if problem:
        return problem
    if value < 0:
        return _("không được âm")
    if value > HUNDRED:
        return _("là tỷ lệ phần trăm nên không vượt quá 100")
    if value != value.quantize(Decimal("0.01")):
        return _("có quá {n} chữ số thập phân").format(n=2)
    return None


def revision_problem(value: object) -> str | None:
    """Why `value` cannot be the revision (lần gửi) of a report: a whole number 0..9999."""
    if isinstance(value, bool) or not isinstance(value, int):
        return _("phải là số nguyên")
    if not 0 <= value <= MAX_REVISION:
        return _("phải từ 0 đến {n}").format(n=MAX_REVISION)
    return None
