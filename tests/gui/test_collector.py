"""The open report stays out of the garbage collector's full passes (gui/report_controller.py):
a full pass over a report with long lists froze a keystroke for 0.1-0.2 s every so often."""

from __future__ import annotations

import gc


def test_the_open_report_is_frozen_and_given_back_on_close(window, new_report) -> None:
    assert gc.get_freeze_count() > 1000       # the report, its template, its pages
    window.close_report()
    assert gc.get_freeze_count() == 0         # collectable again once closed
