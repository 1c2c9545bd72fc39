"""Units identified by their official administrative code, the old typed-name code kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('units') as batch:
        batch.add_column(sa.Column('legacy_code', sa.String(length=100), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('code_status', sa.String(length=20), nullable=False,
                                   server_default=''))
    # The matching is the app's own (storage/unit_codes.py), against the shipped list.
    from cchc_desktop.storage.unit_codes import upgrade_connection

    upgrade_connection(op.get_bind())


def downgrade() -> None:
    op.execute("UPDATE units SET code = legacy_code WHERE legacy_code <> ''")
    # Not a batch copy of the table: dropping `units` to rebuild it breaks the reports'
    # foreign keys. SQLite drops a plain column in place since 3.35.
    op.execute("ALTER TABLE units DROP COLUMN code_status")
    op.execute("ALTER TABLE units DROP COLUMN legacy_code")
