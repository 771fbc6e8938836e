"""Attachment bytes in the database, when SILA_ATTACHMENTS_STORE=database.

Revision ID: 0003_attachment_blobs
Revises: 0002_committee_letters
Create Date: 2026-11-23

"""
import sqlalchemy as sa
from alembic import op

revision = "0003_attachment_blobs"
down_revision = "0002_committee_letters"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "attachment_blobs",
        sa.Column("stored_name", sa.String(length=80), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("stored_name", name=op.f("pk_attachment_blobs")),
    )


def downgrade():
    op.drop_table("attachment_blobs")
