"""Background jobs: the last run of each job, what the daily jobs may do unattended, and (PostgreSQL)
procrastinate's queue in a schema of its own.

procrastinate's tables live in the `procrastinate` schema so the application's
schema stays exactly the models; its worker connects with that schema on its
search path (sila/jobs/worker.py). A later procrastinate release that ships
migrations (procrastinate/sql/migrations) needs a new revision applying them
the same way.

Revision ID: 0010_jobs
Revises: 0009_outbox_lease
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op
from procrastinate.schema import SchemaManager

revision = "0010_jobs"
down_revision = "0009_outbox_lease"
branch_labels = None
depends_on = None

QUEUE_SCHEMA = "procrastinate"


def upgrade():
    op.create_table(
        "job_runs",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("period_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("succeeded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_result", sa.String(length=300), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=True),
        sa.CheckConstraint("state IN ('running', 'succeeded', 'failed')", name="ck_job_runs_state_valid"),
        sa.PrimaryKeyConstraint("name", name="pk_job_runs"),
    )
    with op.batch_alter_table("organization") as batch:
        batch.add_column(sa.Column("auto_close_overdue", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("auto_retention", sa.Boolean(), nullable=False, server_default=sa.false()))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        previous = bind.exec_driver_sql("SELECT current_setting('search_path')").scalar_one()
        bind.exec_driver_sql(f"CREATE SCHEMA {QUEUE_SCHEMA}")
        bind.exec_driver_sql(f"SET LOCAL search_path TO {QUEUE_SCHEMA}")
        # Straight to the driver: the schema's SQL is full of colons and percent signs that are not parameters.
        bind.connection.driver_connection.execute(SchemaManager.get_schema())
        bind.exec_driver_sql("SELECT set_config('search_path', %s, true)", (previous,))


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP SCHEMA {QUEUE_SCHEMA} CASCADE")
    with op.batch_alter_table("organization") as batch:
        batch.drop_column("auto_retention")
        batch.drop_column("auto_close_overdue")
    op.drop_table("job_runs")
