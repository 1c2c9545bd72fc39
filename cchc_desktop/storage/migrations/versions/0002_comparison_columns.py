"""Comparison columns: figures of reports that are not in this data file.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:40:33.840400
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_comparisons',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.CheckConstraint("kind IN ('previous','last_year')", name=op.f('ck_report_comparisons_kind_known')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_comparisons_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'kind', 'code', name=op.f('pk_report_comparisons'))
    )


def downgrade() -> None:
    op.drop_table('report_comparisons')
