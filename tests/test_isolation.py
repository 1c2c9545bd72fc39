"""Each file read in a worker process, within a budget: a bad one never stops the others."""

from __future__ import annotations

import time

from isolation_helpers import behave

from cchc_desktop.isolation import run_isolated, unknown_error


def test_every_item_gets_its_outcome_in_order() -> None:
    outcomes = run_isolated(behave, ["ok:a", "known", "boom", "die", "ok:b"], budget=20, workers=2)
    assert [o.value for o in outcomes] == ["a", None, None, None, "b"]
    assert outcomes[1].error == "tệp hỏng" and outcomes[1].known
    assert outcomes[2].error == unknown_error() and not outcomes[2].known
    assert "ValueError" in outcomes[2].detail
    assert outcomes[3].error == unknown_error()     # the worker died: a new one reads "ok:b"


def test_a_file_that_hangs_is_killed_at_its_budget() -> None:
    started = time.monotonic()
    outcomes = run_isolated(behave, ["ok:a", "hang", "ok:b", "pid"], budget=1.5, workers=1)
    elapsed = time.monotonic() - started
    assert outcomes[1].error is not None and "1.5 giây" in outcomes[1].error
    assert [outcomes[0].value, outcomes[2].value] == ["a", "b"]
    assert elapsed < 15          # the 120 s sleep was cut short
    assert 1.4 < outcomes[1].seconds < 10


def test_no_items_no_workers() -> None:
    assert run_isolated(behave, []) == []


def test_the_files_sent_after_one_that_kills_its_worker_are_read_by_the_next() -> None:
    # A few files are in a worker's pipe at once: those behind the one it died on are not
    # refused with it, a fresh worker reads them.
    items = ["ok:a", "die", "ok:b", "ok:c", "ok:d", "die", "ok:e", "ok:f", "ok:g", "ok:h"]
    for workers in (1, 2):
        outcomes = run_isolated(behave, items, budget=20, workers=workers)
        assert [o.value for o in outcomes] == ["a", None, "b", "c", "d", None, "e", "f", "g", "h"]
        assert [o.error for o in outcomes].count(unknown_error()) == 2
