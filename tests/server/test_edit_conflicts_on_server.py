"""Two clerks, two logins, one report on the server: the second writer of a figure is told
who wrote it first (the login, from the change log), and nothing of either is lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from factories import make_report
from postgres_server import Server
from sqlalchemy import event

from cchc_desktop.addresses import parse_server
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.report import Task
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import open_server
from cchc_desktop.storage.server_roles import grant, install

CODE = "cddh.kh.tong"


@pytest.fixture
def two_clerks(postgres_server: Server, postgres_url: str) -> Iterator[tuple[ReportStore, ReportStore, int]]:
    name = postgres_url.rsplit("/", 1)[1]
    admin = open_server(parse_server(postgres_url))
    install(admin)
    for login in ("conf_an", "conf_binh"):
        grant(admin, login, "clerk", create_login=True, password="mật khẩu 1")
    report_id = ReportStore(admin).save_report(make_report({CODE: 60}))
    admin.close()
    an = open_server(parse_server(postgres_server.url(name, "conf_an")))
    binh = open_server(parse_server(postgres_server.url(name, "conf_binh")))
    yield ReportStore(an), ReportStore(binh), report_id
    an.close()
    binh.close()


def test_the_second_writer_is_told_who_wrote_first(two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    an, binh, report_id = two_clerks
    binh.set_value(report_id, CODE, Decimal(70), expected=Decimal(60))
    with pytest.raises(EditConflict) as caught:
        an.set_value(report_id, CODE, Decimal(66), expected=Decimal(60))
    assert caught.value.other.user.startswith("conf_binh")
    assert caught.value.theirs == Decimal(70)
    assert an.load_report(report_id).values[CODE] == Decimal(70)


def test_a_write_in_the_middle_of_another_is_refused_not_lost(
        two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    """Both saw 60. Binh writes 70 at the worst moment: after An's transaction has read the
    stored 60 and before it writes 66. One of them must be told; never both written."""
    an, binh, report_id = two_clerks
    outcomes: dict[str, object] = {}
    an_has_read = threading.Event()

    def write(store: ReportStore, name: str, value: int) -> None:
        try:
            store.set_value(report_id, CODE, Decimal(value), expected=Decimal(60))
            outcomes[name] = "written"
        except EditConflict as conflict:
            outcomes[name] = conflict

    def after_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM report_values" in statement and not an_has_read.is_set():
            an_has_read.set()
            binh_thread.start()
            binh_thread.join(timeout=2)      # Binh either writes now or waits for An's lock

    binh_thread = threading.Thread(target=write, args=(binh, "binh", 70))
    engine = an.database.engine
    event.listen(engine, "after_cursor_execute", after_execute)
    try:
        write(an, "an", 66)
    finally:
        event.remove(engine, "after_cursor_execute", after_execute)
    binh_thread.join(timeout=60)
    written = [name for name, outcome in outcomes.items() if outcome == "written"]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, EditConflict)]
    assert len(written) == 1 and len(refused) == 1, outcomes
    stored = an.load_report(report_id).values[CODE]
    assert stored == (Decimal(66) if written == ["an"] else Decimal(70))
    assert refused[0].theirs == stored


def test_a_sections_extra_figures_are_not_overwritten_by_the_second_writer(
        two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    """Clerk logins may write the extra figures' table (its grants), and the second writer of a
    section's figures is told who wrote first."""
    an, binh, report_id = two_clerks
    first = [ExtraFigure("cds", "cqdt.chu_ky_so", "Số chữ ký số", "chữ ký số", Decimal(10))]
    an.set_extra_figures(report_id, "cds", first, expected=[])
    binh_figures = [replace(first[0], value=Decimal(20))]
    binh.set_extra_figures(report_id, "cds", binh_figures, expected=first)
    with pytest.raises(EditConflict) as caught:
        an.set_extra_figures(report_id, "cds", [replace(first[0], value=Decimal(15))],
                             expected=first)
    assert caught.value.other.user.startswith("conf_binh")
    assert an.load_report(report_id).extra_figures == binh_figures


def test_a_list_is_not_overwritten_by_the_second_writer(
        two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    an, binh, report_id = two_clerks
    binh.replace_lists(report_id, tasks=[Task("Việc của Bình")], expected={"tasks": []})
    with pytest.raises(EditConflict) as caught:
        an.replace_lists(report_id, tasks=[Task("Việc của An"), Task("Việc thứ hai")],
                         expected={"tasks": []})
    assert caught.value.other.user.startswith("conf_binh")
    assert (caught.value.shown_theirs, caught.value.shown_mine) == ("1 nhiệm vụ", "2 nhiệm vụ")
    assert [t.text for t in an.load_report(report_id).tasks] == ["Việc của Bình"]


def test_a_justification_is_not_overwritten_by_the_second_writer(
        two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    an, binh, report_id = two_clerks
    binh.set_note(report_id, CODE, "Giải trình của Bình.", expected="")
    with pytest.raises(EditConflict) as caught:
        an.set_note(report_id, CODE, "Giải trình của An.", expected="")
    assert caught.value.other.user.startswith("conf_binh")
    assert an.load_report(report_id).notes[CODE] == "Giải trình của Bình."


def test_two_saves_of_a_list_at_the_same_moment_do_not_both_pass(
        two_clerks: tuple[ReportStore, ReportStore, int]) -> None:
    """Both saw an empty list. Bình saves at the worst moment: after An's transaction has read
    the stored rows and before it writes its own. One of them must be told; never both
    written (the report's row is locked for the save)."""
    an, binh, report_id = two_clerks
    outcomes: dict[str, object] = {}
    an_has_read = threading.Event()

    def save(store: ReportStore, name: str) -> None:
        try:
            store.replace_lists(report_id, tasks=[Task(f"Việc của {name}")], expected={"tasks": []})
            outcomes[name] = "written"
        except EditConflict as conflict:
            outcomes[name] = conflict

    def after_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM report_tasks" in statement and not an_has_read.is_set():
            an_has_read.set()
            binh_thread.start()
            binh_thread.join(timeout=2)      # Bình either writes now or waits for An's lock

    binh_thread = threading.Thread(target=save, args=(binh, "binh"))
    engine = an.database.engine
    event.listen(engine, "after_cursor_execute", after_execute)
    try:
        save(an, "an")
    finally:
        event.remove(engine, "after_cursor_execute", after_execute)
    binh_thread.join(timeout=60)
    assert an_has_read.is_set()
    written = [name for name, outcome in outcomes.items() if outcome == "written"]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, EditConflict)]
    assert len(written) == 1 and len(refused) == 1, outcomes
    assert [t.text for t in an.load_report(report_id).tasks] == [f"Việc của {written[0]}"]
