"""A voucher past its last day unredeemed becomes "expired" (the nightly job gives its value back).

Revision ID: 0021_voucher_expiry
Revises: 0020_job_leases
Create Date: 2026-12-04

"""
from alembic import op


revision = "0021_voucher_expiry"
down_revision = "0020_job_leases"
branch_labels = None
depends_on = None

STATUSES = "'issued', 'redeemed', 'cancelled'"


def upgrade():
    with op.batch_alter_table("vouchers") as batch:
        batch.drop_constraint("status_valid", type_="check")
        batch.create_check_constraint("status_valid", f"status IN ({STATUSES}, 'expired')")


def downgrade():
    # Their value was given back as a cancelled voucher's is: they go back as cancelled, saying why.
    op.execute("UPDATE vouchers SET status = 'cancelled', cancel_reason = 'expired' WHERE status = 'expired'")
    with op.batch_alter_table("vouchers") as batch:
        batch.drop_constraint("status_valid", type_="check")
        batch.create_check_constraint("status_valid", f"status IN ({STATUSES})")
