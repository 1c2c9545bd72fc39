"""What the app writes, the superior unit's app reads: a report past a limit of the exchange
format is refused when written (with the reason), never written to fail only on reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import Proposal
from cchc_desktop.exchange.json_format import read_report, write_report


def _proposals(count: int) -> list[Proposal]:
    return [Proposal(f"UBND xã số {n}", "Sở Nội vụ", f"Đề nghị tập huấn số {n}.") for n in range(count)]


def test_a_province_gathering_thousands_of_proposals_writes_a_file_it_reads(tmp_path: Path) -> None:
    """3,321 communes with two proposals each, as a consolidation of the whole country gathers."""
    report = make_report({"cddh.kh.tong": 66}, proposals=_proposals(6642))
    path = tmp_path / "tinh.json"
    write_report(report, template(), path)
    again, _template = read_report(path)
    assert len(again.proposals) == 6642


def test_a_report_past_a_limit_is_refused_when_written_and_nothing_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.json"
    write_report(make_report({"cddh.kh.tong": 66}), template(), path)
    before = path.read_bytes()
    with pytest.raises(ReportError, match="cấp trên sẽ không đọc được") as refused:
        write_report(make_report({"cddh.kh.tong": 66}, proposals=_proposals(20_001)), template(), path)
    assert "kiến nghị" in refused.value.message or "proposals" in refused.value.message
    assert path.read_bytes() == before
