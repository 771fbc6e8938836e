"""Requests per status and channel, kept by triggers, for a dashboard that does not count the table;
an index for each staff member's own waiting requests.

Revision ID: 0008_request_tallies
Revises: 0007_overdue_index
Create Date: 2026-11-23

"""
import sqlalchemy as sa
from alembic import op

from migrations.tally_triggers_0008 import BACKFILL, trigger_statements

revision = "0008_request_tallies"
down_revision = "0007_overdue_index"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "request_tallies",
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"], name="fk_request_tallies_channel_id_channels",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("status", "channel_id", name="pk_request_tallies"),
    )
    for statement in trigger_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(BACKFILL)
    op.create_index("ix_requests_received_by_id_status", "requests", ["received_by_id", "status"])


def downgrade():
    op.drop_index("ix_requests_received_by_id_status", table_name="requests")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS request_tallies_follow ON requests")
        op.execute("DROP FUNCTION IF EXISTS request_tallies_follow()")
        op.execute("DROP FUNCTION IF EXISTS request_tallies_add(text, integer, integer)")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS request_tallies_{name}")
    op.drop_table("request_tallies")
