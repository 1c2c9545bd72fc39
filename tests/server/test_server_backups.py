"""Restore points on a real PostgreSQL server: pg_dump of the app's schema into the user's
data folder, listed newest first, put back with pg_restore in one transaction."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.addresses import parse_server
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.paths import user_data_dir
from cchc_desktop.storage import server_backups
from cchc_desktop.storage.backups import restore_point
from cchc_desktop.storage.database import head_revision
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import ServerDatabase, open_server
from tests.gui.conftest import commune_unit
from tests.server.test_server_roles import Office

CODE = "cddh.kh.tong"


@pytest.fixture
def store(postgres_head_url: str) -> Iterator[ReportStore]:
    database = open_server(parse_server(postgres_head_url))
    store = ReportStore(database)
    store.save_own_unit(commune_unit())     # the reports' states are the own unit's
    yield store
    database.close()


def _value(store: ReportStore, report_id: int) -> Decimal | None:
    return store.load_report(report_id).values.get(CODE)


def test_make_list_change_restore_on_the_server(store: ReportStore) -> None:
    database = store.database
    assert isinstance(database, ServerDatabase)
    report_id = store.save_report(sample_report())
    before = _value(store, report_id)
    started = time.perf_counter()
    made = server_backups.create_server_backup(database, "Thử điểm khôi phục")
    took = time.perf_counter() - started
    # Cheap enough to take before every status change too (0.2-0.3 s here; over 1 s it would be too slow).
    assert took < 1, f"pg_dump took {took:.2f} s"
    # In the user's data folder, one folder per server address, no password or user in it.
    address = database.address
    assert made.path.parent == user_data_dir() / "sao-luu-may-chu" / \
        f"127.0.0.1_{address.port}_{address.database}"
    meta = json.loads(made.path.with_suffix(".json").read_text("utf-8"))
    assert meta["reason"] == "Thử điểm khôi phục" and meta["schema_revision"] == head_revision()
    assert meta["schema"] == "public" and meta["app_version"]
    assert [r["status"] for r in meta["reports"]] == [ReportStatus.DRAFT.label]
    later = server_backups.create_server_backup(database, "Lần sau")
    assert [b.path for b in server_backups.list_server_backups(address)] == [later.path, made.path]

    store.set_value(report_id, CODE, (before or 0) + 1234)
    assert _value(store, report_id) == (before or 0) + 1234
    safety = server_backups.restore_server_backup(database, made)
    assert _value(store, report_id) == before, "the value is back, on the server"
    assert safety.reason == "Trước khi khôi phục"
    listed = server_backups.list_server_backups(address)
    assert listed[0].path == safety.path and len(listed) == 3
    # The restore can itself be undone.
    server_backups.restore_server_backup(database, safety)
    assert _value(store, report_id) == (before or 0) + 1234


def test_a_corrupt_dump_is_refused_and_the_data_left_as_it_was(store: ReportStore) -> None:
    database = store.database
    assert isinstance(database, ServerDatabase)
    report_id = store.save_report(sample_report())
    made = server_backups.create_server_backup(database, "Trước khi hỏng")
    store.set_value(report_id, CODE, Decimal(777))
    data = bytearray(made.path.read_bytes())
    # The table of contents (the file's start) intact, the last table's data damaged:
    # pg_restore drops and makes again every table, then fails inside its one transaction.
    data[-64:] = b"\xff" * 64
    made.path.write_bytes(bytes(data))
    pg_restore = str(server_backups.find_tool("pg_restore"))
    listed = subprocess.run([pg_restore, "--list", str(made.path)], capture_output=True,
                            text=True, check=False)
    assert listed.returncode == 0 and "TABLE DATA public report_values" in listed.stdout, \
        "the damage is past the table of contents: the restore does begin"
    script = subprocess.run([pg_restore, "--clean", "--if-exists", "--file", "-", str(made.path)],
                            capture_output=True, text=True, errors="replace", check=False)
    assert script.returncode != 0 and "DROP TABLE IF EXISTS public.report_values" in script.stdout, \
        "what it runs before the damage drops the tables: only the transaction keeps them"
    with pytest.raises(KnownError) as refused:
        server_backups.restore_server_backup(database, made)
    assert "Không khôi phục được điểm khôi phục" in refused.value.message
    assert "không bị thay đổi" in refused.value.message
    assert _value(store, report_id) == Decimal(777), "the data unchanged"
    assert len(store.list_reports()) == 1


def test_without_pg_dump_the_message_says_what_to_install(
        store: ReportStore, monkeypatch: pytest.MonkeyPatch) -> None:
    database = store.database
    assert isinstance(database, ServerDatabase)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(server_backups, "_bin_folders", lambda: [])
    with pytest.raises(KnownError) as missing:
        server_backups.create_server_backup(database, "Thử")
    assert "Không tìm thấy chương trình pg_dump" in missing.value.message
    assert "postgresql-client" in missing.value.message
    # An import or a status change goes ahead without one (the caller says so).
    assert restore_point(database, "Trước khi nhập") is None


def test_status_changes_and_imports_take_a_restore_point_on_the_server(
        store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_status(report_id, ReportStatus.FINAL)
    assert isinstance(store.database, ServerDatabase)
    [point] = server_backups.list_server_backups(store.database.address)
    assert point.reports[0]["status"] == ReportStatus.DRAFT.label
    assert "Trước khi" in point.reason


def test_the_password_goes_through_pgpassword_only(
        postgres_server, postgres_head_url: str, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    from postgres_server import PASSWORD, PASSWORD_USER

    database_name = postgres_head_url.rsplit("/", 1)[1]
    for kind in ("TABLES", "SEQUENCES"):      # what pg_dump reads
        postgres_server.execute(f"GRANT SELECT ON ALL {kind} IN SCHEMA public TO {PASSWORD_USER}",
                                database_name)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    seen: list[tuple[list[str], str | None]] = []
    real_run = server_backups.subprocess.run

    def spying(command, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((list(command), kwargs["env"].get("PGPASSWORD")))
        return real_run(command, **kwargs)

    monkeypatch.setattr(server_backups.subprocess, "run", spying)
    from urllib.parse import quote

    url = postgres_server.url(database_name, PASSWORD_USER).replace(
        f"{PASSWORD_USER}@", f"{PASSWORD_USER}:{quote(PASSWORD, safe='')}@")
    database = open_server(parse_server(url))
    try:
        made = server_backups.create_server_backup(database, "Mật khẩu")
    finally:
        database.close()
    [(command, given)] = seen
    assert given == PASSWORD
    assert all(PASSWORD not in part and quote(PASSWORD, safe="") not in part for part in command)
    assert PASSWORD not in made.path.with_suffix(".json").read_text("utf-8")


def test_a_clerk_may_make_one_but_not_put_one_back(postgres_server, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    office = Office(postgres_server, postgres_url)
    try:
        clerk = office.store("cv_an")
        report_id = clerk.save_report(sample_report())
        assert isinstance(clerk.database, ServerDatabase)
        made = server_backups.create_server_backup(clerk.database, "Của chuyên viên")
        clerk.set_value(report_id, CODE, Decimal(71))
        with pytest.raises(KnownError) as refused:
            server_backups.restore_server_backup(clerk.database, made)
        assert "không bị thay đổi" in refused.value.message and "pg_restore" in refused.value.message
        assert _value(clerk, report_id) == Decimal(71)
        # The database's owner may: the value is back for everyone.
        server_backups.restore_server_backup(office.admin, made)
        assert _value(clerk, report_id) == Decimal(66)
    finally:
        office.close()
