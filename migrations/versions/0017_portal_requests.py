"""The rest of the applicant's door: applications held until their mobile is confirmed, missing documents
asked for and supplied online, messages to a group and the applicant's opt-out of them.

Revision ID: 0017_portal_requests
Revises: 0016_service_area
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_portal_requests'
down_revision = '0016_service_area'
branch_labels = None
depends_on = None

EVENTS = "'received', 'submitted', 'decided', 'service_ready', 'survey', 'restudy', 'sign_in_code'"
NEW_EVENTS = "'apply_code', 'missing_items', 'group_message'"


def upgrade():
    op.create_table('group_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_kind', sa.String(length=24), nullable=False),
    sa.Column('group_value', sa.String(length=100), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('declined', sa.Integer(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("group_kind IN ('service_type', 'category', 'branch', 'restudy_due')", name=op.f('ck_group_messages_group_kind_valid')),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_group_messages_sent_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_messages'))
    )
    op.create_table('held_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('typed', sa.Text(), nullable=False),
    sa.Column('files', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['code_id'], ['portal_codes.id'], name=op.f('fk_held_applications_code_id_portal_codes'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_held_applications')),
    sa.UniqueConstraint('code_id', name=op.f('uq_held_applications_code_id'))
    )
    op.create_table('missing_items_asks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_missing_items_asks_asked_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_missing_items_asks_request_id_requests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_missing_items_asks'))
    )
    with op.batch_alter_table('missing_items_asks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_missing_items_asks_request_id'), ['request_id'], unique=False)

    op.create_table('asked_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ask_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('required_item_id', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('supplied_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['ask_id'], ['missing_items_asks.id'], name=op.f('fk_asked_items_ask_id_missing_items_asks'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_asked_items_attachment_id_attachments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_asked_items_request_id_requests'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['required_item_id'], ['required_items.id'], name=op.f('fk_asked_items_required_item_id_required_items'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asked_items')),
    sa.UniqueConstraint('ask_id', 'required_item_id', name=op.f('uq_asked_items_ask_id_required_item_id'))
    )
    with op.batch_alter_table('asked_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asked_items_ask_id'), ['ask_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_asked_items_request_id'), ['request_id'], unique=False)

    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('declines_group_messages', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS}, {NEW_EVENTS})")



def downgrade():
    op.execute("DELETE FROM notifications WHERE event IN ('apply_code', 'missing_items', 'group_message')")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS})")
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_column('declines_group_messages')

    with op.batch_alter_table('asked_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asked_items_request_id'))
        batch_op.drop_index(batch_op.f('ix_asked_items_ask_id'))

    op.drop_table('asked_items')
    with op.batch_alter_table('missing_items_asks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_missing_items_asks_request_id'))

    op.drop_table('missing_items_asks')
    op.drop_table('held_applications')
    op.drop_table('group_messages')
