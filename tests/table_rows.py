"""Every row of every table of the app, as stored, for comparing two databases row by row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from cchc_desktop.storage.transfer import stored_tables


def table_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """{table: rows in primary-key order}, each column in its stored form (figures as text)."""
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in stored_tables()}
