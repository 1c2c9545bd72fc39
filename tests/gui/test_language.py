"""Switching to English relabels the window; the forms follow the template's English labels."""

from __future__ import annotations

from cchc_desktop import i18n
from cchc_desktop.gui.forms.list_group import ListGroup
from tests.gui.helpers import require_english_catalogue


def group_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [box.title() for box in window.current_page().findChildren(ListGroup)]


def test_switching_language_relabels_the_forms(window, new_report) -> None:
    window.show_page("cddh")
    assert "Kế hoạch CCHC năm" in group_titles(window)
    i18n.set_language("en")
    assert window.current_key == "cddh"
    assert "Annual reform plan" in group_titles(window)
    i18n.set_language("vi")
    assert "Kế hoạch CCHC năm" in group_titles(window)


def test_switching_language_relabels_the_menus(window) -> None:
    require_english_catalogue()
    assert window.ui.menu_file.title() == "&Tệp"
    i18n.set_language("en")
    assert window.ui.menu_file.title() != "&Tệp"
    i18n.set_language("vi")
    assert window.ui.menu_file.title() == "&Tệp"


def test_the_language_is_chosen_in_the_settings(qtbot, window, commune, store, monkeypatch) -> None:
    from cchc_desktop.gui.settings_dialog import SettingsDialog

    def choose_english(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose_english)
    window.open_settings()
    assert i18n.current_language() == "en"
    assert store.setting("language") == "en"
