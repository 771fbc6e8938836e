"""In-kind aid from a catalogue and as vouchers: catalogue items, the items a grant names, vouchers redeemed
at partner outlets, and the voucher's message.

Revision ID: 0018_vouchers
Revises: 0017_portal_requests
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018_vouchers'
down_revision = '0017_portal_requests'
branch_labels = None
depends_on = None

EVENTS = (
    "'received', 'submitted', 'decided', 'service_ready', 'survey', 'restudy', 'sign_in_code', "
    "'apply_code', 'missing_items', 'group_message'"
)


def upgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint("event_valid", type_="check")
        batch.create_check_constraint("event_valid", f"event IN ({EVENTS}, 'voucher')")
    op.create_table('catalogue_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('unit_value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('unit_value > 0', name=op.f('ck_catalogue_items_positive_value')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_items')),
    sa.UniqueConstraint('name', name=op.f('uq_catalogue_items_name'))
    )
    op.create_table('vouchers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('items', sa.Text(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('funding_source_id', sa.Integer(), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.Column('redeemed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outlet_id', sa.Integer(), nullable=True),
    sa.Column('presented', sa.String(length=24), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('issued', 'redeemed', 'cancelled')", name=op.f('ck_vouchers_status_valid')),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['users.id'], name=op.f('fk_vouchers_cancelled_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['funding_source_id'], ['funding_sources.id'], name=op.f('fk_vouchers_funding_source_id_funding_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_vouchers_issued_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['outlet_id'], ['users.id'], name=op.f('fk_vouchers_outlet_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_vouchers_request_id_requests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vouchers')),
    sa.UniqueConstraint('code', name=op.f('uq_vouchers_code'))
    )
    with op.batch_alter_table('vouchers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vouchers_funding_source_id'), ['funding_source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vouchers_outlet_id'), ['outlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vouchers_request_id'), ['request_id'], unique=False)
        batch_op.create_index('ix_vouchers_status_redeemed_at', ['status', 'redeemed_at'], unique=False)

    op.create_table('grant_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('delivered', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0 AND delivered >= 0 AND delivered <= quantity', name=op.f('ck_grant_items_within_quantity')),
    sa.ForeignKeyConstraint(['grant_id'], ['aid_grants.id'], name=op.f('fk_grant_items_grant_id_aid_grants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['catalogue_items.id'], name=op.f('fk_grant_items_item_id_catalogue_items'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_items')),
    sa.UniqueConstraint('grant_id', 'item_id', name=op.f('uq_grant_items_grant_id_item_id'))
    )
    with op.batch_alter_table('grant_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_items_item_id'), ['item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('grant_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_items_item_id'))

    op.drop_table('grant_items')
    with op.batch_alter_table('vouchers', schema=None) as batch_op:
        batch_op.drop_index('ix_vouchers_status_redeemed_at')
        batch_op.drop_index(batch_op.f('ix_vouchers_request_id'))
        batch_op.drop_index(batch_op.f('ix_vouchers_outlet_id'))
        batch_op.drop_index(batch_op.f('ix_vouchers_funding_source_id'))

    op.drop_table('vouchers')
    op.drop_table('catalogue_items')
    op.execute("DELETE FROM notifications WHERE event = 'voucher'")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_constraint("event_valid", type_="check")
        batch.create_check_constraint("event_valid", f"event IN ({EVENTS})")
