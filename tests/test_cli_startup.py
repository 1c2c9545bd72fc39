"""A command pays only for itself: what each one imports, seen by `python -X importtime`.

The command runs as a user runs it (a new process, `python -m cchc_desktop`); the modules
it imported are read from the interpreter's own import log, so nothing in the app can
hide one.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "reportlab", "openpyxl", "pyhanko", "PySide6", "cryptography")


def imported_by(*args: str | Path) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "cchc_desktop",
                             *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=120, check=False)
    modules = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines()
               if line.startswith("import time:")}
    return modules, result


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["--lang", "en", "--help"],
                                  ["export", "--help"]])
def test_version_and_help_import_no_library_of_the_app(args: list[str]) -> None:
    modules, result = imported_by(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "cchc_desktop.cli.parser" in modules, "the log is read"
    assert top_level(modules) & {*HEAVY, "jsonschema", "yaml", "babel"} == set()
    assert not {m for m in modules if m.startswith(("cchc_desktop.storage", "cchc_desktop.documents",
                                                    "cchc_desktop.domain.template"))}


def test_version_says_the_version() -> None:
    from cchc_desktop import __version__

    _modules, result = imported_by("--version")
    assert result.stdout.strip() == f"cchc-desktop {__version__}"


def test_check_reads_no_database_and_writes_no_document(sample_path: Path) -> None:
    modules, result = imported_by("check", sample_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert top_level(modules) & set(HEAVY) == set()


def test_export_to_pdf_brings_reportlab_and_nothing_else_heavy(sample_path: Path,
                                                               tmp_path: Path) -> None:
    modules, result = imported_by("export", sample_path, "--pdf", tmp_path / "bc.pdf")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")
    assert top_level(modules) & set(HEAVY) == {"reportlab"}
    # The report file itself is still checked against the schema, without jsonschema for
    # a file that conforms (exchange/schema_check.py, tests/exchange/test_schema_check.py).
    assert "cchc_desktop.exchange.schema_check" in modules
    assert "jsonschema" not in top_level(modules)


def test_a_command_run_in_the_same_process_leaves_the_collector_as_it_was(
        capsys: pytest.CaptureFixture[str]) -> None:
    frozen = gc.get_freeze_count()
    assert main(["templates"]) == 0
    assert "cchc-2021" in capsys.readouterr().out
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
