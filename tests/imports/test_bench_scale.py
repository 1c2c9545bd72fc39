"""benchmarks/bench_scale.py at 5 communes, so that it does not rot: what its figures say
(every file stored, in one transaction; the board of every unit) is checked, never a time."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from postgres_server import Server

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_scale import run


def _check(figures: dict[str, Any]) -> None:
    assert "error" not in figures, figures.get("stderr")
    assert (figures["files"], figures["accepted"], figures["refused"]) == (5, 5, 0)
    assert (figures["write_transactions"], figures["rolled_back"]) == (1, 0)
    assert figures["statements"] > 1
    assert figures["stored_reports"] == 6              # the five communes and the province
    assert (figures["subunits"], figures["proposals"]) == (5, 10)
    assert (figures["board_rows"], figures["board_late"], figures["board_all_rows"]) == (5, 1, 5)
    assert figures["json_readback"] == "ok"
    assert figures["peak_mb"] > figures["rss_before_mb"] > 0


def test_five_communes_on_a_data_file(capsys: pytest.CaptureFixture[str]) -> None:
    figures = run(["--units", "5", "--board", "5", "--engine", "sqlite"])
    assert figures["floor"]["files"] == 5
    _check(figures["SQLite"])
    printed = capsys.readouterr().out
    assert "5 communes of the official list (3321 listed)" in printed
    assert "transactions that wrote (apply)" in printed


def test_five_communes_on_a_server(postgres_server: Server) -> None:
    _check(run(["--units", "5", "--board", "5", "--engine", "postgres"], server=postgres_server)
           ["PostgreSQL"])
