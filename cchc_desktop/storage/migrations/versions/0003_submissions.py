"""Submissions of subordinate units: arrival time and file; own-level figures kept apart.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('received_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('source_name', sa.String(length=300), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('source_sha256', sa.String(length=64), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('report_comparisons') as batch:
        batch.drop_constraint(op.f('ck_report_comparisons_kind_known'), type_='check')
        batch.create_check_constraint('kind_known', "kind IN ('previous','last_year','own_level')")


def downgrade() -> None:
    op.execute("DELETE FROM report_comparisons WHERE kind = 'own_level'")
    with op.batch_alter_table('report_comparisons') as batch:
        batch.drop_constraint(op.f('ck_report_comparisons_kind_known'), type_='check')
        batch.create_check_constraint('kind_known', "kind IN ('previous','last_year')")
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('source_sha256')
        batch.drop_column('source_name')
        batch.drop_column('received_at')
