"""The data on a PostgreSQL server: the same models and migrations as a data file.

An office that outgrows one PC keeps its data on a server of its LAN; the app reaches it
through psycopg 3 (SQLAlchemy's postgresql+psycopg). What only a data file has is not
pretended here: restore points are file copies (storage/backups.py; on a server they are
pg_dump's, storage/server_backups.py), the instance lock guards one file on one disk (the server has its
own locks), and the WAL is SQLite's (checkpoint() has nothing to fold).

The password is never stored in clear by the app: it comes from the URL (accepted, never
shown), from libpq itself (PGPASSWORD, the .pgpass file), from the OS keyring when the
`keyring` package is installed (service KEYRING_SERVICE, entry user@host:port/database),
or it is asked for once when the server refuses the login. It is handed to the driver
for each new connection and appears in no URL, log or message: every message names the
server by its masked address.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.engine import URL

from cchc_desktop.addresses import ServerAddress, file_only_refusal, mask_passwords
from cchc_desktop.i18n import _
from cchc_desktop.storage.database import Database, DataFileError, head_revision, known_revisions
from cchc_desktop.storage.errors import privilege_error

KEYRING_SERVICE = "cchc-desktop"
CONNECT_TIMEOUT_SECONDS = 10
# SQLSTATE 28P01 invalid_password, 28000 invalid_authorization_specification; libpq's own
# "no password supplied" has none.
_LOGIN_REFUSED = {"28P01", "28000"}
_OWN_TABLES = {"alembic_version", "reports", "units", "report_values"}

AskPassword = Callable[[str], str | None]


# Only a reader: a member of cchc_viewer but not of cchc_clerk (nor superuser: one is a member
# of every role), and not the reports table's owner either (the one who installed the app may
# write without roles). No roles installed: whoever the server lets in writes.
_VIEWER_ONLY = """
SELECT current_user,
  CASE WHEN to_regrole('cchc_viewer') IS NULL OR to_regrole('cchc_clerk') IS NULL
         OR to_regclass('reports') IS NULL THEN false
       ELSE pg_has_role(current_user, 'cchc_viewer', 'MEMBER')
            AND NOT pg_has_role(current_user, 'cchc_clerk', 'MEMBER')
            AND NOT has_table_privilege('reports', 'UPDATE')
  END
"""


class ServerDatabase(Database):
    """The app's tables in one PostgreSQL database (its default schema)."""

    is_server = True

    def __init__(self, address: ServerAddress, engine: Engine, login: str = "",
                 password: str | None = None) -> None:
        super().__init__(Path(), engine)
        self.address = address.without_password()
        self._login = login
        self._password = password
        self._read_only: tuple[str | None] | None = None   # asked once per connection

    def libpq_environment(self) -> dict[str, str]:
        """What a child program of libpq (pg_dump) needs to log in as this connection does:
        the password, if the app found one, in that child's PGPASSWORD only (see the
        module's comment; without one libpq finds it as the app's driver did)."""
        return {"PGPASSWORD": self._password} if self._password is not None else {}

    def read_only_login(self) -> str | None:
        """The login when the server's roles let it only read (cchc_viewer without cchc_clerk,
        storage/server_roles.py): the window then opens reports locked instead of letting the
        clerk type what the server refuses. Asked once; the server still enforces the roles."""
        if self._read_only is None:
            with self.engine.connect() as connection:
                login, viewer = connection.execute(text(_VIEWER_ONLY)).one()
            self._read_only = (str(login) if viewer else None,)
        return self._read_only[0]

    def login_name(self) -> str:
        """The server's login the app writes as (what its roles judge)."""
        return self._login or self.address.user or super().login_name()

    @property
    def path(self) -> Path:
        raise file_only_refusal(self.address)

    @property
    def label(self) -> str:
        return self.address.masked()

    def _name(self) -> str:
        return self.address.masked()

    def _has_version_table(self, connection: Connection) -> bool:
        return connection.exec_driver_sql(
            "SELECT to_regclass('alembic_version') IS NOT NULL").scalar() is True

    def table_names(self) -> set[str]:
        with self.engine.connect() as connection:
            return set(inspect(connection).get_table_names())

    def checkpoint(self) -> bool:
        return True      # no WAL of ours to fold back: the server keeps its own


def keyring_password(address: ServerAddress) -> str | None:
    """The password the OS keyring keeps for this server and user, if any."""
    try:
        import keyring  # optional package: the OS keyring only where it is installed
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, address.keyring_name())
    except Exception:    # no keyring backend (a server without a desktop): as if none
        return None
    return str(found) if found else None


def stored_password(address: ServerAddress) -> str | None:
    """The URL's password, else the keyring's; None leaves it to libpq (PGPASSWORD, .pgpass)."""
    if address.password is not None:
        return address.password
    if os.environ.get("PGPASSWORD"):
        return None
    return keyring_password(address)


def make_server_engine(address: ServerAddress, password: str | None) -> Engine:
    options = dict(address.options)
    url = URL.create("postgresql+psycopg", username=address.user or None,
                     host=address.host or None, port=address.port, database=address.database,
                     query=options)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in options:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    if "application_name" not in options:
        connect_args["application_name"] = "cchc-desktop"
    if password is not None:
        connect_args["password"] = password      # never in the URL: see the module's comment
    try:
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise DataFileError(_(
            "Thiếu trình điều khiển PostgreSQL (psycopg) nên không kết nối được máy chủ; hãy cài "
            "lại CCHC Desktop.")) from exc


def _login_refused(exc: BaseException) -> bool:
    wrapped = getattr(exc, "orig", exc)
    return (getattr(wrapped, "sqlstate", None) in _LOGIN_REFUSED
            or "no password supplied" in str(wrapped)
            or "password authentication failed" in str(wrapped))


def unreachable(address: ServerAddress, exc: BaseException) -> DataFileError:
    """The clerk's sentence for a server that refused or could not be reached."""
    if _login_refused(exc):
        return DataFileError(_(
            "Máy chủ {server} từ chối đăng nhập của người dùng {user}: thiếu hoặc sai mật khẩu. "
            "Hãy đặt mật khẩu vào biến môi trường PGPASSWORD, tệp .pgpass hoặc kho khóa của hệ "
            "điều hành (keyring), hoặc chạy lệnh trong cửa sổ dòng lệnh để được hỏi.").format(
                server=address.masked(), user=address.user or _("(mặc định)")))
    detail = mask_passwords(str(getattr(exc, "orig", exc))).strip().splitlines()
    return DataFileError(_("Không kết nối được máy chủ dữ liệu {server}: {reason}.").format(
        server=address.masked(), reason=" ".join(line.strip() for line in detail) or exc))


def _connected(address: ServerAddress, password: str | None) -> ServerDatabase:
    """A connection pool to the server, its first connection made (OperationalError if not)."""
    engine = make_server_engine(address, password)
    try:
        with engine.connect() as connection:
            login = str(connection.exec_driver_sql("SELECT session_user").scalar() or "")
    except BaseException:
        engine.dispose()
        raise
    return ServerDatabase(address, engine, login, password)


def connect(address: ServerAddress, *, ask: AskPassword | None = None) -> ServerDatabase:
    """The server, reached with the password found (see the module's comment), or, when the
    server refuses the login and `ask` is given, with the one typed (asked once)."""
    try:
        return _connected(address, stored_password(address))
    except sqlalchemy_exc.OperationalError as exc:
        typed = None
        if ask is not None and _login_refused(exc):
            typed = ask(_("Mật khẩu của {user} trên máy chủ {server}: ").format(
                user=address.user or _("(mặc định)"), server=address.masked()))
        if not typed:
            raise unreachable(address, exc) from exc
    try:
        return _connected(address, typed)
    except sqlalchemy_exc.OperationalError as exc:
        raise unreachable(address, exc) from exc


def refuse_unusable(database: ServerDatabase) -> str | None:
    """The schema revision of the server's database, after refusing another app's or a newer one."""
    tables = database.table_names()
    revision = database.current_revision()
    theirs = (tables - {"alembic_version"}) if revision is None else tables - _OWN_TABLES
    if theirs and (revision is None or not tables >= _OWN_TABLES):
        raise DataFileError(_(
            "Cơ sở dữ liệu {server} đã có bảng của chương trình khác, không phải dữ liệu "
            "CCHC Desktop; không có gì bị thay đổi. Hãy dùng một cơ sở dữ liệu riêng.").format(
                server=database.label))
    if revision is not None and revision not in known_revisions():
        raise DataFileError(_(
            "Dữ liệu trên máy chủ {server} do phiên bản CCHC Desktop mới hơn tạo. Hãy cập nhật "
            "ứng dụng; không có gì bị thay đổi.").format(server=database.label))
    return revision


def open_server(address: ServerAddress, *, ask: AskPassword | None = None) -> ServerDatabase:
    """The server's database at the current schema: created or upgraded in one transaction.

    PostgreSQL's DDL is transactional: an upgrade that fails leaves the schema as it was,
    which is what a restore point before the upgrade buys a data file.
    """
    database = connect(address, ask=ask)
    try:
        if refuse_unusable(database) != head_revision():
            database.upgrade()
    except sqlalchemy_exc.OperationalError as exc:
        database.close()
        raise unreachable(address, exc) from exc
    except (sqlalchemy_exc.ProgrammingError, sqlalchemy_exc.InternalError) as exc:
        database.close()
        refused = privilege_error(exc, database.login_name())
        if refused is None:
            raise
        raise refused from exc
    except BaseException:
        database.close()
        raise
    return database
