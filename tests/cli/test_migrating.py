"""cli/migrate_db (cli/migrating.py) promises every table's rows counted as they are copied,
then one sentence saying how many rows of how many tables went from where to where; a target
that already holds data, the source itself, or a missing source refused in words. Beside
tests/server/test_migrate_db.py (to and from a real PostgreSQL, in full), this file copies a
data file to another data file in-process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from factories import make_report, records

from cchc_desktop.cli import main
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with one commune's report (made once: its schema costs 0.5 s)."""
    path = tmp_path_factory.mktemp("source") / "xa.sqlite3"
    database = Database.open(path)
    try:
        ReportStore(database).save_report(make_report(records(online=3, in_person=1)))
    finally:
        database.close()
    return path


@pytest.fixture
def source(made_once: Path, tmp_path: Path) -> Path:
    path = tmp_path / "xa.sqlite3"
    shutil.copy(made_once, path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_table_is_counted_and_the_copy_holds_the_report(
        source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "moi.sqlite3"
    code, out, err = _run(capsys, "migrate-db", "--from", source, "--to", target)
    lines = out.splitlines()
    assert (code, err) == (0, "")
    counted: dict[str, str] = {}
    for line in lines[:-1]:
        found = re.fullmatch(r"  (\w+): (\d+) dòng", line)
        assert found is not None, line
        counted[found[1]] = found[2]
    assert (counted["units"], counted["reports"], counted["report_values"]) == ("1", "1", "9")
    assert counted["outbox"] == "0"
    assert lines[-1] == (f"Đã chuyển {sum(map(int, counted.values()))} dòng của {len(counted)} "
                         f"bảng từ {source} sang {target}.")
    database = Database.open(target)
    try:
        copied = ReportStore(database).find_report("xa-thu", 2026, "Q1")
    finally:
        database.close()
    assert copied is not None and copied.values["tthc.hs.xa.moi_truc_tuyen"] == 3


def test_the_source_itself_and_a_missing_source_are_refused(
        source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "migrate-db", "--from", source, "--to", source) == (
        2, "", "Nguồn và đích là cùng một nơi; hãy chọn đích khác.\n")
    assert _run(capsys, "migrate-db", "--from", source, "--to", f"sqlite:///{source}")[0] == 2
    code, _out, err = _run(capsys, "migrate-db", "--from", tmp_path / "khong-co.sqlite3",
                           "--to", tmp_path / "moi.sqlite3")
    assert (code, err) == (2, f"Không có tệp dữ liệu {tmp_path / 'khong-co.sqlite3'} để chuyển.\n")
    assert not (tmp_path / "moi.sqlite3").exists()


def test_a_target_that_holds_data_is_left_alone(source: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "da-co.sqlite3"
    _run(capsys, "migrate-db", "--from", source, "--to", target)
    before = target.read_bytes()
    assert _run(capsys, "migrate-db", "--from", source, "--to", target) == (
        2, "", f"Tệp {target} đã có dữ liệu; migrate-db chỉ chép vào một tệp chưa có (hoặc "
               "rỗng) để không trộn hai bộ dữ liệu. Hãy chọn tên tệp khác.\n")
    assert target.read_bytes() == before
