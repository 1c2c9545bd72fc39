"""scripts/run.sh for someone who only wants the app: the app's dependencies only, and the
catalogs compiled quietly and only when out of date (scripts/setup.sh, scripts/compile_catalogs.py)."""

from __future__ import annotations

import gettext
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.po"


@pytest.fixture(scope="module")
def compile_catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_catalogs_under_test",
                                                  ROOT / "scripts" / "compile_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout's i18n folder holding the English catalog, not compiled yet."""
    folder = tmp_path / "i18n" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(CATALOG, folder / CATALOG.name)
    return tmp_path


def _translate(mo: Path, message: str) -> str:
    with mo.open("rb") as catalog:
        return gettext.GNUTranslations(catalog).gettext(message)


def _age(path: Path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def test_a_missing_catalog_is_compiled_quietly(compile_catalogs, checkout: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_catalogs.py"),
                             "--if-stale", "--root", str(checkout)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    mo = checkout / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.mo"
    assert _translate(mo, "Bắt đầu báo cáo") == "Start report"


def test_the_compile_is_skipped_when_the_mo_is_newer_than_the_po(compile_catalogs, checkout: Path) -> None:
    po = checkout / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(b"left as it is")
    _age(po, 60)   # the .po older than the .mo: up to date
    assert compile_catalogs.main(["--if-stale", "--root", str(checkout)]) == 0
    assert mo.read_bytes() == b"left as it is"

    _age(mo, 120)  # the .po edited since: compiled again
    assert compile_catalogs.main(["--if-stale", "--root", str(checkout)]) == 0
    assert _translate(mo, "Bắt đầu báo cáo") == "Start report"
    assert not mo.with_suffix(".mo.partial").exists()


def test_without_if_stale_every_catalog_is_compiled(compile_catalogs, checkout: Path) -> None:
    po = checkout / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.po"
    po.with_suffix(".mo").write_bytes(b"stale")
    _age(po, 60)
    assert compile_catalogs.main(["--root", str(checkout)]) == 0
    assert _translate(po.with_suffix(".mo"), "Bắt đầu báo cáo") == "Start report"


def test_an_unreadable_catalog_is_reported(compile_catalogs, checkout: Path, capsys) -> None:
    po = checkout / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.po"
    po.write_text('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\nmsgid \n', encoding="utf-8")
    assert compile_catalogs.main(["--root", str(checkout)]) == 1
    assert str(po) in capsys.readouterr().err


# ---------------------------------------------------------------------- scripts/setup.sh

STUB = """#!/bin/sh
echo "$@" >> "$SETUP_LOG"
"""


@pytest.fixture
def stub_checkout(tmp_path: Path) -> Path:
    """scripts/setup.sh in a checkout whose .venv's python only writes down what it is asked."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(STUB, encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def _setup_python(checkout: Path, extras: str) -> list[str]:
    log = checkout / "setup.log"
    log.unlink(missing_ok=True)
    subprocess.run(["bash", "-c", f'source "{checkout}/scripts/setup.sh" && setup_python "{extras}"'],
                   env={**os.environ, "SETUP_LOG": str(log)}, check=True)
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if "pip install --disable-pip-version-check" in call]


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("sha256sum") is None,
                    reason="scripts/setup.sh is for bash with coreutils")
def test_run_sh_installs_the_app_alone_once_and_compiles_only_what_is_stale(stub_checkout: Path) -> None:
    root = str(stub_checkout)
    calls = _setup_python(stub_checkout, "")
    assert _installs(calls) == [f"-m pip install --disable-pip-version-check -e {root}"]   # no [test]
    assert f"{root}/scripts/compile_ui.py" in calls
    assert f"{root}/scripts/compile_catalogs.py --if-stale" in calls
    # The next start installs nothing.
    assert _installs(_setup_python(stub_checkout, "")) == []
    # The test tools when asked for (scripts/test.sh); an install with them serves the app too.
    assert _installs(_setup_python(stub_checkout, "test")) == [
        f"-m pip install --disable-pip-version-check -e {root}[test]"]
    assert _installs(_setup_python(stub_checkout, "")) == []
    assert _installs(_setup_python(stub_checkout, "test")) == []
    # A changed pyproject.toml: installed again.
    with (stub_checkout / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n# changed\n")
    assert len(_installs(_setup_python(stub_checkout, ""))) == 1


def test_run_sh_asks_for_the_app_without_extras() -> None:
    lines = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8").splitlines()
    assert [line.split("#")[0].strip() for line in lines if line.startswith("setup_python")] == [
        'setup_python ""']
