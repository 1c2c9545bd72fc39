"""A throw-away PostgreSQL cluster for the tests, in a temporary folder, on 127.0.0.1.

initdb refuses to run as root (CI runs as root): the cluster then belongs to an
unprivileged user (`postgres`, made by Debian's package, else `nobody`) and every server
binary runs through `runuser`. The cluster listens on a free port of 127.0.0.1 and on a
unix socket in its own folder, never on another address; fsync is off (nothing in it
outlives the run). Clients connect as SUPERUSER without a password (trust); the role
PASSWORD_USER must give its password over TCP (scram-sha-256), for the tests of how a
password is found.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

SUPERUSER = "cchc_test"
PASSWORD_USER = "cchc_password"
PASSWORD = "mật-khẩu thử 123"
_BIN_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/pgsql-*/bin")


class ServerUnavailable(Exception):
    """No server could be started here: the reason is in the message."""


def unavailable(reason: str) -> NoReturn:
    """Skip the test that needs a server, saying why; fail it in CI (CI=true), which must run it."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"CI needs a PostgreSQL server for this test and none could be started: "
                    f"{reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


def find_bindir() -> Path | None:
    """The folder of initdb, pg_ctl and postgres: the newest installed version first."""
    candidates: list[Path] = []
    for pattern in _BIN_GLOBS:
        candidates += sorted(Path("/").glob(pattern.lstrip("/")),
                             key=lambda p: _version_key(p.parent.name), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit()) or (0,)


def _run_as() -> tuple[list[str], int | None, int | None]:
    """The command prefix, uid and gid the cluster's programs run with."""
    if os.geteuid() != 0:
        return [], None, None
    if shutil.which("runuser") is None:
        raise ServerUnavailable("running as root and runuser is missing (initdb refuses root)")
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"], entry.pw_uid, entry.pw_gid
    raise ServerUnavailable("running as root and no unprivileged user (postgres, nobody) exists")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    bindir: Path
    port: int
    prefix: list[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE DATABASE cannot run in one)."""
        import psycopg  # only the tests that have a server need the driver

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str) -> str:
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def pause(self) -> None:
        """Stop the server under its clients (their connections cut), keeping its data and port
        for `resume`. A fast stop, not an immediate one: these clusters run without fsync and
        synchronous_commit, so a crash would lose commits the clients were told were done
        (the app's conflict check then says the clerk's figure vanished; right, but another test)."""
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m",
                        "fast", "-w", "stop"], capture_output=True, check=True, timeout=60)

    def resume(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                        str(self.folder / "server.log"), "-w", "-t", "60", "start"],
                       capture_output=True, check=True, timeout=90)

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m",
                        "immediate", "-w", "stop"], capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> Server:
    """Make a cluster in a new temporary folder and start it; ServerUnavailable says why not."""
    bindir = find_bindir()
    if bindir is None:
        raise ServerUnavailable("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; "
                                "install the postgresql package")
    prefix, uid, gid = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))
    try:
        if uid is not None and gid is not None:
            os.chown(folder, uid, gid)
        _init(bindir, prefix, folder)
        last = ""
        for _attempt in range(3):          # a port another process took meanwhile: next one
            server = Server(folder, bindir, _free_port(), prefix)
            _configure(server)
            result = subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(server.data), "-l",
                 str(folder / "server.log"), "-w", "-t", "60", "start"],
                capture_output=True, text=True, check=False, timeout=90)
            if result.returncode == 0:
                server.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
                return server
            last = _tail(folder / "server.log") or result.stderr
        raise ServerUnavailable(f"pg_ctl start failed: {last}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _init(bindir: Path, prefix: list[str], folder: Path) -> None:
    result = subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER,
         "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
        capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        raise ServerUnavailable(f"initdb failed: {result.stderr.strip() or result.stdout.strip()}")


def _configure(server: Server) -> None:
    settings = {
        "listen_addresses": "'127.0.0.1'", "port": str(server.port),
        "unix_socket_directories": f"'{server.folder}'", "fsync": "off",
        "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "40",
        "shared_buffers": "32MB", "logging_collector": "off",
    }
    conf = server.data / "postgresql.auto.conf"
    lines = [f"{key} = {value}" for key, value in settings.items()]
    _write_as_owner(conf, "\n".join(lines) + "\n", server.data)
    hba = ["local all all trust",
           f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256",
           "host all all 127.0.0.1/32 trust"]
    _write_as_owner(server.data / "pg_hba.conf", "\n".join(hba) + "\n", server.data)


def _write_as_owner(path: Path, text: str, data: Path) -> None:
    """Write a file of the cluster keeping the cluster's owner (the server refuses others)."""
    owner = data.stat()
    path.write_text(text, encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(path, owner.st_uid, owner.st_gid)
    path.chmod(0o600)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])
    except OSError:
        return ""
