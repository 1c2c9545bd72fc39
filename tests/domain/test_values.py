"""domain/values.py: what an entered figure may be, and errors for the stored ones not read.

`value_problem` gives the indicator's kind's sentence (whole, not negative, at most 100 for a
percentage, 15 significant digits); `unreadable_findings` makes one error per stored figure,
target or revision the app could not use, naming it and asking for it again. Beside
tests/storage/test_refused_values.py, which stores and reads such values in a data file, and
tests/domain/test_field_kinds.py (each kind's checks).
"""

from __future__ import annotations

from decimal import Decimal

from factories import make_report, template

from cchc_desktop.domain.findings import Severity
from cchc_desktop.domain.report import UnreadableField
from cchc_desktop.domain.values import UNREADABLE_RULE, unreadable_findings, value_problem


def test_a_value_is_checked_by_its_indicators_kind() -> None:
    count = template().indicators["tthc.hs.xa.ky_truoc"]
    assert value_problem(count, Decimal(1234567)) is None
    assert value_problem(count, Decimal(-1)) == "không được âm"
    assert value_problem(count, Decimal("1.5")) == "phải là số nguyên"
    assert value_problem(count, Decimal("1e20")) == (
        "quá lớn hoặc quá nhiều chữ số (tối đa 15 chữ số có nghĩa)")
    percent = template().indicators["cddh.hai_long"]
    assert value_problem(percent, Decimal("92.52")) is None
    assert value_problem(percent, Decimal(101)) == "là tỷ lệ phần trăm nên không vượt quá 100"


def test_each_unreadable_stored_field_is_an_error_naming_it() -> None:
    report = make_report(unreadable=[
        UnreadableField("value", "tthc.hs.xa.ky_truoc", "1e999", "không phải là số hữu hạn"),
        UnreadableField("target", "cddh.kh.ty_le_hoan_thanh", "abc", "không phải là số"),
        UnreadableField("revision", "", "-3", "không được âm"),
        UnreadableField("value", "ma.la", "x", "không phải là số")])
    findings = unreadable_findings(template(), report)
    assert [(f.rule, f.severity, f.codes, f.section) for f in findings] == [
        (UNREADABLE_RULE, Severity.ERROR, ("tthc.hs.xa.ky_truoc",), "tthc"),
        (UNREADABLE_RULE, Severity.ERROR, ("cddh.kh.ty_le_hoan_thanh",), "cddh"),
        (UNREADABLE_RULE, Severity.ERROR, (), ""),
        (UNREADABLE_RULE, Severity.ERROR, ("ma.la",), "")]
    assert [f.message for f in findings] == [
        "Số hồ sơ kỳ trước chuyển qua (tthc.hs.xa.ky_truoc): giá trị lưu trong tệp dữ liệu "
        "'1e999' không phải là số hữu hạn; không dùng giá trị này, hãy nhập lại.",
        "Mục tiêu của Tỷ lệ hoàn thành kế hoạch (cddh.kh.ty_le_hoan_thanh): giá trị lưu trong "
        "tệp dữ liệu 'abc' không phải là số; không dùng giá trị này, hãy nhập lại.",
        "Lần gửi (revision): giá trị lưu trong tệp dữ liệu '-3' không được âm; không dùng giá "
        "trị này, hãy nhập lại.",
        "ma.la (ma.la): giá trị lưu trong tệp dữ liệu 'x' không phải là số; không dùng giá trị "
        "này, hãy nhập lại."]


def test_a_report_read_whole_has_no_such_finding() -> None:
    assert unreadable_findings(template(), make_report({"tthc.hs.xa.ky_truoc": 5})) == []
