"""The applicant's own door: one-time sign-in codes, the portal sessions they open, the code's message,
and the applicant's requests to correct his data (a kind of contact).

Revision ID: 0012_portal_sign_in
Revises: 0011_branches
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

revision = "0012_portal_sign_in"
down_revision = "0011_branches"
branch_labels = None
depends_on = None

EVENTS = "'received', 'submitted', 'decided', 'service_ready', 'survey', 'restudy'"
KINDS = "'inquiry', 'suggestion', 'complaint', 'follow_up'"


def upgrade():
    with op.batch_alter_table("contacts") as batch:
        batch.drop_constraint("kind_valid", type_="check")
        batch.create_check_constraint("kind_valid", f"kind IN ({KINDS}, 'correction')")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint("event_valid", type_="check")
        batch.create_check_constraint("event_valid", f"event IN ({EVENTS}, 'sign_in_code')")
    op.create_table(
        "portal_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("purpose IN ('sign_in', 'apply')", name=op.f("ck_portal_codes_purpose_valid")),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["applicants.id"], name=op.f("fk_portal_codes_applicant_id_applicants"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_codes")),
    )
    with op.batch_alter_table("portal_codes") as batch:
        batch.create_index("ix_portal_codes_applicant_id", ["applicant_id"], unique=False)
        batch.create_index("ix_portal_codes_subject_created_at", ["subject", "created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("portal_codes") as batch:
        batch.drop_index("ix_portal_codes_subject_created_at")
        batch.drop_index("ix_portal_codes_applicant_id")
    op.drop_table("portal_codes")
    op.execute("DELETE FROM notifications WHERE event = 'sign_in_code'")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint("event_valid", type_="check")
        batch.create_check_constraint("event_valid", f"event IN ({EVENTS})")
    op.execute("DELETE FROM contacts WHERE kind = 'correction'")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_constraint("kind_valid", type_="check")
        batch.create_check_constraint("kind_valid", f"kind IN ({KINDS})")
