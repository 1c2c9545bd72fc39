"""The layers stay honest (import-linter's contracts in pyproject.toml), no indicator is named in
code, and a module longer than about 400 lines says how long it is and why."""

from __future__ import annotations

import ast
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


# A module over about 400 lines says so in its docstring, with the reason: "About 540 lines
# because ..." or "Over 400 lines on purpose: ...". An "about" count must stay true within a
# tenth, so that the reason is read again, and kept or the module split, as it grows.
ABOUT_LIMIT = 420
_LENGTH_CLAIM = re.compile(r"\b(about|over) (\d+) lines\b", re.IGNORECASE)


def length_problem(source: str) -> str | None:
    """Why a module of `source` is too long for what its docstring says, or None."""
    lines = len(source.splitlines())
    if lines <= ABOUT_LIMIT:
        return None
    claim = _LENGTH_CLAIM.search(ast.get_docstring(ast.parse(source)) or "")
    if claim is None:
        return f"{lines} lines, and its docstring gives no reason"
    said = int(claim.group(2))
    kept = lines > said if claim.group(1).lower() == "over" else abs(lines - said) <= said // 10
    return None if kept else f"{lines} lines, its docstring says {claim.group(0)!r}"


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


def test_a_long_module_says_why() -> None:
    generated = PACKAGE / "gui" / "designer"   # compiled from ui/*.ui (scripts/compile_ui.py)
    found = {str(path.relative_to(PACKAGE)): problem for path in _modules(PACKAGE)
             if not path.is_relative_to(generated)
             and (problem := length_problem(path.read_text("utf-8")))}
    assert found == {}


def test_the_length_check_reads_the_reason() -> None:
    body = "x = 1\n" * 500
    assert length_problem(body) == "500 lines, and its docstring gives no reason"
    assert length_problem('"""Short."""\n' + "x = 1\n" * 400) is None
    assert length_problem('"""About 500 lines because one format."""\n' + body) is None
    assert length_problem('"""About 400 lines: it grew."""\n' + body) == (
        "501 lines, its docstring says 'About 400 lines'")
    assert length_problem('"""Over 400 lines on purpose: the schema."""\n' + body) is None


# Tests mirror the package: cchc_desktop/<sub>/<module>.py has tests/<sub>/test_<module>.py
# (a package's own code, in its __init__.py, has tests/<sub>/test_<package>.py). The modules
# below have no test module of their own, each for the reason given; a module named here
# that gains one, or is gone, must leave the list.
WITHOUT_OWN_TESTS: dict[str, str] = {
    "storage/migrations/env.py": "Alembic's entry point: every migration runs through it in "
                                 "tests/storage/test_migrations.py",
    "storage/migrations/versions/*": "each revision is one step of the schema's history: "
                                     "tests/storage/test_migrations.py upgrades files made by every "
                                     "earlier version, test_old_files.py opens them",
}
# Generated from ui/*.ui (scripts/compile_ui.py): their forms are tested through their dialogs
# and by tests/gui/test_designer_forms.py.
GENERATED = PACKAGE / "gui" / "designer"
SMALL_PACKAGE_INIT = 20     # an __init__.py this short only names the package's parts


def mirrored_test(module: Path) -> Path:
    """tests/<sub>/test_<module>.py for cchc_desktop/<sub>/<module>.py."""
    relative = module.relative_to(PACKAGE)
    if module.name == "__init__.py":
        return ROOT / "tests" / relative.parent / f"test_{relative.parent.name}.py"
    return ROOT / "tests" / relative.parent / f"test_{module.stem}.py"


def _exempt(relative: str) -> bool:
    return any(relative == key or (key.endswith("/*") and relative.startswith(key[:-1]))
               for key in WITHOUT_OWN_TESTS)


def modules_with_behaviour() -> list[Path]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(GENERATED) or "__pycache__" in path.parts:
            continue
        if path.name == "__init__.py" and len(path.read_text("utf-8").splitlines()) <= SMALL_PACKAGE_INIT:
            continue
        found.append(path)
    return found


def test_every_module_has_a_test_module_of_its_own() -> None:
    missing = [str(path.relative_to(PACKAGE)) for path in modules_with_behaviour()
               if not _exempt(str(path.relative_to(PACKAGE))) and not mirrored_test(path).exists()]
    assert missing == []


def test_the_modules_without_own_tests_are_still_so() -> None:
    """An exemption outlives its reason when the module is gone or has its tests now."""
    stale = []
    for key in WITHOUT_OWN_TESTS:
        folder = key.removesuffix("/*")
        paths = [PACKAGE / key] if folder == key else [
            p for p in sorted((PACKAGE / folder).glob("*.py")) if p.name != "__init__.py"]
        if not paths or any(mirrored_test(p).exists() or not p.exists() for p in paths):
            stale.append(key)
    assert stale == []


def test_the_mirror_maps_a_module_and_a_package() -> None:
    assert mirrored_test(PACKAGE / "gui" / "forms" / "page.py") == ROOT / "tests/gui/forms/test_page.py"
    assert mirrored_test(PACKAGE / "fileio.py") == ROOT / "tests/test_fileio.py"
    assert mirrored_test(PACKAGE / "cli" / "__init__.py") == ROOT / "tests/cli/test_cli.py"
    assert PACKAGE / "cli" / "__init__.py" in modules_with_behaviour()         # 170 lines: main()
    assert PACKAGE / "imports" / "__init__.py" not in modules_with_behaviour()  # a docstring
