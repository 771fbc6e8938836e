"""An index for the dashboard's requests waiting at the committee beyond the response period.

Revision ID: 0007_overdue_index
Revises: 0006_notification_letters
Create Date: 2026-11-23

"""
from alembic import op

revision = "0007_overdue_index"
down_revision = "0006_notification_letters"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_requests_status_earliest_answer_on", "requests", ["status", "earliest_answer_on"])


def downgrade():
    op.drop_index("ix_requests_status_earliest_answer_on", table_name="requests")
