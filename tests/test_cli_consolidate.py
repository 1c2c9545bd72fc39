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


# ------------------------------------------------------------------ a workbook edited in Excel

def _edited_workbook(tmp_path: Path, value: object) -> Path:
    from factories import make_report, records, template
    from openpyxl import load_workbook

    from cchc_desktop.documents.workbook import write_workbook
    from cchc_desktop.domain.context import build_context
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.exchange.workbook import DATA_SHEET

    report = make_report(records(online=66, in_person=34, early=100),
                         unit=Unit("xa-c", "UBND xã C", "xa"), year=2026, kind="Q1")
    path = tmp_path / "xa-c.xlsx"
    write_workbook(build_context(report, template()), path)
    wb = load_workbook(path)
    for code, sheet, cell, _written in wb[DATA_SHEET].iter_rows(min_col=4, max_col=7,
                                                                values_only=True):
        if code == "tthc.hs.xa.moi_truc_tuyen":
            wb[sheet][cell] = value
    wb.save(path)
    return path


def test_check_lists_the_differences_and_asks_for_a_choice(tmp_path: Path) -> None:
    path = _edited_workbook(tmp_path, 9999)
    refused = cli("check", path, "--format", "json")
    assert refused.returncode == 2
    assert "dữ liệu ẩn 66, trang tính 9.999" in refused.stderr and "--use-visible" in refused.stderr
    hidden = cli("check", path, "--use-hidden", "--format", "json")
    assert hidden.returncode in (0, 1) and "trang tính 9.999" in hidden.stderr
    visible = cli("check", path, "--use-visible", "--format", "json")
    assert visible.returncode in (0, 1)
    assert json.loads(hidden.stdout)["rates"]["tthc.hs.xa.ty_le_truc_tuyen"] == "66.00"
    assert json.loads(visible.stdout)["rates"]["tthc.hs.xa.ty_le_truc_tuyen"] == "99.66"


def test_a_formula_cannot_be_taken_from_the_sheet(tmp_path: Path) -> None:
    path = _edited_workbook(tmp_path, "=60+6")
    result = cli("check", path, "--use-visible")
    assert result.returncode == 2
    assert "=60+6" in result.stderr and "gõ lại" in result.stderr


def test_consolidate_refuses_an_edited_workbook_unless_told(units: list[Path], tmp_path: Path) -> None:
    edited = _edited_workbook(tmp_path, 9999)
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *units, edited, *BASE, "--out", out)
    assert result.returncode == 1 and "KHÔNG NHẬN: Tệp xa-c.xlsx" in result.stderr
    assert json.loads(out.read_text("utf-8"))["values"]["tthc.hs.xa.moi_truc_tuyen"] == 4000
    result = cli("consolidate", *units, edited, *BASE, "--use-visible", "--out", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["values"]["tthc.hs.xa.moi_truc_tuyen"] == 13999
