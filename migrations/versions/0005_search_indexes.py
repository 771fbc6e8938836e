"""Indexes that keep lists and search flat at a million requests.

The applicant name index becomes a trigram GIN on PostgreSQL (a word anywhere in
the normalized name, and equality for duplicate checks); on SQLite it stays the
btree that prefix search reads as a range. Requests get an index per default sort
and one for the status + channel filter.

Revision ID: 0005_search_indexes
Revises: 0004_household
Create Date: 2026-11-30

"""
from alembic import op

revision = "0005_search_indexes"
down_revision = "0004_household"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.drop_index("ix_applicants_name_search", table_name="applicants")
        op.create_index(
            "ix_applicants_name_search", "applicants", ["name_search"],
            postgresql_using="gin", postgresql_ops={"name_search": "gin_trgm_ops"},
        )
    op.create_index("ix_applicants_created_at", "applicants", ["created_at"])
    op.create_index("ix_requests_created_at", "requests", ["created_at"])
    op.create_index("ix_requests_status_channel_created_at", "requests", ["status", "channel_id", "created_at"])
    op.create_index("ix_requests_status_submitted_at", "requests", ["status", "submitted_at"])


def downgrade():
    op.drop_index("ix_requests_status_submitted_at", table_name="requests")
    op.drop_index("ix_requests_status_channel_created_at", table_name="requests")
    op.drop_index("ix_requests_created_at", table_name="requests")
    op.drop_index("ix_applicants_created_at", table_name="applicants")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_applicants_name_search", table_name="applicants")
        op.create_index("ix_applicants_name_search", "applicants", ["name_search"])
