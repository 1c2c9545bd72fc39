"""PAR-index self-assessments: the unit's answers per criteria set, year and criterion.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:20:00

A new table only; no existing row is touched. The evidence of a criterion is already kept
by evidence_links (context "par:<set>:<year>", kind 'criterion').
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'par_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=100), nullable=False),
        sa.Column('set_id', sa.String(length=80), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('criterion', sa.String(length=40), nullable=False),
        sa.Column('choice', sa.String(length=40), nullable=True),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint('year >= 2000 AND year <= 2200', name=op.f('ck_par_answers_year_range')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_par_answers')),
        sa.UniqueConstraint('unit_code', 'set_id', 'year', 'criterion',
                            name=op.f('uq_par_answers_item')),
    )
    op.create_index(op.f('ix_par_answers_unit_code'), 'par_answers', ['unit_code'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_par_answers_unit_code'), table_name='par_answers')
    op.drop_table('par_answers')
