"""The roles the server enforces (storage/server_roles.py), tried with real logins on the
session's server: what the window would refuse is refused by the server too."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from factories import sample_report
from postgres_server import Server

from cchc_desktop.addresses import parse_server
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage import errors as storage_errors
from cchc_desktop.storage.errors import PrivilegeError
from cchc_desktop.storage.models import ReportRow
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import ServerDatabase, open_server
from cchc_desktop.storage.server_roles import (
    STATUS_REFUSAL,
    ServerRolesError,
    grant,
    install,
)

VALUE = "cddh.kh.tong"


class Office:
    """A database with the roles installed and one login of each role, each with its store."""

    def __init__(self, server: Server, url: str) -> None:
        self.server = server
        self.database_name = url.rsplit("/", 1)[1]
        self.admin = open_server(parse_server(url))
        install(self.admin)
        self.opened: list[ServerDatabase] = [self.admin]
        for user, role in (("xem_chi", "viewer"), ("cv_an", "clerk"), ("ld_binh", "leader")):
            grant(self.admin, user, role, create_login=True, password="mật khẩu 1")

    def store(self, user: str) -> ReportStore:
        database = open_server(parse_server(self.server.url(self.database_name, user)))
        self.opened.append(database)
        return ReportStore(database)

    def close(self) -> None:
        for database in self.opened:
            database.close()


@pytest.fixture
def office(postgres_server: Server, postgres_url: str) -> Iterator[Office]:
    made = Office(postgres_server, postgres_url)
    yield made
    made.close()


def _status(store: ReportStore, report_id: int) -> str:
    with store.database.session() as session:
        row = session.get(ReportRow, report_id)
        assert row is not None
        return row.status


def test_a_viewer_reads_but_cannot_write(office: Office) -> None:
    report_id = ReportStore(office.admin).save_report(sample_report())
    viewer = office.store("xem_chi")
    assert viewer.load_report(report_id).values[VALUE] == Decimal(66)
    with pytest.raises(PrivilegeError, match="Tài khoản máy chủ xem_chi không có quyền ghi"):
        viewer.set_value(report_id, VALUE, Decimal(70))
    assert viewer.load_report(report_id).values[VALUE] == Decimal(66)
    assert [c for c in viewer.history(report_id) if c.entity == "value"] == []


def test_a_clerk_edits_but_cannot_mark_final_nor_reopen(office: Office) -> None:
    clerk, leader = office.store("cv_an"), office.store("ld_binh")
    report_id = clerk.save_report(sample_report())
    clerk.set_text(report_id, "cddh", "Chuyên viên An viết.")
    with pytest.raises(PrivilegeError, match=r"cv_an.*cần vai trò Lãnh đạo"):
        clerk.set_status(report_id, ReportStatus.FINAL)
    assert _status(clerk, report_id) == "draft"
    assert [c.new for c in clerk.history(report_id) if c.entity == "status"] == []

    leader.set_status(report_id, ReportStatus.FINAL)
    leader.set_status(report_id, ReportStatus.SUBMITTED)
    with pytest.raises(PrivilegeError, match="Lãnh đạo"):
        clerk.set_status(report_id, ReportStatus.DRAFT, reason="sửa số liệu")
    with pytest.raises(PrivilegeError, match="Lãnh đạo"):
        clerk.save_report(sample_report(), reopen_reason="thay cả báo cáo")
    with pytest.raises(PrivilegeError, match="Lãnh đạo"), \
            clerk.database.session() as session:     # past the window's own check
        row = session.get(ReportRow, report_id)
        assert row is not None
        session.delete(row)
    assert _status(clerk, report_id) == "submitted"

    leader.set_status(report_id, ReportStatus.DRAFT, reason="Sở Nội vụ yêu cầu sửa")
    assert _status(clerk, report_id) == "draft"
    clerk.set_value(report_id, VALUE, Decimal(71))


def test_the_history_names_the_database_user_of_each_edit(office: Office) -> None:
    clerk, leader = office.store("cv_an"), office.store("ld_binh")
    report_id = clerk.save_report(sample_report())
    clerk.set_text(report_id, "cddh", "Chuyên viên An viết.")
    leader.set_text(report_id, "cddh", "Lãnh đạo Bình sửa.")
    leader.set_status(report_id, ReportStatus.FINAL)
    logins = [(c.entity, c.user.split(" ")[0]) for c in leader.history(report_id)
              if c.entity in ("text", "status")]
    assert logins == [("text", "cv_an"), ("text", "ld_binh"), ("status", "ld_binh")]


def test_installing_again_changes_nothing_and_keeps_the_rules(office: Office) -> None:
    again = install(office.admin)
    assert again.tables >= 10 and again.schema == "public"
    grant(office.admin, "cv_an", "clerk")
    clerk = office.store("cv_an")
    report_id = clerk.save_report(sample_report())
    with pytest.raises(PrivilegeError):
        clerk.set_status(report_id, ReportStatus.FINAL)


def test_a_new_role_replaces_the_old_one(office: Office) -> None:
    grant(office.admin, "ld_binh", "viewer")
    demoted = office.store("ld_binh")
    report_id = ReportStore(office.admin).save_report(sample_report())
    with pytest.raises(PrivilegeError, match="ghi"):
        demoted.set_value(report_id, VALUE, Decimal(1))
    grant(office.admin, "ld_binh", "leader")


def test_grant_refuses_an_unknown_role_or_login(office: Office) -> None:
    with pytest.raises(ServerRolesError, match="viewer, clerk hoặc leader"):
        grant(office.admin, "cv_an", "admin")
    with pytest.raises(ServerRolesError, match="--create-login"):
        grant(office.admin, "khong_co_ai", "clerk")


def test_a_login_with_no_role_is_told_when_opening(office: Office) -> None:
    office.server.execute("DROP ROLE IF EXISTS khong_vai_tro")
    office.server.execute("CREATE ROLE khong_vai_tro LOGIN")
    with pytest.raises(PrivilegeError, match="khong_vai_tro không có quyền xem"):
        office.store("khong_vai_tro")


def test_the_trigger_message_is_the_one_errors_recognise() -> None:
    assert STATUS_REFUSAL == storage_errors._STATUS_REFUSAL


def test_only_a_viewers_login_is_told_it_may_only_read(office: Office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.storage.database import Database

    assert office.store("xem_chi").database.read_only_login() == "xem_chi"
    for user in ("cv_an", "ld_binh"):
        assert office.store(user).database.read_only_login() is None, user
    assert office.admin.read_only_login() is None, "the administrator who installed the roles writes"
    file = Database.open(tmp_path / "cchc.sqlite3")
    try:
        assert file.read_only_login() is None
    finally:
        file.close()


def test_the_viewers_answer_is_asked_once_per_connection(office: Office) -> None:
    from sqlalchemy import event

    database = office.store("xem_chi").database
    asked: list[str] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *args: asked.append(statement))
    assert database.read_only_login() == database.read_only_login() == "xem_chi"
    assert sum("pg_has_role" in statement for statement in asked) == 1
