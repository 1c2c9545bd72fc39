"""Initial schema: units, reports with their figures, texts and lists, change log, settings.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 15:32:12.217310
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=False),
    sa.Column('parent_name', sa.String(length=300), nullable=False),
    sa.Column('is_own', sa.Boolean(), nullable=False),
    sa.Column('superior_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('doc_symbol', sa.String(length=50), nullable=False),
    sa.Column('signer_authority', sa.String(length=200), nullable=False),
    sa.Column('signer_title', sa.String(length=200), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('superior_email', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("level <> ''", name=op.f('ck_units_level_not_empty')),
    sa.ForeignKeyConstraint(['superior_id'], ['units.id'], name=op.f('fk_units_superior_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('code', name=op.f('uq_units_code'))
    )
    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('template_ref', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('precision', sa.Integer(), nullable=False),
    sa.Column('doc_number', sa.String(length=20), nullable=False),
    sa.Column('doc_symbol', sa.String(length=50), nullable=False),
    sa.Column('doc_place', sa.String(length=100), nullable=False),
    sa.Column('doc_date', sa.Date(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('signer_authority', sa.String(length=200), nullable=False),
    sa.Column('signer_title', sa.String(length=200), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('Q1','H1','Q3','Y','ADHOC')", name=op.f('ck_reports_kind_known')),
    sa.CheckConstraint("status IN ('draft','final','submitted')", name=op.f('ck_reports_status_known')),
    sa.CheckConstraint('"end" >= start', name=op.f('ck_reports_period_ordered')),
    sa.CheckConstraint('precision BETWEEN 0 AND 2', name=op.f('ck_reports_precision_range')),
    sa.CheckConstraint('revision >= 0', name=op.f('ck_reports_revision_not_negative')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_reports_unit_id_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('unit_id', 'year', 'kind', 'start', name='uq_reports_unit_period')
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_change_log_report_id_reports'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_report_id'), ['report_id'], unique=False)

    op.create_table('report_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('section', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_documents_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_documents'))
    )
    with op.batch_alter_table('report_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_documents_report_id'), ['report_id'], unique=False)

    op.create_table('report_notes',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_notes_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'code', name=op.f('pk_report_notes'))
    )
    op.create_table('report_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('from_unit', sa.String(length=300), nullable=False),
    sa.Column('to_body', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_proposals_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_proposals'))
    )
    with op.batch_alter_table('report_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_proposals_report_id'), ['report_id'], unique=False)

    op.create_table('report_subunits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.CheckConstraint("status IN ('on_time','late','missing')", name=op.f('ck_report_subunits_status_known')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_subunits_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_subunits'))
    )
    with op.batch_alter_table('report_subunits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_subunits_report_id'), ['report_id'], unique=False)

    op.create_table('report_targets',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_targets_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'code', name=op.f('pk_report_targets'))
    )
    op.create_table('report_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.CheckConstraint("origin IN ('plan','previous','new')", name=op.f('ck_report_tasks_origin_known')),
    sa.CheckConstraint("status IN ('done','in_progress','not_started')", name=op.f('ck_report_tasks_status_known')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_tasks_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_tasks'))
    )
    with op.batch_alter_table('report_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_tasks_report_id'), ['report_id'], unique=False)

    op.create_table('report_texts',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_texts_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'section_id', name=op.f('pk_report_texts'))
    )
    op.create_table('report_values',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_values_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', 'code', name=op.f('pk_report_values'))
    )


def downgrade() -> None:
    op.drop_table('report_values')
    op.drop_table('report_texts')
    with op.batch_alter_table('report_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_tasks_report_id'))

    op.drop_table('report_tasks')
    op.drop_table('report_targets')
    with op.batch_alter_table('report_subunits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_subunits_report_id'))

    op.drop_table('report_subunits')
    with op.batch_alter_table('report_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_proposals_report_id'))

    op.drop_table('report_proposals')
    op.drop_table('report_notes')
    with op.batch_alter_table('report_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_documents_report_id'))

    op.drop_table('report_documents')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_report_id'))

    op.drop_table('change_log')
    op.drop_table('reports')
    op.drop_table('units')
    op.drop_table('settings')
