"""Where the data is: a SQLite data file (a path, or sqlite:///path) or a PostgreSQL server.

Pure text handling, no database library: the command line parses `--db` with it before
it knows whether a command needs the data at all (`--help` must stay cheap).

A server is written as libpq's URL, postgresql://user@host:port/database?sslmode=...; a
password in it is accepted (a script may have no other way) but never shown: every
message prints `masked()`, with *** in its place, and it is never written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
SQLITE_PREFIX = "sqlite:///"
DEFAULT_PORT = 5432
MASK = "***"


class AddressError(KnownError):
    """A --db value that names neither a data file nor a PostgreSQL server."""


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database the app keeps its data in; its password is never printed."""

    host: str
    database: str
    user: str = ""
    port: int | None = None
    options: tuple[tuple[str, str], ...] = ()
    password: str | None = field(default=None, repr=False, compare=False)

    def masked(self) -> str:
        """The address as every message shows it: the password, if any, as ***."""
        return self._url(MASK if self.password else None)

    def __str__(self) -> str:
        return self.masked()

    def _url(self, password: str | None) -> str:
        who = quote(self.user, safe="")
        if password is not None:
            who += ":" + (password if password == MASK else quote(password, safe=""))
        host = f"[{self.host}]" if ":" in self.host else self.host
        where = f"{who}@{host}" if who else host
        if self.port is not None:
            where += f":{self.port}"
        query = f"?{urlencode(self.options)}" if self.options else ""
        return f"postgresql://{where}/{quote(self.database, safe='')}{query}"

    def keyring_name(self) -> str:
        """The entry of the OS keyring that holds this server's password for this user."""
        return f"{self.user}@{self.host}:{self.port or DEFAULT_PORT}/{self.database}"

    def without_password(self) -> ServerAddress:
        return ServerAddress(self.host, self.database, self.user, self.port, self.options)


DataLocation = Path | ServerAddress


class ServerOnlyFileError(KnownError):
    """An action that needs a data file (the file itself: its path, its copy) asked of a server."""


def file_only_refusal(address: ServerAddress) -> ServerOnlyFileError:
    return ServerOnlyFileError(_(
        "Dữ liệu đang ở máy chủ PostgreSQL {server}: việc này chỉ làm được với tệp dữ liệu "
        "SQLite.").format(server=address.masked()))


def is_server_url(text: str) -> bool:
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def parse_server(text: str) -> ServerAddress:
    """A postgresql:// URL as a ServerAddress; AddressError (in Vietnamese) if it is not one."""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:          # a port that is no number, a bracket left open...
        parts, port = None, None
    database = unquote(parts.path.lstrip("/")) if parts is not None else ""
    host = (parts.hostname if parts is not None else None) or ""
    if parts is None or parts.scheme.lower() not in SERVER_SCHEMES or not database or not (
            host or any(key == "host" for key, _value in parse_qsl(parts.query))):
        raise AddressError(_(
            "Địa chỉ máy chủ {address} không hợp lệ: cần dạng postgresql://người_dùng@máy_chủ"
            "[:cổng]/tên_cơ_sở_dữ_liệu.").format(address=mask_passwords(text)))
    return ServerAddress(
        host=host, database=database, user=unquote(parts.username or ""), port=port,
        options=tuple(parse_qsl(parts.query)),
        password=unquote(parts.password) if parts.password is not None else None)


def parse_location(text: str) -> DataLocation:
    """A --db value: a path, sqlite:///path (a file too) or postgresql://... (a server)."""
    if is_server_url(text):
        return parse_server(text)
    if text.lower().startswith(SQLITE_PREFIX):
        return Path(text[len(SQLITE_PREFIX):])
    if "://" in text and not Path(text).exists():
        raise AddressError(_(
            "Không hiểu {address}: --db nhận một tệp dữ liệu (đường dẫn hoặc sqlite:///đường_dẫn) "
            "hoặc một máy chủ postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu.").format(
                address=mask_passwords(text)))
    return Path(text)


def describe(location: DataLocation) -> str:
    """The location as a message names it: the file's path, or the server's masked URL."""
    return location.masked() if isinstance(location, ServerAddress) else str(location)


def mask_passwords(text: str) -> str:
    """Any text (a message, a driver's error) with the password of every URL in it as ***."""
    out, rest = [], text
    while "://" in rest:
        head, _sep, tail = rest.partition("://")
        authority_end = len(tail)
        for stop in "/?# \t\n'\"":
            found = tail.find(stop)
            if found != -1:
                authority_end = min(authority_end, found)
        authority = tail[:authority_end]
        if "@" in authority and ":" in authority.rpartition("@")[0]:
            who, _at, where = authority.rpartition("@")
            authority = f"{who.partition(':')[0]}:{MASK}@{where}"
        out.append(f"{head}://{authority}")
        rest = tail[authority_end:]
    out.append(rest)
    return "".join(out)
