"""The layers stay honest: Qt only in gui/, a pure domain, and no indicator named in code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from cchc_desktop.domain.template import shipped_templates

PACKAGE = Path(__file__).parents[1] / "cchc_desktop"


def _modules(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_gui_package_imports_qt() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules(PACKAGE)
                 if "gui" not in p.relative_to(PACKAGE).parts
                 and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(p))]
    assert offenders == []


def test_the_domain_depends_on_nothing_above_it() -> None:
    above = ("cchc_desktop.storage", "cchc_desktop.gui", "cchc_desktop.documents",
             "cchc_desktop.exchange", "cchc_desktop.cli", "sqlalchemy", "openpyxl", "reportlab")
    offenders = {str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n.startswith(above))
                 for p in _modules(PACKAGE / "domain")}
    assert {k: v for k, v in offenders.items() if v} == {}


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
