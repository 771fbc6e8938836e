"""A job's running claim is a lease: a worker killed mid-job leaves it to expire, and another takes the period over.

Revision ID: 0020_job_leases
Revises: 0014_roles
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

revision = "0020_job_leases"
down_revision = "0014_roles"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("job_runs") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    # A run left "running" by a worker that died before leases existed has no lease: it is taken over at once.


def downgrade():
    with op.batch_alter_table("job_runs") as batch:
        batch.drop_column("lease_until")
