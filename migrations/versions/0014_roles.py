"""Two new roles: the branch representative (مندوب) and the partner outlet that redeems vouchers.

Revision ID: 0014_roles
Revises: 0013_aid
Create Date: 2026-12-03

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_roles'
down_revision = '0013_aid'
branch_labels = None
depends_on = None

ROLES = "'admin', 'staff', 'researcher', 'committee', 'manager', 'treasurer'"


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('role_valid', type_='check')
        batch_op.create_check_constraint('role_valid', f"role IN ({ROLES}, 'representative', 'outlet')")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('role_valid', type_='check')
        batch_op.create_check_constraint('role_valid', f"role IN ({ROLES})")
