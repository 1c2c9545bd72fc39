"""cli/consolidating.py (consolidate) promises the units' files summed into the consolidating
unit's report, each file read on its own: a refused file is listed on stderr with its reason
(another period, another template, a unit twice, the consolidating unit's own report, a file
that cannot be read) and the rest summed, exit 1; nothing usable, exit 2 and nothing written;
wrong options refused before any file is read. Beside tests/test_cli_consolidate.py and
tests/test_cli.py (the same command as a process: levels, --own, edited workbooks), this file
runs it in-process. Each run starts worker processes (about 1.5 s): two runs only."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from in_process_cli import cli

from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import read_report, write_report

A, B = Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa")
DISTRICT = Unit("ubnd-huyen-thu", "UBND huyện Thử", "huyen")   # the code derived from its name
OPTIONS = ("--unit-name", "  UBND   huyện Thử ", "--level", "huyen", "--period", "2026-Q1")


def _file(folder: Path, name: str, unit: Unit, *, online: int = 6, kind: str = "Q1",
          template_ref: str = "cchc-2021") -> Path:
    report = make_report(records(online=online, in_person=4, early=online + 4), unit=unit,
                         kind=kind)
    if template_ref != "cchc-2021":
        report = replace(report, template_ref=template(template_ref).ref, values={})
    path = folder / name
    write_report(report, template(template_ref), path)
    return path


def test_the_refused_files_are_listed_and_the_rest_summed(tmp_path: Path) -> None:
    files = [_file(tmp_path, "a.json", A), _file(tmp_path, "b.json", B, online=8),
             _file(tmp_path, "a-lan-2.json", A),
             _file(tmp_path, "c-6-thang.json", Unit("xa-c", "UBND xã C", "xa"), kind="H1"),
             _file(tmp_path, "huyen.json", DISTRICT),
             _file(tmp_path, "mau-cu.json", Unit("xa-d", "UBND xã D", "xa"),
                   template_ref="cchc-2011")]
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *files, *OPTIONS, "--out", out)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "KHÔNG NHẬN: Tệp a-lan-2.json: đơn vị UBND xã A đã có trong a.json.",
        "KHÔNG NHẬN: Tệp c-6-thang.json: báo cáo 6 tháng năm 2026 không cùng kỳ Quý I năm 2026.",
        "KHÔNG NHẬN: Tệp huyen.json: là báo cáo của chính đơn vị tổng hợp; dùng --own cho tệp "
        "này.",
        "KHÔNG NHẬN: Tệp mau-cu.json: dùng mẫu cchc-2011@1, khác mẫu cchc-2021 của các tệp "
        "trước.",
    ]
    assert result.stdout.splitlines() == [f"Đã tổng hợp 2 báo cáo vào {out}",
                                          "4 tệp không được tổng hợp (xem lý do ở trên)."]
    report, _tpl = read_report(out)
    assert (report.unit.code, report.unit.name, report.unit.level) == (
        "ubnd-huyen-thu", "UBND huyện Thử", "huyen")
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == Decimal(14)
    assert report.values["tthc.hs.xa.da_giai_quyet.truoc_han"] == Decimal(22)


def test_nothing_usable_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "hong.json"
    broken.write_text("{", "utf-8")
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", broken, _file(tmp_path, "q3.json", A, kind="Q3"), *OPTIONS,
                 "--out", out)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "KHÔNG NHẬN: Tệp hong.json không phải là JSON hợp lệ (dòng 1, cột 2): thiếu tên trường "
        "trong dấu ngoặc kép (có dấu phẩy thừa?).",
        "KHÔNG NHẬN: Tệp q3.json: báo cáo Quý III năm 2026 không cùng kỳ Quý I năm 2026.",
        "Không có tệp nào tổng hợp được (2 tệp bị từ chối).",
    ]
    assert not out.exists()


@pytest.mark.parametrize(("options", "message"), [
    (("--unit-name", "   ", "--period", "2026-Q1"),
     "--unit-name: tên đơn vị tổng hợp không được để trống."),
    (("--unit-name", "UBND huyện Thử", "--period", "quý 1"),
     "Kỳ 'quý 1' không hợp lệ: dùng dạng 2023-Q1, 2023-H1, 2023-Q3 hoặc 2023-Y."),
])
def test_wrong_options_are_refused_before_any_file_is_read(tmp_path: Path,
                                                           options: tuple[str, ...],
                                                           message: str) -> None:
    result = cli("consolidate", tmp_path / "khong-co.json", *options, "--out",
                 tmp_path / "t.json")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_own_must_be_the_consolidating_units_report_of_the_period(tmp_path: Path) -> None:
    own = _file(tmp_path, "rieng.json", A)
    result = cli("consolidate", _file(tmp_path, "b.json", B), *OPTIONS, "--own", own,
                 "--out", tmp_path / "t.json")
    assert (result.returncode, result.stderr) == (2, (
        "--own: tệp rieng.json là báo cáo Quý I năm 2026 của UBND xã A (mã xa-a); cần báo cáo "
        "Quý I năm 2026 của chính đơn vị tổng hợp UBND huyện Thử (mã ubnd-huyen-thu).\n"))
    assert not (tmp_path / "t.json").exists()
