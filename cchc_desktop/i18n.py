"""Translation of user-facing text: Vietnamese source strings, other languages from i18n/.

Source strings are written in Vietnamese, the app's first language; English comes
from the Babel catalog `i18n/en/LC_MESSAGES/cchc_desktop.mo`, compiled by the setup.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable

DOMAIN = "cchc_desktop"
SUPPORTED_LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` ('vi' or 'en')."""
    global _translation, _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Ngôn ngữ không được hỗ trợ: {language}")
    if language == DEFAULT_LANGUAGE:
        _translation = _gettext.NullTranslations()
    else:
        from cchc_desktop.paths import catalogs_dir

        _translation = _gettext.translation(
            DOMAIN, localedir=str(catalogs_dir()), languages=[language], fallback=True
        )
    _language = language
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    return _language


def babel_locale() -> str:
    """The Babel locale used for numbers and dates in the current language."""
    return "vi_VN" if _language == "vi" else "en_US"


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def ui_text(message: str, disambiguation: str | None = None) -> str:
    """The translation function of the compiled Designer forms (pyside6-uic --tr ui_text)."""
    return _translation.gettext(message)
