"""board: the board of the subordinate units' main rates in one period (domain/unit_board.py),
printed as a table and written as a PDF and/or a workbook."""

from __future__ import annotations

import argparse

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import open_store
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.unit_board_pdf import write_board_pdf
from cchc_desktop.documents.unit_board_workbook import write_board_workbook
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.unit_board import UnitBoard
from cchc_desktop.i18n import _
from cchc_desktop.imports.subordinates import rate_board


def board_command(args: argparse.Namespace) -> int:
    opened, store = open_store(args, existing=True)
    with opened:
        own = store.own_unit()
        if own is None:
            raise KnownError(_("Tệp dữ liệu chưa khai báo đơn vị của mình."))
        if not store.subordinate_units():
            raise KnownError(_("Đơn vị {unit} không có đơn vị trực thuộc.").format(unit=own.name))
        report_id = store.find_report_id(own.code, args.year, args.period)
        if report_id is None:
            raise KnownError(_("Tệp dữ liệu không có báo cáo {period} của {unit}.").format(
                period=Period.default(args.year, args.period).label, unit=own.name))
        board = rate_board(store, report_id)
        consolidating = store.load_report(report_id)
    print_board(board)
    if args.pdf is not None:
        pages = write_board_pdf(board, consolidating, args.pdf, language=DOCUMENT_LANGUAGE)
        print(_("Đã ghi bảng tổng hợp tỷ lệ ({n} trang) vào {path}.").format(n=pages, path=args.pdf))
    if args.xlsx is not None:
        write_board_workbook(board, args.xlsx, precision=consolidating.precision)
        print(_("Đã ghi bảng tổng hợp tỷ lệ vào {path}.").format(path=args.xlsx))
    return EXIT_OK


def print_board(board: UnitBoard) -> None:
    """A line per unit: its rates (with '▼' below target), then the sum row with its fractions."""
    print(_("{unit}, {period}: {n}/{total} đơn vị đã gửi báo cáo").format(
        unit=board.unit.name, period=board.period.label, n=len(board.reported),
        total=len(board.lines)))
    for line in [*board.lines, board.total]:
        rates = "; ".join(f"{column.label()} {line.rates[column.code].text()}"
                          for column in board.columns)
        print(f"- {line.name()}: {rates}")
    fractions = "; ".join(f"{column.label()} {board.total.rates[column.code].fraction()}"
                          for column in board.columns if board.total.rates[column.code].fraction())
    print(_("(tổng tử số/tổng mẫu số: {fractions})").format(fractions=fractions))
