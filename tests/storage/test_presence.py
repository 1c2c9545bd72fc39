"""storage/presence.py: who else has a report open, seen from a second login on the server
(the session's real one, tests/conftest.py); gone when the other app closes or dies; nothing
on a data file, and a viewer is not said to edit.

Moved here from tests/server/ to mirror the package; tests/gui/test_window_on_server.py shows
the same names in the window."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import sample_report
from postgres_server import Server

from cchc_desktop.addresses import parse_server
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.presence import Presence
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import ServerDatabase, open_server
from cchc_desktop.storage.server_roles import grant, install


@pytest.fixture
def two_logins(postgres_server: Server, postgres_url: str
               ) -> Iterator[tuple[ServerDatabase, ServerDatabase, int]]:
    name = postgres_url.rsplit("/", 1)[1]
    admin = open_server(parse_server(postgres_url))
    install(admin)
    for login in ("pres_an", "pres_binh"):
        grant(admin, login, "clerk", create_login=True, password="mật khẩu 1")
    report_id = ReportStore(admin).save_report(sample_report())
    admin.close()
    an = open_server(parse_server(postgres_server.url(name, "pres_an")))
    binh = open_server(parse_server(postgres_server.url(name, "pres_binh")))
    yield an, binh, report_id
    an.close()
    binh.close()


def test_an_open_report_is_seen_from_another_login_and_gone_after_close(
        two_logins: tuple[ServerDatabase, ServerDatabase, int]) -> None:
    an, binh, report_id = two_logins
    mine, theirs = Presence(an), Presence(binh)
    assert theirs.others_editing(report_id) == []
    mine.announce(report_id)
    [seen] = theirs.others_editing(report_id)
    assert seen.split(" ")[0] == "pres_an"
    assert mine.others_editing(report_id) == []            # not oneself
    assert theirs.others_editing(report_id + 1) == []      # another report
    theirs.announce(report_id)
    assert [n.split(" ")[0] for n in mine.others_editing(report_id)] == ["pres_binh"]
    mine.close()
    assert theirs.others_editing(report_id) == []
    theirs.announce(None)
    assert Presence(an).others_editing(report_id) == []


def test_the_os_user_is_named_beside_the_login_only_in_plain_ascii(
        two_logins: tuple[ServerDatabase, ServerDatabase, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    an, binh, report_id = two_logins
    mine, theirs = Presence(an), Presence(binh)
    monkeypatch.setenv("LOGNAME", "an.nguyen")          # getpass.getuser() reads it first
    mine.announce(report_id)
    assert theirs.others_editing(report_id) == ["pres_an (an.nguyen)"]
    # The server keeps only printable ASCII of a connection's name: a Vietnamese user name
    # would come back as escapes, so only the login is shown.
    monkeypatch.setenv("LOGNAME", "Nguyễn Văn An")
    mine.announce(report_id)
    assert theirs.others_editing(report_id) == ["pres_an"]
    mine.close()


def test_a_closed_app_is_gone_from_the_list(two_logins: tuple[ServerDatabase, ServerDatabase, int]
                                            ) -> None:
    an, binh, report_id = two_logins
    crashing = Presence(an)
    crashing.announce(report_id)
    assert len(Presence(binh).others_editing(report_id)) == 1
    crashing._drop()                # the app ends without saying goodbye: its connection ends
    # the server's backend leaves pg_stat_activity a moment after the client hung up
    deadline = time.monotonic() + 10
    while Presence(binh).others_editing(report_id) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Presence(binh).others_editing(report_id) == []


def test_a_data_file_shows_no_one(data_file: Path) -> None:
    database = Database.open(data_file)
    presence = Presence(database)
    presence.announce(1)
    assert presence.others_editing(1) == []
    presence.close()
    database.close()


def test_a_viewer_reading_the_report_is_not_said_to_edit_it(
        two_logins: tuple[ServerDatabase, ServerDatabase, int], postgres_server: Server,
        postgres_url: str) -> None:
    an, _binh, report_id = two_logins
    name = postgres_url.rsplit("/", 1)[1]
    admin = open_server(parse_server(postgres_url))
    grant(admin, "pres_chi", "viewer", create_login=True, password="mật khẩu 1")
    admin.close()
    viewer = open_server(parse_server(postgres_server.url(name, "pres_chi")))
    try:
        reading = Presence(viewer)
        reading.announce(report_id)
        assert Presence(an).others_editing(report_id) == []
        reading.close()
    finally:
        viewer.close()
