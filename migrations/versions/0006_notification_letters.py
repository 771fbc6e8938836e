"""The decision a message announces, so the e-mail can carry that decision's letter.

Revision ID: 0006_notification_letters
Revises: 0005_search_indexes
Create Date: 2026-11-23

"""
import sqlalchemy as sa
from alembic import op

revision = "0006_notification_letters"
down_revision = "0005_search_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("decision_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_notifications_decision_id_decisions", "decisions", ["decision_id"], ["id"], ondelete="RESTRICT"
        )


def downgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint("fk_notifications_decision_id_decisions", type_="foreignkey")
        batch.drop_column("decision_id")
