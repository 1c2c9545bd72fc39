"""Who may do what on a server, enforced by the server itself, not only by the window.

Three group roles (NOLOGIN, shared by every database of the cluster), each a member of the
one before, so a leader has all a clerk has:
- cchc_viewer: reads the app's tables;
- cchc_clerk: also inserts, updates and deletes rows (not alembic_version: the schema is the
  IT person's), uses the sequences;
- cchc_leader: also changes a report's status (final, submitted, reopened to draft).

A status change is refused by a trigger on `reports` (cchc_guard_report_status) unless the
current user is a member of cchc_leader, a superuser or the table's owner: SQLSTATE 42501,
which Database.session turns into the clerk's sentence (storage/errors.privilege_error).
A clerk may still insert a received report with its status (consolidating units' files is
clerk's work) but not delete a final or submitted one (the way around the rule).

Installing is an explicit command of the IT person (`cchc-desktop server-roles install`),
not a migration: a single PC's data file never meets it. Every statement is idempotent, so
installing again (after an upgrade adds tables) only grants what is missing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy import exc as sqlalchemy_exc

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import N_, _
from cchc_desktop.storage.errors import INSUFFICIENT_PRIVILEGE
from cchc_desktop.storage.server import ServerDatabase

VIEWER, CLERK, LEADER = "cchc_viewer", "cchc_clerk", "cchc_leader"
# The command line's names of the roles, each with its server role and the label it shows.
ROLES = {"viewer": VIEWER, "clerk": CLERK, "leader": LEADER}
ROLE_LABELS = {VIEWER: N_("Xem"), CLERK: N_("Chuyên viên"), LEADER: N_("Lãnh đạo")}
# The trigger's message starts with this: errors.privilege_error tells it from a plain
# "permission denied for table ..." (a viewer writing).
STATUS_REFUSAL = "cchc-desktop: status change needs cchc_leader"
_SCHEMA_ONLY = ("alembic_version",)     # read by everyone, written by the installer only


class ServerRolesError(KnownError):
    """The roles cannot be installed or granted as asked."""


@dataclass(frozen=True)
class Installed:
    schema: str
    tables: int


_CREATE_ROLES = f"""
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{VIEWER}') THEN
    CREATE ROLE {VIEWER} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{CLERK}') THEN
    CREATE ROLE {CLERK} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LEADER}') THEN
    CREATE ROLE {LEADER} NOLOGIN;
  END IF;
END
$$
"""

# SECURITY INVOKER (the default): current_user is the one who writes.
_GUARD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION cchc_guard_report_status() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  allowed boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND OLD.status = 'draft' THEN
    RETURN OLD;
  END IF;
  SELECT pg_has_role(current_user, '{LEADER}', 'MEMBER')
      OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
      OR pg_has_role(current_user, c.relowner, 'MEMBER')
    INTO allowed FROM pg_class c WHERE c.oid = TG_RELID;
  IF NOT coalesce(allowed, false) THEN
    RAISE EXCEPTION '{STATUS_REFUSAL} (%: % -> %)', current_user, OLD.status,
      CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE NEW.status END
      USING ERRCODE = '42501';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$
"""


def _schema_tables(connection: Connection, schema: str) -> list[str]:
    return [str(name) for name in connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY tablename"),
        {"schema": schema}).scalars()]


def _run(connection: Connection, statement: str) -> None:
    # The driver reads % as a placeholder even without parameters: plpgsql's RAISE needs it.
    connection.exec_driver_sql(statement.replace("%", "%%"))


@contextlib.contextmanager
def _as_administrator(database: ServerDatabase) -> Iterator[Connection]:
    """One transaction of the IT person's work; a login without the rights is told so."""
    try:
        with database.engine.begin() as connection:
            yield connection
    except (sqlalchemy_exc.ProgrammingError, sqlalchemy_exc.InternalError) as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise ServerRolesError(_(
            "Tài khoản máy chủ {user} không đủ quyền cài đặt vai trò: cần tài khoản sở hữu cơ sở "
            "dữ liệu có quyền tạo vai trò (CREATEROLE) hoặc siêu người dùng. Không có gì bị thay "
            "đổi.").format(user=database.login_name())) from exc


def install(database: ServerDatabase) -> Installed:
    """Create the roles, grants and the status trigger in the database's schema; idempotent.

    Needs the tables' owner or a superuser (who may create roles): the IT person's login.
    """
    with _as_administrator(database) as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar())
        if connection.execute(text("SELECT to_regclass('reports')")).scalar() is None:
            raise ServerRolesError(_(
                "Cơ sở dữ liệu {server} chưa có dữ liệu CCHC Desktop: hãy mở nó một lần bằng "
                "ứng dụng (tạo bảng) rồi cài vai trò.").format(server=database.label))
        owner = str(connection.execute(text(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'reports'::regclass"
        )).scalar())
        quote = connection.dialect.identifier_preparer.quote
        quoted_schema, quoted_owner = quote(schema), quote(owner)
        database_name = quote(str(connection.execute(text("SELECT current_database()")).scalar()))
        for statement in (
            _CREATE_ROLES,
            f"GRANT {VIEWER} TO {CLERK}",
            f"GRANT {CLERK} TO {LEADER}",
            f"GRANT CONNECT ON DATABASE {database_name} TO {VIEWER}",
            f"GRANT USAGE ON SCHEMA {quoted_schema} TO {VIEWER}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {quoted_schema} TO {VIEWER}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quoted_schema} TO {CLERK}",
            # Tables a later migration adds get the same grants (made by the owner, who
            # runs the migrations).
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quoted_owner} IN SCHEMA {quoted_schema} "
            f"GRANT SELECT ON TABLES TO {VIEWER}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quoted_owner} IN SCHEMA {quoted_schema} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {CLERK}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quoted_owner} IN SCHEMA {quoted_schema} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {CLERK}",
            _GUARD_FUNCTION,
            "DROP TRIGGER IF EXISTS cchc_guard_report_status ON reports",
            "CREATE TRIGGER cchc_guard_report_status BEFORE UPDATE OF status OR DELETE ON reports "
            "FOR EACH ROW EXECUTE FUNCTION cchc_guard_report_status()",
        ):
            _run(connection, statement)
        tables = _schema_tables(connection, schema)
        for table in tables:
            if table not in _SCHEMA_ONLY:
                connection.exec_driver_sql(
                    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted_schema}.{quote(table)} "
                    f"TO {CLERK}")
    return Installed(schema, len(tables))


def grant(database: ServerDatabase, user: str, role: str, *,
          create_login: bool = False, password: str | None = None) -> None:
    """Make `role` (viewer, clerk, leader) the user's one app role: the other two are revoked.

    With `create_login`, the login is created if missing (with `password`, hashed by the
    client, never sent or logged in clear); an existing login gets the new password.
    """
    server_role = ROLES.get(role)
    if server_role is None:
        raise ServerRolesError(_("Vai trò {role} không có; hãy chọn viewer, clerk hoặc leader."
                                 ).format(role=role))
    with _as_administrator(database) as connection:
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                              {"r": server_role}).first() is None:
            raise ServerRolesError(_(
                "Máy chủ {server} chưa có các vai trò của CCHC Desktop: hãy chạy "
                "\u201ccchc-desktop server-roles install\u201d trước.").format(
                    server=database.label))
        quote = connection.dialect.identifier_preparer.quote
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :u"),
                                    {"u": user}).first() is not None
        if create_login:
            if not password:
                raise ServerRolesError(_("Cần mật khẩu cho tài khoản mới {user}.").format(
                    user=user))
            verifier = _password_verifier(connection, user, password)
            verb = "ALTER" if exists else "CREATE"
            connection.exec_driver_sql(
                f"{verb} ROLE {quote(user)} LOGIN PASSWORD '{verifier}'")
        elif not exists:
            raise ServerRolesError(_(
                "Máy chủ {server} không có tài khoản {user}; hãy tạo nó (tùy chọn "
                "--create-login).").format(server=database.label, user=user))
        for other in ROLES.values():
            if other != server_role:
                connection.exec_driver_sql(f"REVOKE {other} FROM {quote(user)}")
        connection.exec_driver_sql(f"GRANT {server_role} TO {quote(user)}")


def _password_verifier(connection: Connection, user: str, password: str) -> str:
    """The SCRAM verifier of the password, made by libpq on this side: the clear password
    never reaches the server (nor its statement log)."""
    raw = connection.connection.driver_connection
    verifier = raw.pgconn.encrypt_password(  # type: ignore[union-attr]
        password.encode("utf-8"), user.encode("utf-8"), b"scram-sha-256")
    result = bytes(verifier).decode("ascii")
    if "'" in result or "\\" in result:          # a verifier never has them: refuse, not quote
        raise ServerRolesError(_("Không tạo được mật khẩu cho {user}.").format(user=user))
    return result


def role_label(server_role: str) -> str:
    return _(ROLE_LABELS[server_role])
