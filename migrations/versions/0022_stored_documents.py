"""Committee minutes and disbursement-batch reports are rendered by a job and stored.

A closed meeting's minutes and an approved (or paid) batch's report are asked
for in the transaction that closes or approves, rendered by the every-minute
`render_documents` job (or a worker within seconds) and kept in
`stored_documents`; the downloads serve them. Meetings closed and batches
approved before this start without a row: the job finds and renders them.

Revision ID: 0022_stored_documents
Revises: 0021_voucher_expiry
Create Date: 2026-12-04

"""
import sqlalchemy as sa
from alembic import op

revision = "0022_stored_documents"
down_revision = "0021_voucher_expiry"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('minutes', 'batch_report')", name=op.f("ck_stored_documents_kind_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_documents")),
        sa.UniqueConstraint("kind", "subject_id", name=op.f("uq_stored_documents_kind_subject_id")),
    )


def downgrade():
    op.drop_table("stored_documents")
