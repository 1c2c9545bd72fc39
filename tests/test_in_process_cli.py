"""tests/in_process_cli.py: the command line run in this process reports what a process would
(exit code, stdout, stderr) and leaves nothing behind: os.environ exactly as it was, the
working folder, the standard streams, the language, the collector, the root logger."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

import pytest
from in_process_cli import cli, environment

from cchc_desktop.i18n import current_language


def test_environment_sets_unsets_and_restores_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_THU_DOI", "truoc")
    monkeypatch.setenv("CCHC_THU_BO", "co")
    monkeypatch.delenv("CCHC_THU_MOI", raising=False)
    before = dict(os.environ)
    with environment({"CCHC_THU_DOI": "sau", "CCHC_THU_BO": None, "CCHC_THU_MOI": "1"}):
        assert os.environ["CCHC_THU_DOI"] == "sau" and os.environ["CCHC_THU_MOI"] == "1"
        assert "CCHC_THU_BO" not in os.environ
        os.environ["CCHC_THU_LAI"] = "them trong lenh"   # what the command itself sets
    assert dict(os.environ) == before


def test_a_variable_unset_for_the_call_is_missing_to_the_command(
        sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_THU_MK", "bi-mat")
    result = cli("package", sample_path, "--out", tmp_path / "goi", "--sign", tmp_path / "k.p12",
                 "--password-env", "CCHC_THU_MK", env={"CCHC_THU_MK": None})
    assert result.returncode == 2
    assert "Biến môi trường CCHC_THU_MK chưa được đặt." in result.stderr
    assert os.environ["CCHC_THU_MK"] == "bi-mat"


def test_cwd_resolves_relative_paths_and_is_left(sample_path: Path, tmp_path: Path) -> None:
    (tmp_path / "bao-cao.json").write_bytes(sample_path.read_bytes())
    here = os.getcwd()
    result = cli("check", "bao-cao.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "đạt 99,51%" in result.stdout
    assert os.getcwd() == here


def test_streams_language_collector_and_logging_are_put_back(sample_path: Path) -> None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    language, collecting = current_language(), gc.isenabled()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    result = cli("--lang", "en", "check", sample_path)
    assert result.returncode == 0 and "Plan completion rate: 42/66, or 63.64%" in result.stdout
    assert (sys.stdin, sys.stdout, sys.stderr) == streams
    assert current_language() == language and gc.isenabled() is collecting
    assert root.handlers == handlers and root.level == level


def test_help_and_a_bad_option_end_as_a_process_would() -> None:
    shown = cli("--help")
    assert shown.returncode == 0 and shown.stdout.startswith("cách dùng: cchc-desktop")
    wrong = cli("kiem-tra")
    assert wrong.returncode == 2 and "lựa chọn không hợp lệ: 'kiem-tra'" in wrong.stderr
    assert wrong.stdout == ""

