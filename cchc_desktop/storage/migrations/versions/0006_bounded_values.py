"""Bounded values: figures and targets are plain decimal text, revisions 0..9999.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:00:00

The bounds are triggers rather than CHECK constraints. A CHECK needs the table rebuilt
(SQLite cannot add one in place): rebuilding `reports` drops the old table, and with
foreign_keys on, which cannot be switched off inside the migration's transaction, that
deletes every report's figures by cascade; and rebuilding `report_values` would refuse to
copy a value an older version already stored (a NaN target), so the file would no longer
open. Triggers refuse every new write outside the bounds and leave old rows as they are:
the app reads those as error findings (storage/repository.py) until they are re-entered.

What the triggers accept is what models.DecimalText writes for a value of
domain/number_domain.py: digits with at most one decimal point, no sign, no exponent, no
NaN or Infinity, at most 24 characters; targets at most 100.

On PostgreSQL the same bounds are PL/pgSQL triggers of the same names, raising a
check_violation (SQLSTATE 23514, an IntegrityError like SQLite's RAISE(ABORT)). Its
condition is the same set of texts written as one regular expression: digits, then at
most one point followed by digits.
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_PLAIN = ("typeof(NEW.value) = 'text' AND length(NEW.value) BETWEEN 1 AND 24 "
          "AND NEW.value NOT GLOB '*[^0-9.]*' AND NEW.value GLOB '[0-9]*' "
          "AND NEW.value GLOB '*[0-9]' AND NEW.value NOT GLOB '*.*.*'")
_TARGET = _PLAIN + " AND CAST(NEW.value AS REAL) <= 100"
_REVISION = "typeof(NEW.revision) = 'integer' AND NEW.revision BETWEEN 0 AND 9999"

# (trigger name, table, column, condition a new row must meet, message)
_TRIGGERS = (
    ("report_values_value", "report_values", "value", _PLAIN, "report_values.value out of bounds"),
    ("report_targets_value", "report_targets", "value", _TARGET,
     "report_targets.value out of bounds"),
    ("reports_revision", "reports", "revision", _REVISION, "reports.revision out of range"),
)


# The conditions above, for PostgreSQL (the columns are varchar there: always text).
_PG_PLAIN = "length(NEW.value) BETWEEN 1 AND 24 AND NEW.value ~ '^[0-9]+([.][0-9]+)?$'"
# CASE: PostgreSQL does not promise to test the pattern before it tries the cast.
_PG_TARGET = f"CASE WHEN {_PG_PLAIN} THEN CAST(NEW.value AS numeric) <= 100 ELSE false END"
_PG_REVISION = "NEW.revision BETWEEN 0 AND 9999"
_PG_CONDITIONS = {"report_values_value": _PG_PLAIN, "report_targets_value": _PG_TARGET,
                  "reports_revision": _PG_REVISION}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgresql():
        for name, table, column, _condition, message in _TRIGGERS:
            op.execute(
                f"CREATE FUNCTION bounded_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NOT ({_PG_CONDITIONS[name]}) THEN "
                f"RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF; "
                "RETURN NEW; END $$")
            op.execute(f"CREATE TRIGGER bounded_{name} BEFORE INSERT OR UPDATE OF {column} "
                       f"ON {table} FOR EACH ROW EXECUTE FUNCTION bounded_{name}()")
        return
    for name, table, column, condition, message in _TRIGGERS:
        for event, suffix in (("INSERT", "insert"), (f"UPDATE OF {column}", "update")):
            op.execute(
                f"CREATE TRIGGER bounded_{name}_{suffix} BEFORE {event} ON {table} "
                f"WHEN NOT ({condition}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def downgrade() -> None:
    if _postgresql():
        for name, table, _column, _condition, _message in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS bounded_{name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS bounded_{name}()")
        return
    for name, _table, _column, _condition, _message in _TRIGGERS:
        for suffix in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS bounded_{name}_{suffix}")
