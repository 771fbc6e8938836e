"""Committee secretaries and agenda notes, research reports on referrals, editable letter and message texts.

Revision ID: 0002_committee_letters
Revises: 0001_initial
Create Date: 2026-11-23

"""
import sqlalchemy as sa
from alembic import op

revision = "0002_committee_letters"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "text_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('letter', 'message')", name=op.f("ck_text_templates_kind_valid")),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_text_templates_updated_by_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_templates")),
        sa.UniqueConstraint("kind", "key", name=op.f("uq_text_templates_kind_key")),
    )
    with op.batch_alter_table("referrals") as batch:
        batch.add_column(sa.Column("clarification", sa.Text(), nullable=True))
        batch.add_column(sa.Column("report_kind", sa.String(length=24), nullable=True))
        batch.add_column(sa.Column("report_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("report_findings", sa.Text(), nullable=True))
        batch.add_column(sa.Column("report_recommendation", sa.Text(), nullable=True))
        batch.create_check_constraint(
            "report_kind_valid", "report_kind IN ('home_visit', 'interview', 'phone')"
        )
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("secretary_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.create_foreign_key(
            "fk_meetings_secretary_id_users", "users", ["secretary_id"], ["id"], ondelete="RESTRICT"
        )
    with op.batch_alter_table("agenda_items") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("agenda_items") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_constraint("fk_meetings_secretary_id_users", type_="foreignkey")
        batch.drop_column("version")
        batch.drop_column("secretary_id")
    with op.batch_alter_table("referrals") as batch:
        batch.drop_constraint("report_kind_valid", type_="check")
        batch.drop_column("report_recommendation")
        batch.drop_column("report_findings")
        batch.drop_column("report_on")
        batch.drop_column("report_kind")
        batch.drop_column("clarification")
    op.drop_table("text_templates")
