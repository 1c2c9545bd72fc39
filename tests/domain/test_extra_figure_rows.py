"""extra_figure_rows: a report's extra figures as the documents print them.

Only figures with a value are printed; a rate is computed from its two figures; values
are written in the document's locale, the unit after a figure but never after a rate.
"""

from __future__ import annotations

from decimal import Decimal

from factories import make_report

from cchc_desktop.domain.extra_figure_rows import ExtraRow, extra_rows
from cchc_desktop.domain.extra_figures import ExtraFigure

ACCOUNTS = ExtraFigure("tthc", "tk", " Số tài khoản thư điện tử công vụ đã cấp ", " tài khoản ",
                       Decimal(1234))
USED = ExtraFigure("tthc", "dung", "Số tài khoản sử dụng", "tài khoản", Decimal("1141.75"))
RATE = ExtraFigure("tthc", "tl", "Tỷ lệ tài khoản sử dụng", "%", None, ("dung", "tk"))
NOT_ENTERED = ExtraFigure("tthc", "moi", "Số tài khoản mới", "tài khoản", None)
OTHER_SECTION = ExtraFigure("tc", "vb", "Số văn bản rà soát", "văn bản", Decimal("2.5"))


def test_only_figures_with_a_value_are_rows_in_the_reports_order() -> None:
    report = make_report(extra_figures=[OTHER_SECTION, NOT_ENTERED, ACCOUNTS, RATE, USED])
    assert [row.figure.key for row in extra_rows(report)] == ["vb", "tk", "tl", "dung"]


def test_the_rows_of_one_section() -> None:
    report = make_report(extra_figures=[OTHER_SECTION, ACCOUNTS, USED])
    assert [row.figure.key for row in extra_rows(report, "tthc")] == ["tk", "dung"]
    assert [row.figure.key for row in extra_rows(report, "tc")] == ["vb"]
    assert extra_rows(report, "khong-co") == []


def test_a_rate_is_computed_from_its_two_figures() -> None:
    [rate] = [row for row in extra_rows(make_report(extra_figures=[ACCOUNTS, USED, RATE]))
              if row.is_rate]
    assert rate.value == Decimal("1141.75") * 100 / 1234
    assert rate.value_text("vi") == "92,52%"
    assert rate.line("vi") == "Tỷ lệ tài khoản sử dụng: 92,52%"


def test_a_rate_of_a_missing_or_zero_figure_is_not_printed() -> None:
    zero = ExtraFigure("tthc", "tk", "Số tài khoản", "tài khoản", Decimal(0))
    for figures in ([USED, RATE], [ACCOUNTS, RATE], [USED, zero, RATE]):
        assert [row for row in extra_rows(make_report(extra_figures=figures)) if row.is_rate] == []


def test_a_figure_is_written_in_the_documents_locale_with_its_unit_trimmed() -> None:
    row = ExtraRow(ACCOUNTS, Decimal("1234.5"))
    assert row.value_text("vi") == "1.234,5"
    assert row.value_text("en") == "1,234.5"
    assert row.line("vi") == "Số tài khoản thư điện tử công vụ đã cấp: 1.234,5 tài khoản"


def test_a_typed_figure_keeps_three_decimals_without_trailing_zeros() -> None:
    assert ExtraRow(USED, Decimal("12.34567")).value_text("vi") == "12,346"
    assert ExtraRow(USED, Decimal("12.500")).value_text("vi") == "12,5"


def test_a_figure_without_unit_has_no_trailing_space() -> None:
    figure = ExtraFigure("tthc", "x", "Số cuộc họp", "", Decimal(3))
    assert ExtraRow(figure, Decimal(3)).line("vi") == "Số cuộc họp: 3"


def test_a_rate_never_prints_its_unit_after_the_percent_sign() -> None:
    row = ExtraRow(RATE, Decimal("50"))
    assert row.line("vi") == "Tỷ lệ tài khoản sử dụng: 50,00%"
    assert row.line("en") == "Tỷ lệ tài khoản sử dụng: 50.00%"
