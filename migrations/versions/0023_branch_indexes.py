"""Two figures of a branch read from an index alone: the applicants of its requests (a branch's
name search counts its matches by walking the branch's index entries instead of the table) and its
requests waiting for their answer date (the dashboard's count).

Revision ID: 0023_branch_indexes
Revises: 0022_stored_documents
Create Date: 2026-12-04

"""
from alembic import op

revision = "0023_branch_indexes"
down_revision = "0022_stored_documents"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_requests_branch_id_applicant_id", "requests", ["branch_id", "applicant_id"])
    op.create_index("ix_requests_branch_id_status_earliest_answer_on", "requests",
                    ["branch_id", "status", "earliest_answer_on"])


def downgrade():
    op.drop_index("ix_requests_branch_id_status_earliest_answer_on", table_name="requests")
    op.drop_index("ix_requests_branch_id_applicant_id", table_name="requests")
