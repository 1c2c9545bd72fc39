"""`cchc-desktop consolidate`: each file on its own, --own checked, options checked, output checkable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import cli


def _unit_file(sample_path: Path, folder: Path, code: str, *, online: int = 1000,
               name: str | None = None) -> Path:
    data = json.loads(sample_path.read_text("utf-8"))
    data["unit"] = {"code": code, "name": name or f"UBND {code}", "level": "xa"}
    data["values"] = {"tthc.hs.xa.moi_truc_tuyen": online, "tthc.hs.xa.moi_truc_tiep": 1000,
                      "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 3}
    path = folder / f"{code}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def units(sample_path: Path, tmp_path: Path) -> list[Path]:
    return [_unit_file(sample_path, tmp_path, "xa-a", online=1000),
            _unit_file(sample_path, tmp_path, "xa-b", online=3000)]


BASE = ("--unit-name", "Sở Nội vụ tỉnh Thử", "--unit-code", "snv-thu", "--period", "2026-Q1")


def test_a_bad_file_is_listed_the_rest_summed_exit_1_and_check_accepts_it(
        units: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "xa-hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", units[0], broken, units[1], *BASE, "--out", out)
    assert result.returncode == 1, result.stderr
    assert "KHÔNG NHẬN: Tệp xa-hong.xlsx" in result.stderr
    merged = json.loads(out.read_text("utf-8"))
    assert merged["values"]["tthc.hs.xa.moi_truc_tuyen"] == 4000
    assert cli("check", out).returncode in (0, 1)


def test_another_units_report_as_own_is_refused_naming_both(
        units: list[Path], sample_path: Path, tmp_path: Path) -> None:
    # The sample is xã Mỹ An's report: not the department's own.
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *units, *BASE, "--own", sample_path, "--out", out)
    assert result.returncode == 2
    assert "xa-my-an" in result.stderr and "snv-thu" in result.stderr
    assert not out.exists()


def test_the_own_report_of_the_same_unit_and_period_is_added(
        units: list[Path], sample_path: Path, tmp_path: Path) -> None:
    own = _unit_file(sample_path, tmp_path, "snv-thu", online=5, name="Sở Nội vụ tỉnh Thử")
    data = json.loads(own.read_text("utf-8"))
    data["unit"]["level"] = "tinh"
    own.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *units, *BASE, "--own", own, "--out", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["values"]["tthc.hs.xa.moi_truc_tuyen"] == 4005
    assert cli("check", out).returncode in (0, 1)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_unit_name_is_refused(units: list[Path], tmp_path: Path, name: str) -> None:
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *units, "--unit-name", name, "--period", "2026-Q1", "--out", out)
    assert result.returncode == 2
    assert "--unit-name" in result.stderr
    assert not out.exists()


def test_an_unknown_level_is_refused_by_the_catalogue(units: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *units, *BASE, "--level", "thon", "--out", out)
    assert result.returncode == 2
    assert "thon" in result.stderr and "tinh" in result.stderr and "xa" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("level", ["tinh", "huyen", "xa"])
def test_every_catalogue_level_gives_a_file_check_accepts(units: list[Path], tmp_path: Path,
                                                          level: str) -> None:
    out = tmp_path / f"tong-hop-{level}.json"
    result = cli("consolidate", *units, "--unit-name", "Đơn vị tổng hợp", "--level", level,
                 "--period", "2026-Q1", "--out", out)
    assert result.returncode == 0, result.stderr
    assert cli("check", out).returncode in (0, 1)
