"""storage/server_roles.py: the server's own rules of who may do what (viewer, clerk, leader),
installed by the IT person on a database that has the app's tables, a login's password sent
only as its SCRAM verifier, and a clerk who stores a received final report but cannot delete it.

Against the session's real server (tests/conftest.py). Beside tests/server/test_server_roles.py,
which runs the three roles' reads, edits and status changes through the store, and
tests/server/test_server_roles_cli.py (the command).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

import pytest
from factories import make_report
from postgres_server import Server
from sqlalchemy import event, text

from cchc_desktop.addresses import parse_server
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.i18n import set_language
from cchc_desktop.storage.errors import PrivilegeError
from cchc_desktop.storage.models import ReportRow
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import ServerDatabase, connect, open_server
from cchc_desktop.storage.server_roles import (
    CLERK,
    LEADER,
    ROLES,
    VIEWER,
    ServerRolesError,
    grant,
    install,
    role_label,
)

PASSWORD = "mật khẩu của Lan 1"


def _has_login(database: ServerDatabase, user: str) -> bool:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :u"),
                                  {"u": user}).first() is not None


def test_the_roles_are_named_in_the_clerks_language() -> None:
    assert ROLES == {"viewer": VIEWER, "clerk": CLERK, "leader": LEADER}
    assert [role_label(r) for r in (VIEWER, CLERK, LEADER)] == ["Xem", "Chuyên viên", "Lãnh đạo"]
    set_language("en")
    assert [role_label(r) for r in (VIEWER, CLERK, LEADER)] == ["Viewer", "Clerk", "Leader"]


def test_roles_go_only_on_a_database_the_app_has_made(postgres_url: str) -> None:
    bare = connect(parse_server(postgres_url))     # connected, not opened: no tables made
    try:
        with pytest.raises(ServerRolesError) as caught:
            install(bare)
        assert caught.value.message == (
            f"Cơ sở dữ liệu {postgres_url} chưa có dữ liệu CCHC Desktop: hãy mở nó một lần bằng "
            "ứng dụng (tạo bảng) rồi cài vai trò.")
        with bare.engine.connect() as connection:
            assert connection.execute(text(
                "SELECT count(*) FROM pg_proc WHERE proname = 'cchc_guard_report_status'"
            )).scalar() == 0
    finally:
        bare.close()


def test_a_login_gets_a_verifier_not_a_password_and_a_clerk_keeps_to_its_role(
        postgres_server: Server, postgres_url: str) -> None:
    admin = open_server(parse_server(postgres_url))
    try:
        install(admin)
        with pytest.raises(ServerRolesError, match=r"^Cần mật khẩu cho tài khoản mới sr_lan"):
            grant(admin, "sr_lan", "clerk", create_login=True)
        assert not _has_login(admin, "sr_lan")
        sent: list[str] = []

        def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            sent.append(statement)

        event.listen(admin.engine, "before_cursor_execute", seen)
        grant(admin, "sr_lan", "clerk", create_login=True, password=PASSWORD)
        event.remove(admin.engine, "before_cursor_execute", seen)
        [created] = [s for s in sent if s.startswith("CREATE ROLE")]
        assert "SCRAM-SHA-256$" in created
        assert all(PASSWORD not in s for s in sent)

        name = postgres_url.rsplit("/", 1)[1]
        user = f"sr_lan:{quote(PASSWORD)}"
        clerk = ReportStore(open_server(parse_server(postgres_server.url(name, user))))
        try:
            with pytest.raises(ServerRolesError, match="sr_lan không đủ quyền cài đặt vai trò"):
                install(clerk.database)                     # type: ignore[arg-type]
            # A subordinate's final report, received: the clerk stores it as it came...
            received = clerk.save_report(replace(make_report({"cddh.kh.tong": 10}),
                                                 status=ReportStatus.FINAL))
            assert clerk.load_report(received).status is ReportStatus.FINAL
            # ... but cannot take it away, not even past the store's own check.
            with pytest.raises(PrivilegeError, match="cần vai trò Lãnh đạo"), \
                    clerk.database.session() as session:
                row = session.get(ReportRow, received)
                assert row is not None
                session.delete(row)
            assert clerk.load_report(received).status is ReportStatus.FINAL
        finally:
            clerk.database.close()
    finally:
        admin.close()
