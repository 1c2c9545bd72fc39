"""Moving an office's data between a data file and a server (migrate-db), losing nothing.

Every table of the models is copied row by row, in the order of their foreign keys, with
the columns' stored forms (a figure stays the decimal text it was, never a float); the
target is created by the same migrations as any other and must hold no data yet. The
copy is one transaction on the target: on a server the schema, the rows and the
sequences' next ids commit together or not at all; a new data file is built beside its
final name and renamed into place only when it is whole. Before the commit the target's
row counts are checked against the source's.

The source is opened the usual way (upgraded after a restore point if it is an older
file; a data file under its instance lock, so no other writer of this app changes it
during the copy) and never written otherwise.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Integer,
    MetaData,
    Table,
    TypeDecorator,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import exc as sqlalchemy_exc

from cchc_desktop.addresses import DataLocation, ServerAddress, describe
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.storage.database import Database, alembic_config, head_revision
from cchc_desktop.storage.datafile import FileKind, look_at, mark, open_for_writing
from cchc_desktop.storage.instance_lock import InstanceLock
from cchc_desktop.storage.models import Base

if TYPE_CHECKING:
    from cchc_desktop.storage.server import ServerDatabase

AskPassword = Callable[[str], str | None]
CHUNK_ROWS = 1000


class TransferError(KnownError):
    """The data could not be moved; the target was left as it was."""


@dataclass(frozen=True)
class TransferSummary:
    source: str
    target: str
    rows: dict[str, int]      # table -> rows copied, in the order they were copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def stored_tables() -> list[Table]:
    """The models' tables, parents first, each column with the type it has in the database
    (DecimalText as its text): what is copied is what is stored, not what a model makes of it."""
    raw = MetaData()
    tables = []
    for table in Base.metadata.sorted_tables:
        copy = table.to_metadata(raw)
        for column in copy.columns:
            if isinstance(column.type, TypeDecorator):
                column.type = column.type.impl_instance
        tables.append(copy)
    return tables


def _self_references(table: Table) -> list[str]:
    """Columns pointing at the table's own rows (a unit's superior unit): set after the copy."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name]


def _rows(connection: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = connection.execute(select(table).order_by(*table.primary_key.columns))
    while chunk := result.fetchmany(CHUNK_ROWS):
        yield [dict(row._mapping) for row in chunk]


def copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    """Every row of every table from `source` into the (empty) `target`; the counts by table."""
    counts: dict[str, int] = {}
    for table in stored_tables():
        later = _self_references(table)
        pending: list[dict[str, Any]] = []
        copied = 0
        for chunk in _rows(source, table):
            if later:
                pending += [{"_id": row["id"], **{name: row[name] for name in later}}
                            for row in chunk if any(row[name] is not None for name in later)]
                chunk = [{**row, **dict.fromkeys(later)} for row in chunk]
            target.execute(insert(table), chunk)
            copied += len(chunk)
        if pending:
            target.execute(update(table).where(table.c.id == bindparam("_id")), pending)
        counts[table.name] = copied
    return counts


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def check_counts(target: Connection, counts: dict[str, int]) -> None:
    for table in stored_tables():
        found = _count(target, table)
        if found != counts[table.name]:
            raise TransferError(_(
                "Kiểm tra sau khi chép thấy bảng {table} có {found} dòng thay vì {expected}; "
                "không có gì được lưu ở đích.").format(table=table.name, found=found,
                                                      expected=counts[table.name]))


def reset_sequences(target: Connection) -> None:
    """A server hands out the next id from a sequence: set it past the ids just copied."""
    for table in stored_tables():
        columns = list(table.primary_key.columns)
        if [column.name for column in columns] != ["id"] or not isinstance(columns[0].type, Integer):
            continue
        target.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}")


def _has_rows(connection: Connection) -> str | None:
    for table in stored_tables():
        if _count(connection, table):
            return table.name
    return None


@contextlib.contextmanager
def _source(location: DataLocation, ask: AskPassword | None) -> Iterator[Database]:
    if isinstance(location, ServerAddress):
        from cchc_desktop.storage.server import connect, refuse_unusable  # the driver only for a server

        database = connect(location, ask=ask)
        try:
            revision = refuse_unusable(database)
            if revision is None:
                raise TransferError(_("Máy chủ {server} chưa có dữ liệu CCHC Desktop để chuyển."
                                      ).format(server=location.masked()))
            if revision != head_revision():
                database.upgrade()      # one transaction on a server: see server.open_server
            yield database
        finally:
            database.close()
        return
    if look_at(Path(location)).kind is FileKind.MISSING:
        raise TransferError(_("Không có tệp dữ liệu {path} để chuyển.").format(path=location))
    opened = open_for_writing(Path(location))
    with opened:
        yield opened.database


def _read_snapshot(database: Database) -> contextlib.AbstractContextManager[Connection]:
    """One consistent view of the source for the whole copy."""
    if database.is_server:
        return database.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    return database.engine.connect()


def migrate(source: DataLocation, target: DataLocation, *, ask: AskPassword | None = None,
            ) -> TransferSummary:
    """Copy all the data at `source` to the empty `target`: all of it or, on failure, nothing."""
    if describe(source) == describe(target) or (
            not isinstance(source, ServerAddress) and not isinstance(target, ServerAddress)
            and Path(source).resolve() == Path(target).resolve()):
        raise TransferError(_("Nguồn và đích là cùng một nơi; hãy chọn đích khác."))
    with contextlib.ExitStack() as stack:
        # The target is looked at before the source is touched: a target that cannot take
        # the data must not cost the source an upgrade.
        receiving: ServerDatabase | Path
        if isinstance(target, ServerAddress):
            from cchc_desktop.storage.server import connect  # the driver only for a server

            receiving = stack.enter_context(contextlib.closing(connect(target, ask=ask)))
        else:
            receiving = Path(target)
            _refuse_used_file(receiving)
        database = stack.enter_context(_source(source, ask))
        reading = stack.enter_context(_read_snapshot(database))
        with reading.begin():
            if isinstance(receiving, Path):
                counts = _to_file(reading, receiving)
            else:
                counts = _to_server(reading, receiving)
    return TransferSummary(describe(source), describe(target), counts)


def _refuse_used_file(path: Path) -> None:
    if look_at(path).kind is not FileKind.MISSING:
        raise TransferError(_(
            "Tệp {path} đã có dữ liệu; migrate-db chỉ chép vào một tệp chưa có (hoặc rỗng) để "
            "không trộn hai bộ dữ liệu. Hãy chọn tên tệp khác.").format(path=path))


def _copy_failed(exc: BaseException) -> TransferError:
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()
    return TransferError(_("Không chuyển được dữ liệu: {detail}. Đích không bị thay đổi.").format(
        detail=" ".join(line.strip() for line in detail)))


def _to_server(reading: Connection, database: ServerDatabase) -> dict[str, int]:
    from alembic import command  # the migrations, only to create the target's schema

    from cchc_desktop.storage.server import refuse_unusable  # the driver only for a server

    revision = refuse_unusable(database)
    with database.engine.begin() as writing:
        if revision != head_revision():
            command.upgrade(alembic_config(writing), "head")
        used = _has_rows(writing)
        if used is not None:
            raise TransferError(_(
                "Cơ sở dữ liệu {server} đã có dữ liệu (bảng {table}); migrate-db chỉ chép vào một "
                "cơ sở dữ liệu chưa có dữ liệu để không trộn hai bộ dữ liệu.").format(
                    server=database.label, table=used))
        try:
            counts = copy_rows(reading, writing)
            reset_sequences(writing)
            check_counts(writing, counts)
        except sqlalchemy_exc.DBAPIError as exc:
            raise _copy_failed(exc) from exc
    return counts


def _to_file(reading: Connection, path: Path) -> dict[str, int]:
    lock = InstanceLock(path)
    lock.acquire(0.0)
    building = path.with_name(f".{path.name}.migrate-{os.getpid()}")
    try:
        _refuse_used_file(path)
        for leftover in _with_journals(building):
            leftover.unlink(missing_ok=True)
        database = Database.open(building)
        try:
            with database.engine.begin() as writing:
                counts = copy_rows(reading, writing)
                check_counts(writing, counts)
            mark(database)
        except sqlalchemy_exc.DBAPIError as exc:
            raise _copy_failed(exc) from exc
        finally:
            database.close()
        os.replace(building, path)
    finally:
        for leftover in _with_journals(building):
            leftover.unlink(missing_ok=True)
        lock.release()
    return counts


def _with_journals(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")]
