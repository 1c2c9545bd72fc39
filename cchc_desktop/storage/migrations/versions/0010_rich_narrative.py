"""Rich narratives and a unit's extra figures.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 21:00:00

report_texts gets a nullable JSON column `content` in place (ALTER TABLE ADD COLUMN: a
rebuild of a child table is safe, but in place keeps old rows untouched): NULL for every
text written before, which stays a plain narrative. report_extra_figures is a new table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('report_texts', sa.Column('content', sa.JSON(), nullable=True))
    op.create_table(
        'report_extra_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('section_id', sa.String(length=60), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('label', sa.Text(), nullable=False),
        sa.Column('unit', sa.String(length=60), nullable=False),
        sa.Column('value', sa.String(length=40), nullable=True),
        sa.Column('numerator', sa.String(length=80), nullable=False),
        sa.Column('denominator', sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['reports.id'],
                                name=op.f('fk_report_extra_figures_report_id_reports'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_extra_figures')),
    )
    op.create_index(op.f('ix_report_extra_figures_report_id'), 'report_extra_figures',
                    ['report_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_report_extra_figures_report_id'), table_name='report_extra_figures')
    op.drop_table('report_extra_figures')
    with op.batch_alter_table('report_texts') as batch:
        batch.drop_column('content')
