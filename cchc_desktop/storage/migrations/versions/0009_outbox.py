"""Outbox: the packages of revisions waiting to be mailed, and what the server answered.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 17:00:00

A new table only; no existing row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=200), nullable=False),
        sa.Column('recipients', sa.Text(), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('message', sa.LargeBinary(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('server_reply', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint("state IN ('waiting','sending','sent','failed')",
                           name=op.f('ck_outbox_state_known')),
        sa.CheckConstraint('revision >= 0 AND revision < 1000000',
                           name=op.f('ck_outbox_revision_range')),
        sa.ForeignKeyConstraint(['report_id'], ['reports.id'],
                                name=op.f('fk_outbox_report_id_reports'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
        sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_id')),
        sa.UniqueConstraint('report_id', 'revision', name=op.f('uq_outbox_revision')),
    )
    op.create_index(op.f('ix_outbox_report_id'), 'outbox', ['report_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_outbox_report_id'), table_name='outbox')
    op.drop_table('outbox')
