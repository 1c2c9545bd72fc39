"""The English catalog is complete: every string marked in the sources is there, translated.

The strings are extracted with Babel exactly as scripts/update_catalogs.sh does (the method
map of babel.cfg, the default keywords plus N_ and ngettext:1,2), so a string added to the
code without updating and translating the catalog fails here rather than showing up in
Vietnamese in the English interface.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
ENGLISH_PO = ROOT / "i18n" / "en" / "LC_MESSAGES" / "cchc_desktop.po"
# `pybabel extract -k N_ -k ngettext:1,2` adds these to Babel's default keywords.
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "N_": None, "ngettext": (1, 2)}
UPDATE = "run `bash scripts/update_catalogs.sh` and translate the new entries"

MessageId = str | tuple[str, ...]


def extract_messages(root: Path = ROOT) -> dict[str, MessageId]:
    """The msgids marked in the sources, keyed by their singular text (as in a catalog)."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, MessageId] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS):
        key = message if isinstance(message, str) else message[0]
        if key:
            found[key] = message
    return found


def read_catalog(path: Path = ENGLISH_PO) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def entries(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def ids(message: Message) -> tuple[str, ...]:
    """(msgid,) or (singular, plural)."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def forms(message: Message) -> tuple[str, ...]:
    """The translation, one item per plural form ("" when untranslated)."""
    if message.string is None or isinstance(message.string, str):
        return (message.string or "",)
    return tuple(form or "" for form in message.string)


def show(message: Message) -> str:
    return repr(ids(message)[0])


# --- the checks, written as functions returning the offenders so that they can be tested


def missing_from(catalog: Catalog, extracted: dict[str, MessageId]) -> list[str]:
    return sorted(key for key in extracted if catalog.get(key) is None)


def untranslated(catalog: Catalog) -> list[str]:
    problems = []
    for message in entries(catalog):
        if message.fuzzy:
            problems.append(f"{show(message)} (fuzzy)")
        elif not all(forms(message)):
            problems.append(f"{show(message)} (empty)")
    return problems


_PERCENT_NAMED = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def placeholders(text: str) -> set[str]:
    """The {fields} of a str.format() text (literal {{ }} excluded) and any %(name)s."""
    fields = {field for _literal, field, _spec, _conversion in string.Formatter().parse(text)
              if field is not None}
    return fields | {f"%({name})" for name in _PERCENT_NAMED.findall(text)}


def pairs(message: Message) -> Iterable[tuple[str, str]]:
    """(source, translation) pairs: the singular with form 0, the plural with the others."""
    sources = ids(message)
    for index, form in enumerate(forms(message)):
        yield sources[min(index, len(sources) - 1)], form


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    problems = []
    for message in entries(catalog):
        for source, translation in pairs(message):
            if not translation:
                continue  # reported by untranslated()
            try:
                wanted, got = placeholders(source), placeholders(translation)
            except ValueError as exc:  # unbalanced braces
                problems.append(f"{source!r} -> {translation!r}: {exc}")
                continue
            if wanted != got:
                problems.append(f"{source!r} -> {translation!r}: expected {sorted(wanted)}, "
                                f"found {sorted(got)}")
    return problems


# --- the tests


@pytest.fixture(scope="module")
def english() -> Catalog:
    return read_catalog()


@pytest.fixture(scope="module")
def extracted() -> dict[str, MessageId]:
    return extract_messages()


def test_the_sources_have_marked_strings(extracted: dict[str, MessageId]) -> None:
    assert len(extracted) > 100, "extraction found almost nothing: check babel.cfg"


def test_every_marked_string_is_in_the_english_catalog(
        english: Catalog, extracted: dict[str, MessageId]) -> None:
    missing = missing_from(english, extracted)
    assert not missing, (f"The English catalog is stale: {UPDATE}. {len(missing)} msgid(s) "
                         "missing:\n" + "\n".join(f"  {m!r}" for m in missing))


def test_every_entry_is_translated_and_not_fuzzy(english: Catalog) -> None:
    problems = untranslated(english)
    assert not problems, ("Untranslated or fuzzy entries in "
                          f"{ENGLISH_PO.relative_to(ROOT)}:\n" + "\n".join(f"  {p}" for p in problems))


def test_translations_keep_the_placeholders(english: Catalog) -> None:
    problems = placeholder_mismatches(english)
    assert not problems, ("Translations whose {placeholders} differ from the msgid:\n"
                          + "\n".join(f"  {p}" for p in problems))


# --- the checks catch what they are meant to


def test_the_checks_catch_a_new_string_a_missing_translation_and_a_lost_placeholder(
        tmp_path: Path) -> None:
    package = tmp_path / "cchc_desktop"
    package.mkdir()
    (tmp_path / "babel.cfg").write_text((ROOT / "babel.cfg").read_text("utf-8"), "utf-8")
    (package / "module.py").write_text(
        "from cchc_desktop.i18n import N_, _, ngettext\n"
        "A = _('Có trong danh mục')\n"
        "B = N_('Chuỗi mới {n}')\n"
        "C = ngettext('{n} tệp', '{n} tệp', 2)\n",
        "utf-8")
    extracted = extract_messages(tmp_path)
    assert set(extracted) == {"Có trong danh mục", "Chuỗi mới {n}", "{n} tệp"}

    catalog = Catalog(locale="en")
    catalog.add("Có trong danh mục", "In the catalog")
    catalog.add("Thiếu dịch {name}", "")
    catalog.add("Mờ {name}", "Fuzzy {name}", flags=["fuzzy"])
    catalog.add("Mất chỗ {name} và {n}", "Lost {name}")
    catalog.add("Ngoặc {{L}} {code}", "Braces {L} {code}")
    catalog.add(("{n} tệp", "{n} tệp"), ("one file", "{n} files"))
    catalog.add("Giữ {{L}} {code}", "Keeps {{L}} {code}")

    assert missing_from(catalog, extracted) == ["Chuỗi mới {n}"]
    assert untranslated(catalog) == ["'Thiếu dịch {name}' (empty)", "'Mờ {name}' (fuzzy)"]
    offenders = placeholder_mismatches(catalog)
    assert [o.split(" -> ")[0] for o in offenders] == [
        "'Mất chỗ {name} và {n}'", "'Ngoặc {{L}} {code}'", "'{n} tệp'"]
    assert placeholders("%(prog)s: {name} {{L}}") == {"%(prog)", "name"}
