"""One section's extra figures edited as the window edits them (store.set_extra_figures):
the other sections' figures stay, what may not be stored is refused before the file, a
locked report takes no edit, and the history has one line per figure changed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure, read_logged
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = Database.open(tmp_path / "cchc.sqlite3")
    yield ReportStore(database)
    database.close()


def _saved(store: ReportStore, figures: list[ExtraFigure]) -> int:
    report = sample_report()
    report.extra_figures = figures
    return store.save_report(report)


def test_one_sections_figures_are_replaced_in_their_place(store: ReportStore) -> None:
    first = ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(40))
    other = ExtraFigure("cds", "cqdt.chu_ky_so", "Số chữ ký số", "chữ ký số", Decimal(12))
    report_id = _saved(store, [first, other])
    women = ExtraFigure("cv", "ccvc.nu", "Số cán bộ, công chức nữ", "người", Decimal(17))
    rate = ExtraFigure("cv", "ccvc.nu.ty_le", "Tỷ lệ nữ", "%", None, ("ccvc.nu", "ccvc.tong"))
    store.set_extra_figures(report_id, "cv", [first, women, rate])
    assert store.load_report(report_id).extra_figures == [first, women, rate, other]

    store.set_extra_figures(report_id, "cv", [])
    assert store.load_report(report_id).extra_figures == [other]
    lines = [c for c in store.history(report_id) if c.entity == "extra"]
    assert [(c.key, c.old is None, c.new is None) for c in lines] == [
        ("ccvc.nu", True, False), ("ccvc.nu.ty_le", True, False),
        ("ccvc.tong", False, True), ("ccvc.nu", False, True), ("ccvc.nu.ty_le", False, True)]
    logged = read_logged(lines[1].new)
    assert logged is not None and logged.rate_labels == ("Số cán bộ, công chức nữ",
                                                         "Tổng số cán bộ, công chức")
    removed = read_logged(lines[2].old)
    assert removed is not None and (removed.label, removed.value) == ("Tổng số cán bộ, công chức", 40)


@pytest.mark.parametrize("figures, message", [
    ([ExtraFigure("cv", "Có Dấu", "X")], "mã chỉ được"),
    ([ExtraFigure("cv", "own.x", "X", "", Decimal("1e40"))], "own.x"),
    ([ExtraFigure("cv", "own.x", "X"), ExtraFigure("cv", "own.x", "X hai")], "mã bị trùng"),
    ([ExtraFigure("cds", "own.x", "X")], "mục khác"),
    ([ExtraFigure("cv", "cqdt.chu_ky_so", "Trùng mã của mục khác")], "mã bị trùng"),
])
def test_what_may_not_be_stored_is_refused_and_nothing_changes(
        store: ReportStore, figures: list[ExtraFigure], message: str) -> None:
    kept = ExtraFigure("cds", "cqdt.chu_ky_so", "Số chữ ký số", "chữ ký số", Decimal(12))
    report_id = _saved(store, [kept])
    with pytest.raises(ReportError, match=message):
        store.set_extra_figures(report_id, "cv", figures)
    assert store.load_report(report_id).extra_figures == [kept]
    assert not [c for c in store.history(report_id) if c.entity == "extra"]


def test_a_locked_report_takes_no_figure(store: ReportStore) -> None:
    report_id = _saved(store, [])
    store.set_status(report_id, ReportStatus.FINAL)
    with pytest.raises(ReportLockedError):
        store.set_extra_figures(report_id, "cv", [ExtraFigure("cv", "own.x", "X", "", Decimal(1))])
    assert store.load_report(report_id).extra_figures == []


def test_figures_another_writer_changed_are_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite3"
    seen = [ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(40))]
    first = ReportStore(Database.open(path))
    report_id = _saved(first, list(seen))
    second = ReportStore(Database.open(path))
    theirs = [ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(41))]
    second.set_extra_figures(report_id, "cv", theirs, expected=seen)
    mine = [ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(45))]
    with pytest.raises(EditConflict) as caught:
        first.set_extra_figures(report_id, "cv", mine, expected=seen)
    conflict = caught.value
    assert (conflict.entity, conflict.key, conflict.theirs, conflict.mine) == ("extra", "cv", theirs, mine)
    assert (conflict.shown_theirs, conflict.shown_mine) == (
        "\u201cTổng số cán bộ, công chức: 41\u201d", "\u201cTổng số cán bộ, công chức: 45\u201d")
    assert conflict.other.user and conflict.other.at is not None
    assert first.load_report(report_id).extra_figures == theirs, "nothing written"
    first.set_extra_figures(report_id, "cv", theirs, expected=seen)   # the same change: no conflict
    first.set_extra_figures(report_id, "cv", mine, expected=theirs)   # having seen theirs
    assert second.load_report(report_id).extra_figures == mine
    first.database.close()
    second.database.close()
