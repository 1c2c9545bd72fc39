"""Does a document conform to a JSON Schema: a yes or no, without importing jsonschema.

Every report file read is checked against resources/schemas/cchc-report.schema.json.
jsonschema (with referencing, attrs, its format checkers) costs 40-60 ms to import, a
tenth of a whole `cchc-desktop export`, and nearly every file conforms. So the file is
first checked here, with the few keywords that schema uses, giving exactly the answer
jsonschema's Draft 2020-12 validator (without a format checker, as json_format makes it)
gives; only a file that does not conform goes to jsonschema, for the list of its problems
in the clerk's words (domain/schema_errors.py). tests/exchange/test_schema_check.py
compares both answers on thousands of altered report files.

A schema holding a keyword not handled here is refused by `SchemaCheck` (ValueError), so
that a schema growing a keyword can never be half-checked.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping
from typing import Any

# Keywords that say nothing about validity ("format" is an annotation without a checker).
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "format"})
_CHECKED = frozenset({"type", "required", "properties", "additionalProperties", "const", "enum",
                      "pattern", "minLength", "maxLength", "minimum", "maximum", "items",
                      "maxItems", "anyOf"})


def _is_type(instance: Any, name: str) -> bool:
    """jsonschema's Draft 2020-12 type checker: a bool is no number, 2.0 is an integer."""
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "null":
        return instance is None
    if name == "boolean":
        return isinstance(instance, bool)
    if isinstance(instance, bool):
        return False
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    if name == "number":
        return isinstance(instance, numbers.Number)
    raise ValueError(f"unknown type {name!r}")


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: True is not 1, and the same inside lists and objects."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list | tuple) and isinstance(two, list | tuple):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and _equal(value, two[key])
                                            for key, value in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


def _known(schema: Any) -> None:
    """Refuse a schema with a keyword this module does not check."""
    if isinstance(schema, bool):
        return
    unknown = set(schema) - _ANNOTATIONS - _CHECKED
    if unknown:
        raise ValueError(f"keywords not handled: {sorted(unknown)}")
    for subschema in schema.get("properties", {}).values():
        _known(subschema)
    for key in ("additionalProperties", "items"):
        if key in schema:
            _known(schema[key])
    for subschema in schema.get("anyOf", []):
        _known(subschema)


def _valid(schema: Any, instance: Any) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    if "type" in schema:
        types = schema["type"]
        if not any(_is_type(instance, name) for name in ([types] if isinstance(types, str) else types)):
            return False
    if "const" in schema and not _equal(instance, schema["const"]):
        return False
    if "enum" in schema and not any(_equal(each, instance) for each in schema["enum"]):
        return False
    if isinstance(instance, str):
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            return False
        if len(instance) < schema.get("minLength", 0) or \
                ("maxLength" in schema and len(instance) > schema["maxLength"]):
            return False
    elif isinstance(instance, numbers.Number) and not isinstance(instance, bool):
        if ("minimum" in schema and instance < schema["minimum"]) or \
                ("maximum" in schema and instance > schema["maximum"]):
            return False
    elif isinstance(instance, dict):
        properties = schema.get("properties", {})
        if any(name not in instance for name in schema.get("required", ())):
            return False
        for name, value in instance.items():
            if name in properties:
                if not _valid(properties[name], value):
                    return False
            elif "additionalProperties" in schema and not _valid(schema["additionalProperties"], value):
                return False
    elif isinstance(instance, list):
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            return False
        if "items" in schema and not all(_valid(schema["items"], item) for item in instance):
            return False
    return not ("anyOf" in schema and not any(_valid(sub, instance) for sub in schema["anyOf"]))


class SchemaCheck:
    """A schema (a parsed JSON Schema document) that documents can be checked against."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        _known(schema)
        self.schema = schema

    def conforms(self, instance: Any) -> bool:
        return _valid(self.schema, instance)
