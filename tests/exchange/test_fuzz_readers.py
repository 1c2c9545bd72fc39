"""Fuzzing the readers: every input gives a report or a known error, within a time bound.

Hypothesis mutates a valid exchange file, a valid workbook written by the app and a valid
submission package (values anywhere in the structure, huge and odd numbers, hostile text,
cut and flipped bytes). Whatever comes in, the reader returns a report or raises a
KnownError with a message for the clerk: never another exception, never a hang. The bound
(READ_BUDGET_S) is generous against a slow shared machine; a reader that hangs on an
exponent takes minutes, not seconds.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from factories import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.exchange.json_format import loads
from cchc_desktop.reportfiles import read_report_file

READ_BUDGET_S = 5.0
SAMPLE = DATA / "xa-my-an-2026-Q1.json"

HOSTILE_TEXT = st.sampled_from([
    "\ud800", "\x00", "A\u202eB", "Mỹ\u200bAn", "\ufeff", "Mỹ An" * 3000, "=1+1", "@SUM(A1)",
    "'; DROP TABLE reports; --", "\u0301", "Mỹ An", "",
])
HOSTILE_NUMBERS = st.sampled_from([
    "1e999999999", "1e309", "-1", "NaN", "Infinity", "-0", "1" * 5000, "0x10", "1.5", "66,5",
    "1.234,5", " 42 ", "1_000",
]) | st.integers(min_value=-(10**30), max_value=10**30) | st.floats(allow_nan=True)
ANY_VALUE: st.SearchStrategy[Any] = st.recursive(
    HOSTILE_TEXT | HOSTILE_NUMBERS | st.booleans() | st.none(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text("utf-8"))
    return data


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _bounded(call: Any) -> None:
    """Run one read: a report or a KnownError, in time; anything else fails the test."""
    start = time.monotonic()
    try:
        call()
    except KnownError as error:
        assert error.message.strip(), "a known error says something"
    elapsed = time.monotonic() - start
    assert elapsed < READ_BUDGET_S, f"took {elapsed:.1f} s"


PATHS = _paths(_sample())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=ANY_VALUE)
def test_json_reader_any_value_anywhere(path: tuple[Any, ...], value: Any) -> None:
    data = _set(_sample(), path, value)
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=True)
    except (ValueError, TypeError):
        return
    _bounded(lambda: loads(text, "mau.json"))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_json_reader_cut_and_flipped_text(data: st.DataObject) -> None:
    text = SAMPLE.read_text("utf-8")
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    where = data.draw(st.integers(min_value=0, max_value=max(0, cut - 1)))
    junk = data.draw(st.text(max_size=6))
    mutated = text[:where] + junk + text[where + len(junk):cut]
    _bounded(lambda: loads(mutated, "mau.json"))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([
    '{"format": "cchc-report", "format": "khac"}',                  # duplicate key
    '{"format": "cchc-report", "values": {"cddh.kh.tong": 1e999999999}}',
    '{"format": "cchc-report", "values": {"cddh.kh.tong": NaN}}',
    '{"format": "cchc-report", "revision": 100000000000000000000}',
    '{"format": "cchc-report", "unit": {"name": "\\ud800"}}',
    "[" * 100_000 + "]" * 100_000,                                   # deep nesting
    '{"a": ' * 5000 + "1" + "}" * 5000,
    "", "\x00\x00", "\ufeff{}",
]))
def test_json_reader_known_hostile_texts(text: str) -> None:
    _bounded(lambda: loads(text, "hostile.json"))


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from cchc_desktop.documents.workbook import write_workbook
    from cchc_desktop.domain.context import build_context
    from cchc_desktop.exchange.json_format import read_report

    report, template = read_report(SAMPLE)
    path = tmp_path_factory.mktemp("fuzz") / "mau.xlsx"
    write_workbook(build_context(report, template), path)
    return path.read_bytes()


def _rewrite_member(original: bytes, edit: Any) -> bytes:
    """The workbook with each XML part passed through `edit(name, data)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, edit(info.filename, source.read(info.filename)))
    return out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(number=st.sampled_from(["1e999999999", "1e309", "NaN", "-1", "1" * 5000, "INF"]),
       nth=st.integers(min_value=0, max_value=200))
def test_workbook_reader_hostile_numbers_in_cells(workbook_bytes: bytes, tmp_path: Path,
                                                  number: str, nth: int) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return data
        parts = data.split(b"<v>")
        if len(parts) > 1:
            index = 1 + nth % (len(parts) - 1)
            rest = parts[index].split(b"</v>", 1)
            parts[index] = number.encode() + b"</v>" + (rest[1] if len(rest) > 1 else b"")
        return b"<v>".join(parts)

    path = tmp_path / f"sai-{nth}.xlsx"
    path.write_bytes(_rewrite_member(workbook_bytes, edit))
    _bounded(lambda: read_report_file(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.data())
def test_workbook_reader_cut_and_flipped_bytes(workbook_bytes: bytes, tmp_path: Path,
                                               data: st.DataObject) -> None:
    raw = bytearray(workbook_bytes)
    for _flip in range(data.draw(st.integers(min_value=0, max_value=8))):
        index = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw[index] = data.draw(st.integers(min_value=0, max_value=255))
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    path = tmp_path / "hong.xlsx"
    path.write_bytes(bytes(raw[:cut]))
    _bounded(lambda: read_report_file(path))


@pytest.fixture(scope="module")
def package_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from dataclasses import replace

    from cchc_desktop.domain.context import build_context
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.exchange.json_format import read_report
    from cchc_desktop.submission.package import build_package

    report, template = read_report(SAMPLE)
    context = build_context(replace(report, status=ReportStatus.FINAL), template)
    package = build_package(context, tmp_path_factory.mktemp("goi"))
    return package.zip_path.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["revision", "unit", "files", "format_version", "created_at",
                              "data_sha256", "period"]),
       value=ANY_VALUE)
def test_package_verifier_hostile_manifest(package_zip: bytes, tmp_path: Path, field: str,
                                           value: Any) -> None:
    from cchc_desktop.submission.verify import verify_package

    def edit(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest[field] = value
        return json.dumps(manifest, ensure_ascii=False, allow_nan=True).encode("utf-8",
                                                                              "surrogatepass")

    path = tmp_path / "goi.zip"
    try:
        path.write_bytes(_rewrite_member(package_zip, edit))
    except (ValueError, TypeError):
        return
    _bounded(lambda: verify_package(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.data())
def test_package_verifier_cut_and_flipped_bytes(package_zip: bytes, tmp_path: Path,
                                                data: st.DataObject) -> None:
    from cchc_desktop.submission.verify import verify_package

    raw = bytearray(package_zip)
    for _flip in range(data.draw(st.integers(min_value=0, max_value=8))):
        index = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw[index] = data.draw(st.integers(min_value=0, max_value=255))
    path = tmp_path / "goi.zip"
    path.write_bytes(bytes(raw[:data.draw(st.integers(min_value=0, max_value=len(raw)))]))
    _bounded(lambda: verify_package(path))
