"""gui/translations.py: Qt's own strings in Vietnamese from a catalogue compiled into the user's
cache when missing or stale, Qt's locale following the UI language, and i18n's changes as a Qt
signal that widgets can come and go from. (Qt's buttons and date widgets in each language:
tests/gui/test_qt_language.py.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel

from cchc_desktop import i18n
from cchc_desktop.gui import translations
from cchc_desktop.gui.translations import (
    QtLanguage,
    cache_dir,
    compile_catalogue,
    language_bridge,
    qt_source,
    ui_locale,
)


def test_the_bridge_is_one_and_tells_each_change(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge = language_bridge()
    assert language_bridge() is bridge
    with qtbot.waitSignal(bridge.changed, timeout=1000) as blocker:
        i18n.set_language("en")
    assert blocker.args == ["en"]
    with qtbot.waitSignal(bridge.changed, timeout=1000) as blocker:
        i18n.set_language("vi")
    assert blocker.args == ["vi"]


def test_a_widget_gone_is_dropped_from_the_bridge(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    label.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    language_bridge().changed.connect(label.setText)
    i18n.set_language("en")
    assert label.text() == "en"
    label.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=1000)
    i18n.set_language("vi")   # no RuntimeError from a dead label


@pytest.mark.parametrize(("language", "name", "first_day"), [
    ("vi", "vi_VN", Qt.DayOfWeek.Monday), ("en", "en_GB", Qt.DayOfWeek.Monday)])
def test_qts_locale_for_the_ui_language(language: str, name: str, first_day: Qt.DayOfWeek) -> None:
    locale = ui_locale(language)
    assert locale.name() == name
    assert locale.firstDayOfWeek() == first_day
    assert locale.dateFormat(QLocale.FormatType.ShortFormat).lower().startswith("d")   # day first


def test_without_a_language_the_current_one_is_used() -> None:
    assert ui_locale().name() == "vi_VN"
    i18n.set_language("en")
    assert ui_locale().name() == "en_GB"


def test_a_stale_catalogue_is_compiled_again(tmp_path: Path) -> None:
    source = tmp_path / "qtbase_vi.ts"
    source.write_bytes(qt_source().read_bytes())
    target = tmp_path / "cache" / "qtbase_vi.qm"
    assert compile_catalogue(source, target)
    target.write_bytes(b"stale")
    old = target.stat().st_mtime - 100
    os.utime(target, (old, old))
    assert compile_catalogue(source, target)
    assert target.read_bytes() != b"stale"


def test_a_broken_source_is_not_a_catalogue(tmp_path: Path) -> None:
    source = tmp_path / "qtbase_vi.ts"
    source.write_text("<TS><context><message>", encoding="utf-8")
    assert not compile_catalogue(source, tmp_path / "qtbase_vi.qm")


def test_no_compiler_means_no_catalogue_not_a_crash(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not compile_catalogue(qt_source(), tmp_path / "qtbase_vi.qm")


def test_vietnamese_installs_the_catalogue_built_in_the_cache_and_english_removes_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert not qt_source().with_suffix(".qm").exists(), "a shipped .qm: this test builds its own"
    language = QtLanguage(app)
    try:
        language.apply("vi")
        assert (cache_dir() / f"{translations.QT_CATALOGUE}.qm").exists()
        assert len(language.translators) == 1
        assert QLocale().name() == "vi_VN"
        first = language.translators[0]
        language.apply("vi")   # again: the old translator removed, not a second one
        assert len(language.translators) == 1
        assert not app.removeTranslator(first), "the first translator was left installed"
        second = language.translators[0]
        language.apply("en")
        assert language.translators == []
        assert not app.removeTranslator(second), "English left the Vietnamese one installed"
        assert QLocale().name() == "en_GB"
    finally:
        for translator in language.translators:
            app.removeTranslator(translator)
        QLocale.setDefault(ui_locale("vi"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"   # the app's own stays
