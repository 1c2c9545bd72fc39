"""PySide6 learns which modules use it without keeping their source in memory."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

from cchc_desktop.gui.pyside_sources import keep_sources_out_of_memory, mentions_pyside


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "uses_qt_probe.py").write_text("from PySide6.QtCore import QObject\n" * 2000)
    (tmp_path / "plain_probe.py").write_text("VALUE = 1\n" * 2000)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("uses_qt_probe", "plain_probe"):
        sys.modules.pop(name, None)


def test_the_window_replaced_the_check(modules: Path) -> None:
    import cchc_desktop.gui  # noqa: F401  (the package installs it)

    assert keep_sources_out_of_memory()
    feature = sys.modules["PySide6.support.feature"]
    assert feature._mod_uses_pyside is mentions_pyside
    linecache.clearcache()
    # An import statement, as the app's modules do (PySide6 hooks builtins.__import__).
    uses_qt = __import__("uses_qt_probe")
    plain = __import__("plain_probe")
    assert str(modules / "uses_qt_probe.py") not in linecache.cache
    assert str(modules / "plain_probe.py") not in linecache.cache
    # The answers PySide6's own check gives.
    assert feature.pyside_feature_dict["uses_qt_probe"] == 0
    assert feature.pyside_feature_dict["plain_probe"] == -1
    assert mentions_pyside(uses_qt) and not mentions_pyside(plain)
    assert not mentions_pyside(sys) and not mentions_pyside(importlib.import_module("_json"))
