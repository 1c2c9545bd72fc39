"""The texts of the Designer forms reach the catalogs: babel.cfg's extractor for ui/*.ui."""

from __future__ import annotations

import ast
import importlib.util
import io
import shutil
from pathlib import Path
from types import ModuleType

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from cchc_desktop.designer_strings import extract_designer_strings

ROOT = Path(__file__).resolve().parents[1]
FORM = """<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>Probe</class>
 <widget class="QWidget" name="Probe">
  <property name="windowTitle">
   <string>Báo cáo &amp; biểu mẫu</string>
  </property>
  <property name="styleSheet">
   <string notr="true">QLabel { color: red; }</string>
  </property>
  <property name="hints" stdset="0">
   <stringlist notr="true">
    <string>internal</string>
   </stringlist>
  </property>
  <layout class="QVBoxLayout" name="layout">
   <item>
    <widget class="QLabel" name="unit">
     <property name="text">
      <string comment="tên đơn vị">Đơn vị</string>
     </property>
     <property name="toolTip">
      <string extracomment="Translators: shown on hover">Đơn vị báo cáo,
theo danh mục</string>
     </property>
     <property name="statusTip">
      <string/>
     </property>
    </widget>
   </item>
   <item>
    <widget class="QTabWidget" name="tabs">
     <widget class="QWidget" name="figures">
      <attribute name="title">
       <string>Số liệu</string>
      </attribute>
     </widget>
    </widget>
   </item>
   <item>
    <widget class="QComboBox" name="quarter">
     <item>
      <property name="text">
       <string>Quý I</string>
      </property>
     </item>
    </widget>
   </item>
  </layout>
 </widget>
</ui>
"""


def _extract(form: str) -> list[tuple[int, str, list[str]]]:
    found = extract_designer_strings(io.BytesIO(form.encode("utf-8")), [], [], {})
    return [(line, message, comments) for line, _function, message, comments in found]


def _compile_ui() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_ui", ROOT / "scripts" / "compile_ui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_translatable_texts_of_a_form_with_their_comments() -> None:
    assert _extract(FORM) == [
        (6, "Báo cáo & biểu mẫu", []),
        (20, "Đơn vị", ["tên đơn vị"]),
        (23, "Đơn vị báo cáo,\ntheo danh mục", ["Translators: shown on hover"]),
        (35, "Số liệu", []),
        (44, "Quý I", []),
    ]


def test_exactly_the_texts_the_compiled_form_translates(tmp_path: Path) -> None:
    form = tmp_path / "probe.ui"
    form.write_text(FORM, encoding="utf-8")
    compiled = _compile_ui().compile_form(form, tmp_path)
    calls = [node for node in ast.walk(ast.parse(compiled.read_text("utf-8"))) if isinstance(node, ast.Call)]
    translated = {call.args[0].value for call in calls
                  if isinstance(call.func, ast.Name) and call.func.id == "ui_text"
                  and isinstance(call.args[0], ast.Constant)}
    assert translated == {message for _line, message, _comments in _extract(FORM)}


def test_babel_cfg_extracts_the_forms_of_ui_next_to_the_code(tmp_path: Path) -> None:
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "probe.ui").write_text(FORM, encoding="utf-8")
    (tmp_path / "cchc_desktop").mkdir()
    (tmp_path / "cchc_desktop" / "code.py").write_text('_("Kỳ báo cáo")\n', encoding="utf-8")
    with (tmp_path / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {(filename, message, tuple(comments))
             for filename, _line, message, comments, _context
             in extract_from_dir(str(tmp_path), method_map, options_map)}
    assert ("ui/probe.ui", "Đơn vị", ("tên đơn vị",)) in found
    assert ("ui/probe.ui", "Quý I", ()) in found
    assert ("cchc_desktop/code.py", "Kỳ báo cáo", ()) in found
