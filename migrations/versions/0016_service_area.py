"""The service area: why staff serve an applicant outside it (on the file and on the verified request);
the request tallies gain the branch, so each branch's dashboard reads its own rows; a branch's requests
filtered by status and channel read one index.

Revision ID: 0016_service_area
Revises: 0015_transfers
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

from migrations import tally_triggers_0008 as before
from models.request_tally import BACKFILL, trigger_statements

revision = "0016_service_area"
down_revision = '0015_transfers'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = ("insert", "delete", "update")


def _drop_tallies():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS request_tallies_follow ON requests")
        op.execute("DROP FUNCTION IF EXISTS request_tallies_follow()")
        op.execute("DROP FUNCTION IF EXISTS request_tallies_add(text, integer, integer)")
        op.execute("DROP FUNCTION IF EXISTS request_tallies_add(text, integer, integer, integer)")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS request_tallies_{name}")
    op.drop_table("request_tallies")


def upgrade():
    op.add_column("applicants", sa.Column("outside_area_reason", sa.Text(), nullable=True))
    op.add_column("requests", sa.Column("outside_area_reason", sa.Text(), nullable=True))
    op.create_index("ix_requests_branch_status_channel_created_at", "requests",
                    ["branch_id", "status", "channel_id", "created_at"])
    _drop_tallies()
    op.create_table(
        "request_tallies",
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name="fk_request_tallies_branch_id_branches",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"], name="fk_request_tallies_channel_id_channels",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("status", "channel_id", "branch_id", name="pk_request_tallies"),
    )
    for statement in trigger_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(BACKFILL)


def downgrade():
    op.drop_index("ix_requests_branch_status_channel_created_at", table_name="requests")
    _drop_tallies()
    op.create_table(
        "request_tallies",
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channels.id"], name="fk_request_tallies_channel_id_channels",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("status", "channel_id", name="pk_request_tallies"),
    )
    for statement in before.trigger_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(before.BACKFILL)
    with op.batch_alter_table("requests") as batch_op:
        batch_op.drop_column("outside_area_reason")
    with op.batch_alter_table("applicants") as batch_op:
        batch_op.drop_column("outside_area_reason")
    if op.get_bind().dialect.name == "sqlite":
        # The batch rebuilds of requests dropped its triggers with the old table.
        for statement in before.trigger_statements("sqlite"):
            op.execute(statement)
