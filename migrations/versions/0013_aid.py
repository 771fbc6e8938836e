"""Aid delivery: each service's aid kind, funding sources with budgets, what was granted, instalments, deliveries,
disbursement batches, the applicant's IBAN and the treasurer role.

Revision ID: 0013_aid
Revises: 0012_portal_sign_in
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013_aid'
down_revision = '0012_portal_sign_in'
branch_labels = None
depends_on = None

ROLES = "'admin', 'staff', 'researcher', 'committee', 'manager'"


def upgrade():
    op.create_table('funding_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('budget', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('spent', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('donor', 'programme', 'platform_cause', 'zakat', 'sadaqa', 'other')", name=op.f('ck_funding_sources_kind_valid')),
    sa.CheckConstraint('spent >= 0 AND spent <= budget', name=op.f('ck_funding_sources_within_budget')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_funding_sources_name'))
    )
    op.create_table('aid_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('instalments', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('funding_source_id', sa.Integer(), nullable=True),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('cash', 'in_kind', 'service')", name=op.f('ck_aid_grants_kind_valid')),
    sa.ForeignKeyConstraint(['funding_source_id'], ['funding_sources.id'], name=op.f('fk_aid_grants_funding_source_id_funding_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_aid_grants_granted_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_aid_grants_request_id_requests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_grants')),
    sa.UniqueConstraint('request_id', name=op.f('uq_aid_grants_request_id'))
    )
    with op.batch_alter_table('aid_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_grants_funding_source_id'), ['funding_source_id'], unique=False)

    op.create_table('instalments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('stopped_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('due', 'delivered', 'stopped')", name=op.f('ck_instalments_status_valid')),
    sa.ForeignKeyConstraint(['grant_id'], ['aid_grants.id'], name=op.f('fk_instalments_grant_id_aid_grants'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instalments')),
    sa.UniqueConstraint('grant_id', 'number', name=op.f('uq_instalments_grant_id_number'))
    )
    with op.batch_alter_table('instalments', schema=None) as batch_op:
        batch_op.create_index('ix_instalments_status_due_on', ['status', 'due_on'], unique=False)

    op.create_table('aid_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('instalment_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('funding_source_id', sa.Integer(), nullable=True),
    sa.Column('received_by_name', sa.String(length=250), nullable=True),
    sa.Column('witness_id', sa.Integer(), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['delivered_by_id'], ['users.id'], name=op.f('fk_aid_deliveries_delivered_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['funding_source_id'], ['funding_sources.id'], name=op.f('fk_aid_deliveries_funding_source_id_funding_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['instalment_id'], ['instalments.id'], name=op.f('fk_aid_deliveries_instalment_id_instalments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_aid_deliveries_request_id_requests'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['witness_id'], ['users.id'], name=op.f('fk_aid_deliveries_witness_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_deliveries')),
    sa.UniqueConstraint('instalment_id', name=op.f('uq_aid_deliveries_instalment_id'))
    )
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_deliveries_funding_source_id'), ['funding_source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_deliveries_request_id'), ['request_id'], unique=False)

    with op.batch_alter_table('need_categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zakat_eligible', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('service_types', schema=None) as batch_op:
        batch_op.add_column(sa.Column('aid_kind', sa.String(length=24), server_default='service', nullable=False))
        batch_op.create_check_constraint('aid_kind_valid', "aid_kind IN ('cash', 'in_kind', 'service')")

    op.create_table('disbursement_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_by', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('prepared_by_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('prepared', 'approved', 'paid', 'discarded')", name=op.f('ck_disbursement_batches_status_valid')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_disbursement_batches_approved_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paid_by_id'], ['users.id'], name=op.f('fk_disbursement_batches_paid_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['users.id'], name=op.f('fk_disbursement_batches_prepared_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disbursement_batches'))
    )
    op.create_table('batch_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('instalment_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('funding_source_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['disbursement_batches.id'], name=op.f('fk_batch_lines_batch_id_disbursement_batches'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['funding_source_id'], ['funding_sources.id'], name=op.f('fk_batch_lines_funding_source_id_funding_sources'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['instalment_id'], ['instalments.id'], name=op.f('fk_batch_lines_instalment_id_instalments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_batch_lines_request_id_requests'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_lines')),
    sa.UniqueConstraint('instalment_id', name=op.f('uq_batch_lines_instalment_id'))
    )
    with op.batch_alter_table('batch_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_lines_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_lines_request_id'), ['request_id'], unique=False)

    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('iban', sa.String(length=34), nullable=True))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('role_valid', type_='check')
        batch_op.create_check_constraint('role_valid', f"role IN ({ROLES}, 'treasurer')")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('role_valid', type_='check')
        batch_op.create_check_constraint('role_valid', f"role IN ({ROLES})")

    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_column('iban')

    with op.batch_alter_table('batch_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_lines_request_id'))
        batch_op.drop_index(batch_op.f('ix_batch_lines_batch_id'))

    op.drop_table('batch_lines')
    op.drop_table('disbursement_batches')
    with op.batch_alter_table('service_types', schema=None) as batch_op:
        batch_op.drop_constraint('aid_kind_valid', type_='check')
        batch_op.drop_column('aid_kind')

    with op.batch_alter_table('need_categories', schema=None) as batch_op:
        batch_op.drop_column('zakat_eligible')

    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_request_id'))
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_funding_source_id'))

    op.drop_table('aid_deliveries')
    with op.batch_alter_table('instalments', schema=None) as batch_op:
        batch_op.drop_index('ix_instalments_status_due_on')

    op.drop_table('instalments')
    with op.batch_alter_table('aid_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_grants_funding_source_id'))

    op.drop_table('aid_grants')
    op.drop_table('funding_sources')
