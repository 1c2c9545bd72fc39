"""Outbox: a revision's package may go as several messages (thư 1/3, 2/3, 3/3).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 12:00:00

Many official mail servers refuse a message over a few megabytes; a package too large for
the account's server is split into parts, each its own message with its own Message-ID.
`part` and `parts` are added (1 of 1 for every row queued before), and the uniqueness
"one item per revision" becomes "one item per part of a revision". SQLite cannot change a
UNIQUE constraint in place, so the table is rebuilt by Alembic's batch mode, inside the
upgrade's transaction: a failure leaves the table as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('part', sa.Integer(), nullable=False, server_default='1'))
        batch.add_column(sa.Column('parts', sa.Integer(), nullable=False, server_default='1'))
        batch.drop_constraint(op.f('uq_outbox_revision'), type_='unique')
        batch.create_unique_constraint(op.f('uq_outbox_revision_part'),
                                       ['report_id', 'revision', 'part'])
        batch.create_check_constraint(op.f('ck_outbox_part_range'),
                                      'part >= 1 AND part <= parts AND parts <= 50')


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_constraint(op.f('ck_outbox_part_range'), type_='check')
        batch.drop_constraint(op.f('uq_outbox_revision_part'), type_='unique')
        batch.create_unique_constraint(op.f('uq_outbox_revision'), ['report_id', 'revision'])
        batch.drop_column('parts')
        batch.drop_column('part')
