"""What `pip install .` installs is the whole app: English catalogs, Designer forms, resources.

The wheel is built from a copy of the checkout's files as git sees them (no compiled catalog,
no compiled form: what a fresh clone has) plus one probe form, installed into a fresh virtual
environment and run from a folder outside the work tree. The environment borrows this
interpreter's installed packages for the app's dependencies only (the network is not needed),
and the test checks that the app itself is the installed copy. One test, so that the suite's
workers build the wheel once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).parent / "data" / "xa-my-an-2026-Q1.json"
PROBE_FORM = """<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>WheelProbe</class>
 <widget class="QWidget" name="WheelProbe">
  <property name="windowTitle">
   <string>Đơn vị</string>
  </property>
 </widget>
</ui>
"""


def _run(*command: str | Path, cwd: Path,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=240)


def _checked(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _fresh_clone(target: Path) -> Path:
    """The files a clone would have (tracked or new, not ignored), without the build products."""
    listed = _checked(_run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT))
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "ui").mkdir(exist_ok=True)
    (target / "ui" / "wheel_probe.ui").write_text(PROBE_FORM, encoding="utf-8")
    return target


def _build_wheel(source: Path, out: Path) -> Path:
    # Without build isolation: hatchling, Babel and pyside6-uic come from this environment.
    _checked(_run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--disable-pip-version-check", "-q", "-w", out, source, cwd=source))
    (wheel,) = out.glob("cchc_desktop-*.whl")
    return wheel


def _holds_the_app(folder: Path) -> bool:
    """A folder the app could be imported from: a checkout, or one holding its package.

    The checkout's own .venv (scripts/setup.sh puts it there) holds the dependencies, not
    the app: an editable install leaves only a .pth there, which a borrowed folder never runs.
    """
    resolved = folder.resolve()
    if (folder / "cchc_desktop" / "__init__.py").exists():
        return True
    return resolved.is_relative_to(ROOT) and not resolved.is_relative_to((ROOT / ".venv").resolve())


def _venv_with_borrowed_dependencies(venv: Path, cwd: Path) -> Path:
    _checked(_run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=cwd))
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    own = Path(_checked(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                             cwd=cwd)).strip())
    # Appended after the venv's own site-packages, so the installed app comes first; every
    # folder this interpreter imports from, less any copy of the app (a checkout, an editable
    # install's source) so that a module missing from the wheel cannot be found elsewhere.
    borrowed = [entry for entry in dict.fromkeys(sys.path)
                if entry and Path(entry).is_dir() and not _holds_the_app(Path(entry))]
    (own / "borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    return python


def test_the_installed_wheel_is_the_whole_app(tmp_path: Path) -> None:
    source = _fresh_clone(tmp_path / "clone")
    assert not list(source.glob("i18n/*/LC_MESSAGES/*.mo"))
    wheel = _build_wheel(source, tmp_path / "dist")
    assert not list(source.glob("i18n/*/LC_MESSAGES/*.mo")), "the build wrote into the source tree"
    assert not list(source.glob("cchc_desktop/gui/designer/ui_*.py")), "the build wrote into the source tree"

    contents = set(zipfile.ZipFile(wheel).namelist())
    forms = {f"cchc_desktop/gui/designer/ui_{form.stem}.py" for form in (source / "ui").glob("*.ui")}
    assert "cchc_desktop/gui/designer/ui_wheel_probe.py" in forms
    assert forms <= contents
    assert "cchc_desktop/i18n/en/LC_MESSAGES/cchc_desktop.mo" in contents
    assert "cchc_desktop/resources/templates/cchc-2021/v1.yaml" in contents

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    python = _venv_with_borrowed_dependencies(tmp_path / "venv", outside)
    _checked(_run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                  "--disable-pip-version-check", "-q", wheel, cwd=outside))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"

    installed = Path(_checked(_run(python, "-c", "import cchc_desktop; print(cchc_desktop.__file__)",
                                   cwd=outside, env=env)).strip())
    assert installed.is_relative_to(tmp_path / "venv"), installed
    _checked(_run(python, "-c", "from cchc_desktop.gui.designer.ui_wheel_probe import Ui_WheelProbe",
                  cwd=outside, env=env))

    command = python.parent / ("cchc-desktop.exe" if os.name == "nt" else "cchc-desktop")
    missing = _run(command, "--lang", "en", "check", outside / "no-such-report.json", cwd=outside, env=env)
    assert missing.returncode == 2
    assert "Could not read the file no-such-report.json" in missing.stderr, missing.stderr
    # The shipped templates and schema come from the wheel too; the headings from the catalog.
    checked = _run(command, "--lang", "en", "check", SAMPLE, cwd=outside, env=env)
    assert checked.returncode == 0, checked.stderr
    assert "RATES" in checked.stdout
