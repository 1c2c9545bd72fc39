"""A pseudo-locale for tests: every message 40% longer, so a label cut by a longer translation shows.

English is often shorter than Vietnamese, but other languages (and longer wordings) are not: a
window must leave room. `pseudo(message)` wraps a message in brackets and pads it with "~" to at
least 140% of its length; what the text carries stays whole: `{placeholders}` and `%s` (the text
is only added around the message, never inside it), a leading '&' mnemonic, and rich text (the
brackets go inside the first tag, so Qt still sees "<...>" first).

`pseudo_locale()` makes `_()`, `ngettext` and the compiled Designer forms speak it, and installs
a QTranslator doing the same for Qt's own strings (the buttons of dialog button boxes). It lives
in tests/ so nothing of it ships.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from cchc_desktop import i18n

GROWTH = 0.4
PAD = "~"
_PSEUDO = re.compile(r"^\[(.*?)[~ ]*\]$", re.DOTALL)
WORD = 5   # the padding comes in words of five, "~~~~ ": a wrapped label can break it as any text
_RICH = re.compile(r"^(\s*<[^>]*>)(.*)$", re.DOTALL)


def pseudo(message: str) -> str:
    """`message` lengthened by 40% ("Lưu" -> "[Lưu~]"), empty stays empty."""
    if not message:
        return message
    rich = _RICH.match(message)
    head, body = (rich.group(1), rich.group(2)) if rich else ("", message)
    padding = max(0, math.ceil(len(message) * (1 + GROWTH)) - len(message) - 2)
    words = "".join(PAD if (index + 1) % WORD else " " for index in range(padding))
    return f"{head}[{body}{words}]"


def original(text: str) -> str:
    """The message a pseudo text was made from (for naming what was cut)."""
    match = _PSEUDO.match(text)
    return match.group(1) if match else text


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


class PseudoQtTranslator(QTranslator):
    """Qt's own strings ("&OK", "Cancel") lengthened too."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


@contextmanager
def pseudo_locale(app: QApplication) -> Iterator[None]:
    """Within the block, the window's text and Qt's is the pseudo-locale's; widgets made within
    it are labelled in it (a window made before keeps its labels)."""
    saved = i18n._translation
    translator = PseudoQtTranslator(app)
    i18n._translation = PseudoTranslations()
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        i18n._translation = saved
