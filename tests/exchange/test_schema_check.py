"""The report schema's yes-or-no check (exchange/schema_check.py) answers as jsonschema does.

Thousands of altered copies of the sample report (each value replaced by values of other
types and at the schema's bounds, each key removed, a key added to each object) are put
to both; they must agree on every one. Reading a file that does not conform still lists
its problems in the clerk's words, through jsonschema.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.json_format import loads, report_schema
from cchc_desktop.exchange.schema_check import SchemaCheck

ROOT = Path(__file__).resolve().parents[2]

# Values of every JSON type, the Python types a dict built by other code may hold, and the
# schema's bounds (lengths, years, revisions, precision, enums, consts, patterns).
REPLACEMENTS: list[Any] = [
    None, True, False, 0, 1, -1, 1.0, 2.5, 2026.0, Decimal("1"), Decimal("2026"), Decimal("2.5"),
    1999, 2000, 2100, 2101, 9999, 10000, 2, 3, "", "x", "x" * 101, "x" * 301, "x" * 5001, [], {},
    {"text": "Việc"}, [1], ["x"], "Q1", "Y", "Q2", "draft", "final", "lost", "done", "plan", "late",
    "on_time", "cchc-report", "cchc-report-2", "12", "-3", "1.5", "1.", "abc", "12\n",
    "cchc-xa-2026", "cchc-xa-2026@2", "CCHC", "2026-03-16", {"code": "a", "name": "b", "status": "late"},
]
MAPS = ("values", "targets", "notes", "texts")


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        # Two entries of the maps by code (values, texts...): their entries share one schema.
        items = list(node.items())[:2] if path and path[-1] in MAPS else node.items()
        for key, value in items:
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):   # two items of each list are enough
            yield from _paths(value, (*path, index))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def variants(data: dict[str, Any]) -> Iterator[Any]:
    yield data
    for path in list(_paths(data)):
        if not path:
            yield from (value for value in REPLACEMENTS if not isinstance(value, dict))
            continue
        for value in REPLACEMENTS:
            changed = copy.deepcopy(data)
            _at(changed, path)[path[-1]] = value
            yield changed
        parent = _at(data, path)
        if isinstance(parent, dict):
            removed = copy.deepcopy(data)
            del _at(removed, path)[path[-1]]
            yield removed
        target = _at(data, (*path, None))
        if isinstance(target, dict):
            added = copy.deepcopy(data)
            _at(added, (*path, None))["khong_co"] = "x"
            yield added
        if isinstance(target, list):
            longer = copy.deepcopy(data)
            _at(longer, (*path, None)).extend(copy.deepcopy(target[:1]) * 5001)
            yield longer


def test_the_check_answers_as_jsonschema_on_altered_reports(sample_path: Path) -> None:
    schema = report_schema()
    reference = jsonschema.Draft202012Validator(schema)
    check = SchemaCheck(schema)
    data = json.loads(sample_path.read_text("utf-8"))
    data["subunits"] = [{"code": "xa-a", "name": "Xã A", "level": "xa", "received_at": None,
                         "status": "late"}]
    data["targets"] = {"tthc.hs.tong.ty_le_truc_tuyen": "80"}
    for name in MAPS:   # a few entries of each: every altered copy is checked whole, twice
        data[name] = dict(list(data[name].items())[:3])
    compared = disagreements = 0
    for variant in variants(data):
        compared += 1
        if check.conforms(variant) != reference.is_valid(variant):
            disagreements += 1
            assert disagreements < 5, json.dumps(variant, default=str)[:2000]
    assert compared > 2000
    assert disagreements == 0


def test_a_schema_with_a_keyword_it_does_not_check_is_refused() -> None:
    with pytest.raises(ValueError, match="oneOf"):
        SchemaCheck({"type": "object", "properties": {"a": {"oneOf": [{"type": "string"}]}}})


def test_a_file_that_does_not_conform_still_lists_its_problems(sample_path: Path) -> None:
    data = json.loads(sample_path.read_text("utf-8"))
    data["period"]["year"] = 1990
    data["unit"]["extra"] = "x"
    with pytest.raises(ReportError) as caught:
        loads(json.dumps(data))
    assert "period/year" in caught.value.message and "unit" in caught.value.message


def test_reading_a_report_that_conforms_does_not_load_jsonschema(sample_path: Path,
                                                                 tmp_path: Path) -> None:
    """Once its template is in the cache (checked there once, with jsonschema, when the cache
    was made: domain/template_cache.py), a conforming report is read without jsonschema."""
    code = ("import sys; from pathlib import Path; "
            "from cchc_desktop.exchange.json_format import read_report; "
            f"read_report(Path({str(sample_path)!r})); print('jsonschema' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def shown() -> str:
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                              text=True, check=True, env=env).stdout.strip()

    assert shown() == "True"        # an empty cache: the template is checked with jsonschema
    assert shown() == "False"       # the next reading takes it from the cache
