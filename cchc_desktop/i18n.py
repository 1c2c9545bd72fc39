"""Translation of user-facing text: Vietnamese source strings, other languages from i18n/.

Source strings are written in Vietnamese, the app's first language; English comes
from the Babel catalog `i18n/en/LC_MESSAGES/cchc_desktop.mo`, compiled by the setup.

Two languages are at work and must not be confused. The UI's language follows the
settings (`set_language`) and is what `_()` speaks. A document for signature is written
in a `Language` of its own (documents.DOCUMENT_LANGUAGE, Vietnamese): the documents pass
it down explicitly (`language.gettext`, `Text.render(language)`, `locale=language.locale`),
so switching the window to English never changes a signed report.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

DOMAIN = "cchc_desktop"
SUPPORTED_LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True)
class Language:
    """A language text is written in: its gettext translations and the locale of its numbers."""

    code: str
    translations: _gettext.NullTranslations = field(default_factory=_gettext.NullTranslations,
                                                    compare=False, repr=False)

    @property
    def locale(self) -> str:
        """The Babel locale of numbers in this language: 'vi_VN' writes 1.234,5 and 63,64%."""
        return _LOCALES.get(self.code, _LOCALES[DEFAULT_LANGUAGE])

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)


# The source strings are Vietnamese: Vietnamese is their identity translation, never a catalog.
VIETNAMESE = Language("vi")


def language_named(code: str) -> Language:
    """The language `code` ('vi' or 'en') with its catalog (gettext keeps it parsed once)."""
    if code not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Ngôn ngữ không được hỗ trợ: {code}")
    if code == DEFAULT_LANGUAGE:
        return VIETNAMESE
    from cchc_desktop.paths import catalogs_dir  # start-up: platformdirs only for English

    return Language(code, _gettext.translation(DOMAIN, localedir=str(catalogs_dir()),
                                               languages=[code], fallback=True))


_translation: _gettext.NullTranslations = VIETNAMESE.translations
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []
# Set only inside `speaking`: the language of text produced, in this thread, by code that
# takes no language argument. Threads (the export runs on a worker) each have their own.
_spoken: ContextVar[Language | None] = ContextVar("cchc_spoken_language", default=None)


def set_language(language: str) -> None:
    """Switch the UI, and every later `_()` call, to `language` ('vi' or 'en')."""
    global _translation, _language
    _translation = language_named(language).translations
    _language = language
    for listener in list(_listeners):
        listener(language)


def ui_language() -> Language:
    """The language the window and the command line speak (the settings, --lang)."""
    return Language(_language, _translation)


def spoken_language() -> Language:
    """What `_()` speaks here and now: the UI's language, or a `speaking` block's."""
    return _spoken.get() or ui_language()


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Let code with no language argument speak `language` for the block, in this thread only.

    A bridge for text a document prints but does not word itself (the findings of
    domain/rules.py and narrative_audit.py, re-worded for the warnings annex). Text a
    document words itself takes its language as an argument instead.
    """
    token = _spoken.set(language)
    try:
        yield
    finally:
        _spoken.reset(token)


def current_language() -> str:
    return spoken_language().code


def babel_locale() -> str:
    """The Babel locale used for numbers and dates in the current language."""
    return spoken_language().locale


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    spoken = _spoken.get()
    return (spoken.translations if spoken is not None else _translation).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    spoken = _spoken.get()
    return (spoken.translations if spoken is not None else _translation).ngettext(singular, plural, n)


def ui_text(message: str, disambiguation: str | None = None) -> str:
    """The translation function of the compiled Designer forms (pyside6-uic --tr ui_text)."""
    return _translation.gettext(message)
