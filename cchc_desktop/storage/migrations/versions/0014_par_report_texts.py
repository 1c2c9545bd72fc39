"""PAR-index self-assessment reports: the clerk's "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị".

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:40:00

A new table only; no existing row is touched. One row per unit, criteria set and year,
written when the clerk first types either text.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'par_report_texts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=100), nullable=False),
        sa.Column('set_id', sa.String(length=80), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('difficulties', sa.Text(), nullable=False),
        sa.Column('proposals', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint('year >= 2000 AND year <= 2200',
                           name=op.f('ck_par_report_texts_year_range')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_par_report_texts')),
        sa.UniqueConstraint('unit_code', 'set_id', 'year', name=op.f('uq_par_report_texts_item')),
    )
    op.create_index(op.f('ix_par_report_texts_unit_code'), 'par_report_texts', ['unit_code'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_par_report_texts_unit_code'), table_name='par_report_texts')
    op.drop_table('par_report_texts')
