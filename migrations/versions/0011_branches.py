"""Branch offices: every file, request and contact belongs to one; staff are assigned to branches.

Existing files, requests and contacts go to a main office created here. Staff
and researchers are assigned to it, so they keep seeing what they saw;
managers and committee members become association-wide, as they were.

Revision ID: 0011_branches
Revises: 0010_jobs
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

from migrations.tally_triggers_0008 import trigger_statements

revision = "0011_branches"
down_revision = "0010_jobs"
branch_labels = None
depends_on = None

MAIN_OFFICE = "المكتب الرئيسي"
BRANCHED = ("applicants", "requests", "contacts")
MAIN_ID = "(SELECT id FROM branches WHERE is_main)"


def _restore_tally_triggers():
    """SQLite rebuilds a table to alter it, and its triggers go with the old one."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in trigger_statements("sqlite"):
            op.execute(statement)


def upgrade():
    op.create_table(
        "branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("served_areas", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_main", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("name", name=op.f("uq_branches_name")),
    )
    op.create_index("uq_branches_is_main", "branches", ["is_main"], unique=True,
                    sqlite_where=sa.text("is_main"), postgresql_where=sa.text("is_main"))
    op.create_table(
        "user_branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_user_branches_branch_id_branches"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_branches_user_id_users"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_branches")),
        sa.UniqueConstraint("user_id", "branch_id", name=op.f("uq_user_branches_user_id_branch_id")),
    )
    op.create_index(op.f("ix_user_branches_user_id"), "user_branches", ["user_id"])
    op.create_index(op.f("ix_user_branches_branch_id"), "user_branches", ["branch_id"])

    branches = sa.table("branches", sa.column("id", sa.Integer), sa.column("name", sa.String),
                        sa.column("is_active", sa.Boolean), sa.column("is_main", sa.Boolean),
                        sa.column("created_at", sa.DateTime(timezone=True)))
    op.execute(branches.insert().values(name=MAIN_OFFICE, is_active=True, is_main=True,
                                        created_at=sa.func.current_timestamp()))

    for table in BRANCHED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("branch_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET branch_id = {MAIN_ID}")  # nosec B608
        with op.batch_alter_table(table) as batch:
            batch.alter_column("branch_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(op.f(f"fk_{table}_branch_id_branches"), "branches", ["branch_id"], ["id"],
                                     ondelete="RESTRICT")
    with op.batch_alter_table("applicants") as batch:
        batch.create_index("ix_applicants_branch_id_created_at", ["branch_id", "created_at"])
    with op.batch_alter_table("requests") as batch:
        batch.create_index("ix_requests_branch_id_created_at", ["branch_id", "created_at"])
        batch.create_index("ix_requests_branch_id_status_created_at", ["branch_id", "status", "created_at"])
        batch.create_index("ix_requests_branch_id_status_submitted_at", ["branch_id", "status", "submitted_at"])
    with op.batch_alter_table("contacts") as batch:
        batch.create_index(op.f("ix_contacts_branch_id"), ["branch_id"])

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("all_branches", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("all_branches", existing_type=sa.Boolean(), server_default=None)
    op.execute("UPDATE users SET all_branches = (role IN ('manager', 'committee'))")
    op.execute(
        "INSERT INTO user_branches (user_id, branch_id) SELECT id, (SELECT id FROM branches WHERE is_main) FROM users"
        " WHERE role IN ('staff', 'researcher')"
    )
    _restore_tally_triggers()


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("all_branches")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_index(op.f("ix_contacts_branch_id"))
    with op.batch_alter_table("requests") as batch:
        batch.drop_index("ix_requests_branch_id_status_submitted_at")
        batch.drop_index("ix_requests_branch_id_status_created_at")
        batch.drop_index("ix_requests_branch_id_created_at")
    with op.batch_alter_table("applicants") as batch:
        batch.drop_index("ix_applicants_branch_id_created_at")
    for table in BRANCHED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"fk_{table}_branch_id_branches"), type_="foreignkey")
            batch.drop_column("branch_id")
    op.drop_index(op.f("ix_user_branches_branch_id"), table_name="user_branches")
    op.drop_index(op.f("ix_user_branches_user_id"), table_name="user_branches")
    op.drop_table("user_branches")
    op.drop_index("uq_branches_is_main", table_name="branches")
    op.drop_table("branches")
    _restore_tally_triggers()
