"""Evidence documents (tài liệu kiểm chứng) and the items they are attached to.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:40:00

Two new tables; nothing existing changes. evidence_documents keeps each file whole with its
SHA-256 (one row per file and unit), evidence_links attaches a document to an indicator, a
task or a PAR-index criterion of a report or a self-assessment.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'evidence_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=100), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('issuer', sa.String(length=300), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_evidence_documents_sha256_length')),
        sa.CheckConstraint('size >= 0 AND size <= 20971520',
                           name=op.f('ck_evidence_documents_size_range')),
        sa.CheckConstraint("kind IN ('pdf','docx','doc','png','jpeg')",
                           name=op.f('ck_evidence_documents_kind_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_documents')),
        sa.UniqueConstraint('unit_code', 'sha256', name=op.f('uq_evidence_documents_file')),
    )
    op.create_index(op.f('ix_evidence_documents_unit_code'), 'evidence_documents', ['unit_code'],
                    unique=False)
    op.create_table(
        'evidence_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=100), nullable=False),
        sa.Column('context', sa.String(length=120), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.CheckConstraint("kind IN ('indicator','task','criterion')",
                           name=op.f('ck_evidence_links_kind_known')),
        sa.ForeignKeyConstraint(['document_id'], ['evidence_documents.id'],
                                name=op.f('fk_evidence_links_document_id_evidence_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_links')),
        sa.UniqueConstraint('document_id', 'context', 'kind', 'key',
                            name=op.f('uq_evidence_links_item')),
    )
    op.create_index(op.f('ix_evidence_links_document_id'), 'evidence_links', ['document_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_evidence_links_document_id'), table_name='evidence_links')
    op.drop_table('evidence_links')
    op.drop_index(op.f('ix_evidence_documents_unit_code'), table_name='evidence_documents')
    op.drop_table('evidence_documents')
