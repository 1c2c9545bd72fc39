"""Babel's extraction method for Qt Designer forms (ui/*.ui), named in babel.cfg.

The compiled forms translate their texts with `ui_text` (scripts/compile_ui.py), which is
gettext: so a form's texts belong in the app's Babel catalogs like the code's `_()` strings.
This extracts what pyside6-uic wraps in `ui_text`: every non-empty <string> that is not
marked notr="true" (nor inside a <stringlist notr="true">). Designer's `comment`
(disambiguation) and `extracomment` attributes become comments for the translator; there is
no message context, since `ui_text` looks a text up by itself alone.

Part of the package, although only the tools use it, so that `pybabel` and the catalog test
can import it wherever the app is installed; it imports nothing of the app.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any
from xml.parsers import expat

# (line, function name, message, comments), as Babel expects; no function name: a plain
# message, whatever keywords the extraction was given.
Extracted = tuple[int, None, str, list[str]]


def _comments(attributes: Mapping[str, str]) -> list[str]:
    return [attributes[name] for name in ("comment", "extracomment") if attributes.get(name)]


def _untranslated(attributes: Mapping[str, str]) -> bool:
    return attributes.get("notr", "false").lower() == "true"


def extract_designer_strings(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                             options: Mapping[str, Any]) -> Iterator[Extracted]:
    """Yield the translatable texts of one .ui file (Babel's extraction method signature)."""
    found: list[Extracted] = []
    # The <string> being read: its line, attributes and text so far; and whether the
    # enclosing <stringlist> is notr.
    current: tuple[int, dict[str, str], list[str]] | None = None
    list_untranslated = False
    parser = expat.ParserCreate()

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal current, list_untranslated
        if name == "stringlist":
            list_untranslated = _untranslated(attributes)
        elif name == "string":
            current = (parser.CurrentLineNumber, attributes, [])

    def end(name: str) -> None:
        nonlocal current, list_untranslated
        if name == "stringlist":
            list_untranslated = False
        elif name == "string" and current is not None:
            line, attributes, text = current
            message = "".join(text)
            if message and not (_untranslated(attributes) or list_untranslated):
                found.append((line, None, message, _comments(attributes)))
            current = None

    def characters(data: str) -> None:
        if current is not None:
            current[2].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.ParseFile(fileobj)
    yield from found
