"""Receipts of aid handed over (relation, witness, scanned receipt), the SMS receipt of a paid batch, batches of
one branch, and the index the aid dashboard's months read.

Revision ID: 0019_receipts
Revises: 0018_vouchers
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019_receipts'
down_revision = '0018_vouchers'
branch_labels = None
depends_on = None

EVENTS = (
    "'received', 'submitted', 'decided', 'service_ready', 'survey', 'restudy', 'sign_in_code', "
    "'apply_code', 'missing_items', 'group_message', 'voucher'"
)


def upgrade():
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receiver_relation', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('witness_name', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('receipt_attachment_id', sa.Integer(), nullable=True))
        batch_op.create_check_constraint('receiver_relation_valid', "receiver_relation IN ('self', 'household_member')")
        batch_op.create_foreign_key(batch_op.f('fk_aid_deliveries_receipt_attachment_id_attachments'), 'attachments',
                                    ['receipt_attachment_id'], ['id'], ondelete='RESTRICT')
        batch_op.create_index(batch_op.f('ix_aid_deliveries_delivered_at'), ['delivered_at'], unique=False)
    with op.batch_alter_table('disbursement_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('branch_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_disbursement_batches_branch_id_branches'), 'branches',
                                    ['branch_id'], ['id'], ondelete='RESTRICT')
        batch_op.create_index(batch_op.f('ix_disbursement_batches_branch_id'), ['branch_id'], unique=False)
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS}, 'aid_paid')")


def downgrade():
    op.execute("DELETE FROM notifications WHERE event = 'aid_paid'")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS})")
    with op.batch_alter_table('disbursement_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disbursement_batches_branch_id'))
        batch_op.drop_constraint(batch_op.f('fk_disbursement_batches_branch_id_branches'), type_='foreignkey')
        batch_op.drop_column('branch_id')
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_delivered_at'))
        batch_op.drop_constraint(batch_op.f('fk_aid_deliveries_receipt_attachment_id_attachments'), type_='foreignkey')
        batch_op.drop_constraint('receiver_relation_valid', type_='check')
        batch_op.drop_column('receipt_attachment_id')
        batch_op.drop_column('witness_name')
        batch_op.drop_column('receiver_relation')
