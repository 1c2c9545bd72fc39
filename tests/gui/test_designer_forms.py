"""The Qt Designer forms of ui/: each compiles, its texts go through the app's catalogs, none is stale."""

from __future__ import annotations

import importlib
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6 import QtWidgets

from cchc_desktop import i18n
from tests.gui.helpers import require_english_catalogue

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compile_ui() -> ModuleType:
    return _load(ROOT / "scripts" / "compile_ui.py", "compile_ui_under_test")


def translatable(form: Path) -> set[str]:
    """The texts of a form Designer marks for translation (every <string> not notr="true")."""
    return {element.text for element in ET.parse(form).iter("string")
            if element.text and element.get("notr") != "true"}


def build(module: ModuleType, form: Path) -> QtWidgets.QWidget:
    """The form's top-level widget, set up by the compiled Ui_ class."""
    root = ET.parse(form).getroot()
    ui_class = getattr(module, f"Ui_{root.findtext('class')}")
    top = root.find("widget")
    assert top is not None
    widget: QtWidgets.QWidget = getattr(QtWidgets, top.get("class", "QWidget"))()
    widget.ui = ui_class()  # type: ignore[attr-defined]
    widget.ui.setupUi(widget)  # type: ignore[attr-defined]
    return widget


def test_there_are_forms() -> None:
    assert {form.stem for form in FORMS} >= {"setup_dialog", "unit_form", "settings_dialog",
                                              "submit_dialog", "restore_dialog", "history_dialog",
                                              "final_dialog"}


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.stem)
def test_each_form_compiles_and_its_texts_go_through_ui_text(qtbot, compile_ui, form, tmp_path,
                                                             monkeypatch) -> None:
    compiled = compile_ui.compile_form(form, tmp_path)
    assert compiled == tmp_path / f"ui_{form.stem}.py"
    asked: list[str] = []

    def recording(message: str, disambiguation: str | None = None) -> str:
        asked.append(message)
        return message

    # The compiled module imports ui_text when it is loaded: record every text it asks for.
    monkeypatch.setattr(i18n, "ui_text", recording)
    widget = build(_load(compiled, f"compiled_{form.stem}"), form)
    qtbot.addWidget(widget)
    assert set(asked) == translatable(form)


def test_a_compiled_form_imports_only_the_qt_names_it_uses(compile_ui) -> None:
    """PySide6 makes a class the first time it is named: unused names cost start-up time."""
    code = ("from cchc_desktop.i18n import ui_text\n"
            "from PySide6.QtCore import (QCoreApplication, QSize,\n    QUrl, Qt)\n"
            "from PySide6.QtGui import (QConicalGradient, QIcon)\n"
            "from PySide6.QtWidgets import (QLabel, QVBoxLayout)\n\n"
            "class Ui_X(object):\n"
            "    def setupUi(self, x):\n"
            "        self.layout = QVBoxLayout(x)\n"
            "        self.label = QLabel(x)\n"
            "        self.label.setMinimumSize(QSize(0, 10))\n"
            "        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft)\n"
            "        self.label.setText(ui_text('Đơn vị'))\n")
    trimmed = compile_ui.only_used_qt_names(code)
    assert trimmed.splitlines()[:4] == ["from cchc_desktop.i18n import ui_text",
                                         "from PySide6.QtCore import QSize, Qt",
                                         "from PySide6.QtWidgets import QLabel, QVBoxLayout",
                                         ""]
    assert trimmed.endswith(code[code.index("class Ui_X"):])


def test_compiling_into_a_folder_leaves_nothing_to_check(compile_ui, tmp_path) -> None:
    assert compile_ui.main(["--check", "--output", str(tmp_path)]) == (1 if FORMS else 0)
    assert compile_ui.main(["--output", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.glob("ui_*.py")) == sorted(
        f"ui_{form.stem}.py" for form in FORMS)
    assert compile_ui.main(["--check", "--output", str(tmp_path)]) == 0


def test_no_compiled_form_of_the_app_is_stale(compile_ui) -> None:
    """The modules the app imports (cchc_desktop/gui/designer) were compiled from today's ui/."""
    assert [form.name for form in compile_ui.stale_forms()] == []


@pytest.mark.parametrize(("stem", "english"), [
    ("setup_dialog", "Set up unit"),
    ("settings_dialog", "Settings"),
    ("submit_dialog", "Report packaged"),
    ("restore_dialog", "Restore data"),
    ("history_dialog", "Change history"),
    ("final_dialog", "Check before completing"),
])
def test_a_form_is_english_under_the_english_catalog(qtbot, stem, english) -> None:
    require_english_catalogue()
    form = ROOT / "ui" / f"{stem}.ui"
    module = importlib.import_module(f"cchc_desktop.gui.designer.ui_{stem}")
    vietnamese = build(module, form)
    qtbot.addWidget(vietnamese)
    i18n.set_language("en")
    english_widget = build(module, form)
    qtbot.addWidget(english_widget)
    assert english_widget.windowTitle() == english
    assert vietnamese.windowTitle() != english
    # And back: retranslating the same widget follows the language.
    i18n.set_language("vi")
    english_widget.ui.retranslateUi(english_widget)  # type: ignore[attr-defined]
    assert english_widget.windowTitle() == vietnamese.windowTitle()

