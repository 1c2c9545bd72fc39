"""storage/server_backups.py: a server's restore points, pg_dump's, kept in the user's data
folder under the server's address (no user, no password in the name), described like a data
file's and rotated the same way.

The last test runs against the session's real server (tests/conftest.py). Beside
tests/server/test_server_backups.py, which makes, restores and refuses restore points there
(a damaged dump, no pg_dump, a clerk putting one back, the password only in PGPASSWORD).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factories import make_report

from cchc_desktop import __version__
from cchc_desktop.addresses import parse_server
from cchc_desktop.paths import user_data_dir
from cchc_desktop.storage.database import HEAD_REVISION
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.storage.server import ServerDatabase, open_server
from cchc_desktop.storage.server_backups import (
    backup_folder,
    create_server_backup,
    list_server_backups,
    rotate,
)

ADDRESS = parse_server("postgresql://nv_lan:bi-mat@may-chu.local:5433/cchc so 1")


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The restore points go to the test's folder, never the user's real data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))


def _point(stamp: str, reason: str, keys: list[str] | None) -> Path:
    """A restore point as create_server_backup leaves it: the dump and its description."""
    folder = backup_folder(ADDRESS)
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / f"{stamp}-{reason.lower().replace(' ', '-')}.dump"
    dump.write_bytes(b"PGDMP")
    if keys is not None:
        created = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
        dump.with_suffix(".json").write_text(json.dumps(
            {"created_at": created.isoformat(), "reason": reason,
             "reports": [{"key": key, "period": key, "status": "Dự thảo"} for key in keys]}),
            encoding="utf-8")
    return dump


def test_each_servers_points_have_a_folder_named_without_user_or_password(
        tmp_path: Path) -> None:
    assert backup_folder(ADDRESS) == (
        user_data_dir() / "sao-luu-may-chu" / "may-chu.local_5433_cchc-so-1")
    assert str(backup_folder(ADDRESS)).startswith(str(tmp_path / "data-home"))
    assert backup_folder(parse_server("postgresql://127.0.0.1/cchc")).name == "127.0.0.1_5432_cchc"
    assert "nv_lan" not in str(backup_folder(ADDRESS)) and "bi-mat" not in str(
        backup_folder(ADDRESS))


def test_points_are_listed_newest_first_and_rotated_keeping_each_periods_last() -> None:
    oldest = _point("20260101-080000-000000", "Truoc khi nhap", ["2025-Y"])
    older = _point("20260310-080000-000000", "Truoc khi nhap", ["2025-Y", "2026-Q1"])
    nameless = _point("20260311-080000-000000", "Ban sao", None)     # its note was lost
    newest = _point("20260312-080000-000000", "Truoc khi gui", ["2025-Y", "2026-Q1"])
    listed = list_server_backups(ADDRESS)
    assert [b.path for b in listed] == [newest, nameless, older, oldest]
    assert (listed[1].reason, listed[1].reports) == ("ban-sao", [])
    assert listed[1].created_at == dt.datetime(2026, 3, 11, 8)
    assert rotate(ADDRESS, keep=1) == [nameless, older, oldest]
    assert [b.path for b in list_server_backups(ADDRESS)] == [newest]
    assert sorted(p.name for p in backup_folder(ADDRESS).iterdir()) == [
        newest.name, newest.with_suffix(".json").name]


def test_a_point_made_on_the_server_says_what_it_holds(postgres_head_url: str) -> None:
    database = open_server(parse_server(postgres_head_url))
    try:
        assert isinstance(database, ServerDatabase)
        store = ReportStore(database)
        store.save_own_unit(OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa"))
        store.save_report(make_report({"cddh.kh.tong": 10}))
        made = create_server_backup(database, "Trước khi nhập tệp",
                                    now=dt.datetime(2026, 3, 10, 8, 30))
        assert made.path.name == "20260310-083000-000000-truoc-khi-nhap-tep.dump"
        assert made.path.read_bytes().startswith(b"PGDMP")
        described = json.loads(made.path.with_suffix(".json").read_text("utf-8"))
        assert described == {
            "created_at": "2026-03-10T08:30:00", "reason": "Trước khi nhập tệp",
            "reports": [{"key": "2026-Q1", "period": "Quý I năm 2026", "status": "Dự thảo"}],
            "app_version": __version__, "schema": "public", "schema_revision": HEAD_REVISION,
            "server": postgres_head_url}
        assert [p.suffix for p in sorted(made.path.parent.iterdir())] == [".dump", ".json"]
        assert list_server_backups(database.address)[0].reason == "Trước khi nhập tệp"
    finally:
        database.close()
