"""Packages of a report: each revision sent, with the hash and a snapshot of its content.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('data_sha256', sa.String(length=64), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('revision >= 0 AND revision < 1000000', name=op.f('ck_report_packages_revision_range')),
    sa.CheckConstraint('length(data_sha256) = 64', name=op.f('ck_report_packages_hash_length')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_packages_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_packages')),
    sa.UniqueConstraint('report_id', 'revision', name='uq_report_packages_revision')
    )
    with op.batch_alter_table('report_packages') as batch:
        batch.create_index(batch.f('ix_report_packages_report_id'), ['report_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('report_packages') as batch:
        batch.drop_index(batch.f('ix_report_packages_report_id'))
    op.drop_table('report_packages')
