"""Own figures of a consolidation in a table of their own, and when it was consolidated.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 09:00:00

Until 0007 a consolidating unit's own figures (the figures it typed itself, kept apart
from its subordinate units' sums) were rows of report_comparisons of kind 'own_level',
and whether a report had been consolidated before was read from the change log. They
move to report_own_values, and reports.consolidated_at says when the units were last
summed (NULL: never); it is set from the first 'consolidation' line of the change log,
so a report consolidated with no own figures at all is still known as consolidated.

reports gets its column in place (ALTER TABLE ADD COLUMN): rebuilding it would delete
every report's figures by cascade (see 0006). report_own_values is bounded by the same
triggers as report_values, created after the copy so that an old value outside the
number domain still opens, as an error finding (0006). On PostgreSQL the trigger is
PL/pgSQL, as 0006 makes it there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# The condition of migration 0006 for report_values.value.
_PLAIN = ("typeof(NEW.value) = 'text' AND length(NEW.value) BETWEEN 1 AND 24 "
          "AND NEW.value NOT GLOB '*[^0-9.]*' AND NEW.value GLOB '[0-9]*' "
          "AND NEW.value GLOB '*[0-9]' AND NEW.value NOT GLOB '*.*.*'")
_PG_PLAIN = "length(NEW.value) BETWEEN 1 AND 24 AND NEW.value ~ '^[0-9]+([.][0-9]+)?$'"
_PG_TRIGGER = "bounded_report_own_values_value"
# The label 0003..0007 gave the own figures (in the language of the report, not translated).
_OWN_LABEL = "Số liệu của chính đơn vị"


def upgrade() -> None:
    op.add_column('reports', sa.Column('consolidated_at', sa.DateTime(), nullable=True))
    op.create_table(
        'report_own_values',
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=120), nullable=False),
        sa.Column('value', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['reports.id'],
                                name=op.f('fk_report_own_values_report_id_reports'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('report_id', 'code', name=op.f('pk_report_own_values')),
    )
    op.execute("UPDATE reports SET consolidated_at = (SELECT min(change_log.at) FROM change_log "
               "WHERE change_log.report_id = reports.id AND change_log.entity = 'consolidation')")
    op.execute("INSERT INTO report_own_values (report_id, code, value) "
               "SELECT report_id, code, value FROM report_comparisons WHERE kind = 'own_level'")
    op.execute("DELETE FROM report_comparisons WHERE kind = 'own_level'")
    with op.batch_alter_table('report_comparisons') as batch:
        batch.drop_constraint(op.f('ck_report_comparisons_kind_known'), type_='check')
        batch.create_check_constraint('kind_known', "kind IN ('previous','last_year')")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {_PG_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF NOT ({_PG_PLAIN}) THEN RAISE EXCEPTION 'report_own_values.value out of bounds' "
            "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$")
        op.execute(f"CREATE TRIGGER {_PG_TRIGGER} BEFORE INSERT OR UPDATE OF value "
                   f"ON report_own_values FOR EACH ROW EXECUTE FUNCTION {_PG_TRIGGER}()")
        return
    for event, suffix in (("INSERT", "insert"), ("UPDATE OF value", "update")):
        op.execute(f"CREATE TRIGGER bounded_report_own_values_value_{suffix} BEFORE {event} "
                   f"ON report_own_values WHEN NOT ({_PLAIN}) "
                   "BEGIN SELECT RAISE(ABORT, 'report_own_values.value out of bounds'); END")


def downgrade() -> None:
    # 0007 reads "consolidated before" from the change log, which the consolidations made
    # since still wrote; the own figures go back to report_comparisons.
    with op.batch_alter_table('report_comparisons') as batch:
        batch.drop_constraint(op.f('ck_report_comparisons_kind_known'), type_='check')
        batch.create_check_constraint('kind_known', "kind IN ('previous','last_year','own_level')")
    op.execute("INSERT INTO report_comparisons (report_id, kind, code, label, value) "
               f"SELECT report_id, 'own_level', code, '{_OWN_LABEL}', value FROM report_own_values")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {_PG_TRIGGER} ON report_own_values")
        op.execute(f"DROP FUNCTION IF EXISTS {_PG_TRIGGER}()")
    else:
        for suffix in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS bounded_report_own_values_value_{suffix}")
    op.drop_table('report_own_values')
    op.execute("ALTER TABLE reports DROP COLUMN consolidated_at")
