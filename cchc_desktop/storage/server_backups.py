"""Restore points of the data on a PostgreSQL server, made with pg_dump and put back with
pg_restore.

A restore point is `pg_dump --format=custom --schema=<the app's schema>` of the server's
database, kept in the user's data folder (paths.user_data_dir) under a folder per server
address (host_port_database: no user, no password in a name), with the same JSON
description beside it as a data file's restore point (when, why, the reports' states) plus
the app's version and the schema revision. They are listed and rotated like a data file's
(storage/backups.py), so Tệp > Khôi phục shows them the same way.

Putting one back first takes a restore point of the current state (a restore can itself be
undone), then runs `pg_restore --clean --if-exists --single-transaction --no-owner`: one
transaction, so a dump that is damaged or refused halfway leaves the database as it was.

The password goes to the child programs through their own PGPASSWORD only (never on a
command line, which other users of the PC can read, never in a message); without one the
programs find it as libpq does (PGPASSWORD, .pgpass).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy import text

from cchc_desktop import __version__
from cchc_desktop.addresses import DEFAULT_PORT, ServerAddress, mask_passwords
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.unit_names import slug
from cchc_desktop.fileio import atomic_write_text, describe_os_error
from cchc_desktop.i18n import _
from cchc_desktop.paths import user_data_dir
from cchc_desktop.storage.backups import KEEP_NEWEST, BackupInfo, read_backup_folder, rotation_victims
from cchc_desktop.storage.server import ServerDatabase

SUFFIX = ".dump"
TIMEOUT_SECONDS = 600
# Another PC's long transaction must not hang a restore for ten minutes: pg_restore's DROP
# waits for it at most this long, then fails (in its one transaction: nothing changed).
LOCK_TIMEOUT = "30s"
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<slug>[a-z0-9-]*)\.dump$")
# Where PostgreSQL's installers put the client programs, newest version first.
_BIN_GLOBS_WINDOWS = (r"C:\Program Files\PostgreSQL\*\bin", r"C:\Program Files (x86)\PostgreSQL\*\bin")
_BIN_GLOBS_POSIX = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin",
                    "/opt/homebrew/opt/postgresql*/bin", "/usr/local/opt/postgresql*/bin",
                    "/Applications/Postgres.app/Contents/Versions/*/bin")


def backup_folder(address: ServerAddress) -> Path:
    """The restore points of one server's database: one folder per host, port and database."""
    name = "_".join((address.host or "localhost", str(address.port or DEFAULT_PORT),
                     address.database))
    return user_data_dir() / "sao-luu-may-chu" / re.sub(r"[^A-Za-z0-9._-]", "-", name)


def _version_key(folder: Path) -> tuple[int, ...]:
    found = re.search(r"(\d+(?:\.\d+)*)", folder.parent.name) or re.search(r"(\d+)", str(folder))
    return tuple(int(p) for p in found.group(1).split(".")) if found else (0,)


def _bin_folders() -> list[Path]:
    globs = _BIN_GLOBS_WINDOWS if sys.platform == "win32" else _BIN_GLOBS_POSIX
    folders: list[Path] = []
    for pattern in globs:
        anchor = Path(Path(pattern).anchor)
        matches = anchor.glob(str(Path(pattern).relative_to(anchor)))
        folders += sorted(matches, key=_version_key, reverse=True)
    return folders


def find_tool(name: str) -> Path:
    """pg_dump or pg_restore: on PATH, else in PostgreSQL's usual folders; KnownError if none."""
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    executable = name + (".exe" if sys.platform == "win32" else "")
    for folder in _bin_folders():
        if (folder / executable).is_file():
            return folder / executable
    raise KnownError(_(
        "Không tìm thấy chương trình {tool} nên không tạo hay khôi phục được điểm khôi phục trên "
        "máy chủ. Hãy cài các công cụ dòng lệnh của PostgreSQL (trên Windows: bộ cài PostgreSQL, "
        "chọn \u201cCommand Line Tools\u201d; trên Linux: gói postgresql-client), cùng phiên bản "
        "với máy chủ hoặc mới hơn.").format(tool=name))


def missing_tools() -> str | None:
    """What to install when pg_dump or pg_restore is not on this PC; None when both are."""
    try:
        find_tool("pg_dump")
        find_tool("pg_restore")
    except KnownError as exc:
        return exc.message
    return None


def tools_found() -> bool:
    """pg_dump and pg_restore are both on this PC."""
    return missing_tools() is None


def _schema(database: ServerDatabase) -> str:
    with database.engine.connect() as connection:
        return str(connection.exec_driver_sql("SELECT current_schema()").scalar())


def _report_states(database: ServerDatabase) -> list[dict[str, str]]:
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT r.year, r.kind, r.status FROM reports r JOIN units u ON u.id = r.unit_id "
            "WHERE u.is_own ORDER BY r.year, r.start")).all()
    states = []
    for year, kind, status in rows:
        label = Period.default(year, kind).label if kind != "ADHOC" else PeriodKind(kind).label
        states.append({"key": f"{year}-{kind}", "period": label,
                       "status": ReportStatus(status).label})
    return states


def _run(tool: str, arguments: list[str], database: ServerDatabase) -> None:
    """Run pg_dump or pg_restore against the server; KnownError with its own words if it fails."""
    program = find_tool(tool)
    address = database.address
    environment = dict(os.environ)
    environment.update(database.libpq_environment())
    environment.setdefault("PGCONNECT_TIMEOUT", "10")
    environment["PGAPPNAME"] = "cchc-desktop"
    environment["PGOPTIONS"] = (environment.get("PGOPTIONS", "") +
                                f" -c lock_timeout={LOCK_TIMEOUT}").strip()
    # The window has no console: on Windows a child would otherwise flash one up.
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    # The address without a password (masked() of one without is the plain URL).
    connection = ["--dbname", address.without_password().masked()]
    try:
        result = subprocess.run([str(program), *connection, *arguments], env=environment,
                                capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=TIMEOUT_SECONDS, check=False,
                                creationflags=flags)
    except (OSError, subprocess.SubprocessError) as exc:
        raise KnownError(_("Không chạy được {tool}: {detail}").format(
            tool=tool, detail=mask_passwords(str(exc)))) from exc
    if result.returncode != 0:
        said = [line.strip() for line in mask_passwords(result.stderr).splitlines() if line.strip()]
        raise KnownError(_("{tool} báo lỗi (mã {code}): {detail}").format(
            tool=tool, code=result.returncode, detail=" ".join(said[-4:]) or _("không rõ")))


def create_server_backup(database: ServerDatabase, reason: str, *,
                         now: dt.datetime | None = None) -> BackupInfo:
    """pg_dump the app's schema into the server's backup folder, then rotate old points."""
    now = now or dt.datetime.now()
    folder = backup_folder(database.address)
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{slug(reason, 40)}{SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        schema, states = _schema(database), _report_states(database)
        revision = database.current_revision()
        _run("pg_dump", ["--format=custom", f"--schema={schema}", "--file", str(partial)],
             database)
        partial.replace(target)
        atomic_write_text(target.with_suffix(".json"), json.dumps(
            {"created_at": now.isoformat(), "reason": reason, "reports": states,
             "app_version": __version__, "schema": schema, "schema_revision": revision,
             "server": database.address.without_password().masked()},
            ensure_ascii=False, indent=1))
    except OSError as exc:
        _remove(partial)
        raise KnownError(_("Không tạo được điểm khôi phục trên máy chủ: {detail}").format(
            detail=describe_os_error(target, exc))) from exc
    except sqlalchemy_exc.SQLAlchemyError as exc:
        raise KnownError(_("Không tạo được điểm khôi phục trên máy chủ: {detail}").format(
            detail=mask_passwords(str(getattr(exc, "orig", exc))).strip())) from exc
    except KnownError as exc:
        _remove(partial)
        raise KnownError(_("Không tạo được điểm khôi phục trên máy chủ {server}: {detail}").format(
            server=database.label, detail=exc.message)) from exc
    rotate(database.address)
    return BackupInfo(target, now, reason, states)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def list_server_backups(address: ServerAddress) -> list[BackupInfo]:
    """The server's restore points, newest first."""
    return read_backup_folder(backup_folder(address), _NAME)


def rotate(address: ServerAddress, keep: int = KEEP_NEWEST) -> list[Path]:
    """The same rotation as a data file's restore points (storage/backups.rotate)."""
    removed = []
    for backup in rotation_victims(list_server_backups(address), keep):
        for path in (backup.path, backup.path.with_suffix(".json")):
            _remove(path)
        removed.append(backup.path)
    return removed


def restore_server_backup(database: ServerDatabase, backup: BackupInfo) -> BackupInfo:
    """Put `backup` back into the server's database, after a restore point of the current state.

    One transaction (--single-transaction stops at the first error): a damaged dump, or a
    login not allowed to drop the tables, leaves the data as it was. Other windows on the
    same data should be closed first: the tables are dropped and made again, which waits
    for their transactions.
    """
    current = create_server_backup(database, _("Trước khi khôi phục"))
    schema = _schema(database)
    database.engine.dispose()       # our own idle connections would hold no lock, but go
    try:
        _run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--no-owner",
                            f"--schema={schema}", str(backup.path)], database)
    except KnownError as exc:
        raise KnownError(_(
            "Không khôi phục được điểm khôi phục {name} trên máy chủ {server}; dữ liệu trên máy "
            "chủ không bị thay đổi. {detail}").format(
                name=backup.path.name, server=database.label, detail=exc.message)) from exc
    return current
