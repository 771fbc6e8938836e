"""A sender's claim on a message is a lease: when it was taken, so an abandoned claim can be taken back.

Revision ID: 0009_outbox_lease
Revises: 0008_request_tallies
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

revision = "0009_outbox_lease"
down_revision = "0008_request_tallies"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
    # A message left "sending" by a sender that died before this lease existed is taken back at once.
    op.execute("UPDATE notifications SET claimed_at = created_at WHERE status = 'sending'")


def downgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("claimed_at")
