"""cli/__init__.py: the command's entry. It picks the command's module, parses --lang before
the help is built, turns a known failure into the clerk's sentence and its exit code, and
leaves a caller in the same process with the collector as it found it. Run in-process here
(main(argv)); tests/test_cli.py and tests/test_cli_startup.py run it as a real process."""

from __future__ import annotations

import argparse
import ast
import errno
import gc
import json
import os
import sys
from pathlib import Path

import pytest

import cchc_desktop.cli as cli
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.i18n import current_language
from cchc_desktop.storage.instance_lock import AlreadyOpenError


def test_every_command_names_a_module_and_a_function_that_exist() -> None:
    """Read from the sources: importing every command's module would load them all (pyhanko...)."""
    folder = Path(cli.__file__).parent
    for command, (module_name, function) in cli.COMMANDS.items():
        tree = ast.parse((folder / f"{module_name}.py").read_text("utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert function in defined, command
    assert set(cli.COMMANDS) == set(cli.build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_check_of_the_sample_runs_in_process_and_exits_0(sample_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(sample_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "%" in out and "," in out          # rates in the Vietnamese format, 92,52%


def test_an_export_writes_the_file_it_names(sample_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bc.json"
    assert cli.main(["export", str(sample_path), "--json", str(target)]) == cli.EXIT_OK
    assert json.loads(target.read_text("utf-8"))["unit"]["name"]
    assert capsys.readouterr().out.strip() == f"Đã ghi {target}"


@pytest.mark.parametrize("flag", [["--lang", "en"], ["--lang=en"]])
def test_lang_acts_before_the_command_speaks(flag: list[str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co.json"
    assert cli.main([*flag, "check", str(missing)]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith("Could not read the file khong-co.json: file or "
                                              "folder not found")
    assert current_language() == "en"


def test_a_missing_file_is_said_in_vietnamese_by_default(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(tmp_path / "khong-co.json")]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith("Không đọc được tệp khong-co.json: không tìm thấy "
                                              "tệp hoặc thư mục")


def test_help_and_version_end_the_process_and_give_the_collector_back(
        capsys: pytest.CaptureFixture[str]) -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit) as ended:
        cli.main(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr().out.startswith("cchc-desktop ")
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_command_leaves_the_collector_unfrozen(sample_path: Path) -> None:
    frozen = gc.get_freeze_count()
    cli.main(["check", str(sample_path)])
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def _run_raising(exc: BaseException) -> int:
    def handler(_args: argparse.Namespace) -> int:
        raise exc

    return cli._run(handler, argparse.Namespace())


def test_a_known_error_is_its_sentence_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_raising(KnownError("Tệp bc.json không phải báo cáo.")) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err.strip() == "Tệp bc.json không phải báo cáo."


@pytest.mark.parametrize("refusal", [
    ReportLockedError("Báo cáo đã hoàn thành: hãy mở lại trước khi sửa.", ReportStatus.FINAL),
    AlreadyOpenError("Tệp dữ liệu đang được mở ở một cửa sổ khác."),
])
def test_a_refusal_by_the_state_of_the_data_exits_3(refusal: KnownError,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_raising(refusal) == cli.EXIT_REFUSED
    assert capsys.readouterr().err.strip() == refusal.message


def test_a_full_disk_is_the_clerks_sentence_not_a_traceback(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "bc.pdf"))
    assert _run_raising(full) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err.strip() == ("Không ghi được tệp bc.pdf: ổ đĩa đã đầy; hãy xóa "
                                               "bớt tệp hoặc chọn ổ đĩa khác.")


def test_a_bug_keeps_its_traceback() -> None:
    with pytest.raises(ZeroDivisionError):
        _run_raising(ZeroDivisionError("division by zero"))


def test_a_reader_gone_away_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", sys.stdout)     # _run replaces it with os.devnull
    assert _run_raising(BrokenPipeError()) == cli.EXIT_OK
    silenced = sys.stdout
    assert silenced.name == os.devnull                 # what Python flushes at exit goes nowhere
    silenced.close()
