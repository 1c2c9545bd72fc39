"""Hatch build hook: the wheel carries what the app compiles from its sources.

The compiled catalogs (i18n/*/LC_MESSAGES/*.mo, from the .po files) and the compiled
Designer forms (cchc_desktop/gui/designer/ui_*.py, from ui/*.ui) are build products that git
ignores, and hatch leaves what git ignores out of the wheel: without this hook an installed
app would have no English and no forms. A wheel's files are compiled into a temporary folder
and force-included, so building never writes into the source tree; an editable install
compiles them in place instead (into the same ignored paths scripts/setup.sh fills), since
it runs from the tree.

Needs Babel and PySide6-Essentials (pyside6-uic) at build time: `dependencies` of
[tool.hatch.build.targets.wheel.hooks.custom] in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGS = "i18n"
FORMS = "ui"
PACKAGE = "cchc_desktop"
DESIGNER = f"{PACKAGE}/gui/designer"


def compile_catalog(source: Path, target: Path) -> None:
    """What `pybabel compile --use-fuzzy` does, for one .po file."""
    with source.open("rb") as handle:
        catalog = read_po(handle)
    errors = [f"{message.id!r}: {problem}" for message, problems in catalog.check() for problem in problems]
    if errors:
        raise RuntimeError(f"{source}: " + "; ".join(errors))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=True)


def _form_compiler(root: Path) -> ModuleType:
    """scripts/compile_ui.py, the one place that knows how a form is compiled."""
    spec = importlib.util.spec_from_file_location("compile_ui", root / "scripts" / "compile_ui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompiledSourcesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            self._compile(root, root / CATALOGS, root / DESIGNER)
            return
        self._staging = Path(tempfile.mkdtemp(prefix="cchc-desktop-build-"))
        catalogs, forms = self._compile(root, self._staging / CATALOGS, self._staging / "designer")
        for mo in catalogs:
            relative = mo.relative_to(self._staging / CATALOGS).as_posix()
            build_data["force_include"][str(mo)] = f"{PACKAGE}/{CATALOGS}/{relative}"
        for module in forms:
            build_data["force_include"][str(module)] = f"{DESIGNER}/{module.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        staging = getattr(self, "_staging", None)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)

    @staticmethod
    def _compile(root: Path, catalogs_to: Path, forms_to: Path) -> tuple[list[Path], list[Path]]:
        catalogs = []
        for po in sorted((root / CATALOGS).glob("*/LC_MESSAGES/*.po")):
            mo = catalogs_to / po.relative_to(root / CATALOGS).with_suffix(".mo")
            compile_catalog(po, mo)
            catalogs.append(mo)
        forms = []
        ui_files = sorted((root / FORMS).glob("*.ui"))
        if ui_files:
            compiler = _form_compiler(root)
            forms_to.mkdir(parents=True, exist_ok=True)
            forms = [compiler.compile_form(form, forms_to) for form in ui_files]
        return catalogs, forms
