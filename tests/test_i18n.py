"""i18n.py promises Vietnamese source strings spoken as they are, English from the compiled
catalog once asked for, and a document language kept apart from the UI's: `speaking` changes
what `_()` says for one block in one thread only. Beside tests/test_catalogs.py (every string
has its English) and tests/gui/test_language.py (the window switching), this file asks the
module's functions directly."""

from __future__ import annotations

import threading

import pytest

from cchc_desktop import i18n
from cchc_desktop.i18n import (
    VIETNAMESE,
    Language,
    _,
    babel_locale,
    current_language,
    language_named,
    ngettext,
    on_language_changed,
    set_language,
    speaking,
    ui_language,
    ui_text,
)

EMPTY = "Hộp thư đi trống."


def test_vietnamese_is_the_source_and_english_comes_from_the_catalog() -> None:
    assert _(EMPTY) == EMPTY and current_language() == "vi" and babel_locale() == "vi_VN"
    set_language("en")
    assert _(EMPTY) == "The outbox is empty."
    assert ui_text("tùy chọn") == "options"
    assert (current_language(), babel_locale()) == ("en", "en_US")
    assert _("một câu không có trong danh mục") == "một câu không có trong danh mục"


def test_an_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="Ngôn ngữ không được hỗ trợ: fr"):
        language_named("fr")
    with pytest.raises(ValueError):
        set_language("vi_VN")
    assert current_language() == "vi"


def test_a_language_knows_the_locale_of_its_numbers() -> None:
    assert VIETNAMESE.locale == "vi_VN" and language_named("vi") is VIETNAMESE
    assert language_named("en").locale == "en_US"
    assert Language("xx").locale == "vi_VN"
    assert language_named("en").ngettext("{n} tệp", "{n} tệp", 2) == "{n} tệp"
    assert ngettext("một", "nhiều", 1) == "một" and ngettext("một", "nhiều", 3) == "nhiều"


def test_speaking_changes_the_block_and_this_thread_only() -> None:
    english = language_named("en")
    heard: list[str] = []
    with speaking(english):
        assert _(EMPTY) == "The outbox is empty." and babel_locale() == "en_US"
        assert ui_language().code == "vi"          # the window's language is unchanged
        assert ui_text(EMPTY) == EMPTY
        worker = threading.Thread(target=lambda: heard.append(_(EMPTY)))
        worker.start()
        worker.join()
    assert heard == [EMPTY]
    assert _(EMPTY) == EMPTY and current_language() == "vi"


def test_a_listener_hears_each_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_listeners", [])
    changes: list[str] = []
    on_language_changed(changes.append)
    set_language("en")
    set_language("vi")
    assert changes == ["en", "vi"]
