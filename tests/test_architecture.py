"""The layers stay honest (import-linter's contracts in pyproject.toml), and no indicator named in code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from cchc_desktop.domain.template import shipped_templates

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cchc_desktop"
# The `lint-imports` command, run by this interpreter without its cache.
LINT_IMPORTS = ("import sys; from importlinter.cli import lint_imports; "
                "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))")


def _modules(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts]


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the contracts of pyproject.toml, on the package found in package_parent."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([sys.executable, "-c", LINT_IMPORTS, str(ROOT / "pyproject.toml")],
                          cwd=package_parent, env=env, capture_output=True, text=True, encoding="utf-8",
                          check=False, timeout=120)


def test_the_import_contracts_are_kept() -> None:
    """The layers, Qt only in gui/, pyhanko only in submission/, a pure domain (pyproject.toml)."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_catch_an_import_against_them(tmp_path: Path) -> None:
    """A copy of the package with one offending module per contract: every contract breaks."""
    shutil.copytree(PACKAGE, tmp_path / "cchc_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    offences = {
        "domain/offence_layer.py": "from cchc_desktop.submission import verify",
        "storage/offence_qt.py": "from PySide6 import QtCore",
        "imports/offence_signing.py": "import pyhanko.sign",
        "domain/offence_database.py": "import sqlalchemy",
    }
    for name, line in offences.items():
        (tmp_path / "cchc_desktop" / name).write_text(line + "\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "4 broken" in result.stdout, result.stdout
    for name in offences:
        module = "cchc_desktop." + name.removesuffix(".py").replace("/", ".")
        assert module in result.stdout, module


def test_no_indicator_code_is_written_in_the_code() -> None:
    """The outline is data: a string naming an indicator in the package is a smell."""
    codes: set[str] = set()
    registry = shipped_templates()
    for template_id in registry.ids():
        for version in registry.versions(template_id):
            template = registry.get(f"{template_id}@{version}")
            codes |= {c for c in template.indicators if "." in c}
            codes |= {ind.pattern for ind in template.indicators.values() if "." in ind.pattern}
    pattern = re.compile(r"[\"']([a-z_]+(?:\.[a-z_{}]+)+)[\"']")
    found = {}
    for path in _modules(PACKAGE):
        named = {m for m in pattern.findall(path.read_text("utf-8")) if m in codes}
        if named:
            found[str(path.relative_to(PACKAGE))] = sorted(named)
    assert found == {}
