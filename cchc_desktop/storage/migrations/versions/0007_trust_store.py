"""Trust store: the province's trusted root certificates, revocation lists and pinned units.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:30:00

New tables only; no existing row is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'trust_anchors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('der', sa.LargeBinary(), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('issuer', sa.Text(), nullable=False),
        sa.Column('not_before', sa.DateTime(), nullable=False),
        sa.Column('not_after', sa.DateTime(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('label', sa.String(length=300), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint('length(fingerprint) = 64',
                           name=op.f('ck_trust_anchors_fingerprint_length')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trust_anchors')),
        sa.UniqueConstraint('fingerprint', name=op.f('uq_trust_anchors_fingerprint')),
    )
    op.create_table(
        'trust_crls',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('der', sa.LargeBinary(), nullable=False),
        sa.Column('issuer', sa.Text(), nullable=False),
        sa.Column('this_update', sa.DateTime(), nullable=False),
        sa.Column('next_update', sa.DateTime(), nullable=True),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trust_crls')),
    )
    op.create_table(
        'trust_pins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=100), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('pinned_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint('length(fingerprint) = 64',
                           name=op.f('ck_trust_pins_fingerprint_length')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_trust_pins')),
        sa.UniqueConstraint('unit_code', name=op.f('uq_trust_pins_unit_code')),
    )


def downgrade() -> None:
    op.drop_table('trust_pins')
    op.drop_table('trust_crls')
    op.drop_table('trust_anchors')
