"""Shared fixtures: the sample reports and a fresh data file per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never look for a screen in the tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cchc_desktop.i18n import set_language

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """Every test starts in Vietnamese, the app's default, whatever the last one switched to."""
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def sample_path() -> Path:
    return DATA / "xa-my-an-2026-Q1.json"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite3"
