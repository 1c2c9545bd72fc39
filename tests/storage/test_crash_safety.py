"""A few SIGKILLs in the middle of edits: the file stays sound and nothing acknowledged is lost.

The full run (1,000 kills) is `benchmarks/crash_safety.py --kills 1000`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from crash_safety import run


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_editing_loses_nothing_committed() -> None:
    result = run(6, seed=7, max_delay=0.3)
    assert result.runs == 6
    assert result.corrupt == 0
    assert result.acknowledged_lost == 0
    assert result.edits > 0
    assert result.worst_loss_seconds <= 1.0
