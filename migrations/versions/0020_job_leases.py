"""A job's running claim is a lease, and decision letters are rendered by a job and stored.

A worker killed mid-job leaves its lease to expire, and another takes the
period over. The decision letter's PDF is rendered off the web request, after
the decision commits, into `decisions.letter_pdf`; the download serves it.
Existing decisions start without one: the letters job renders them.

Revision ID: 0020_job_leases
Revises: 0019_receipts
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

revision = "0020_job_leases"
down_revision = '0019_receipts'
branch_labels = None
depends_on = None


def upgrade():
    # A run left "running" by a worker that died before leases existed has no lease: it is taken over at once.
    with op.batch_alter_table("job_runs") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("letter_pdf", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("letter_rendered_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("letter_rendered_at")
        batch.drop_column("letter_pdf")
    with op.batch_alter_table("job_runs") as batch:
        batch.drop_column("lease_until")
