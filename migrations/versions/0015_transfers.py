"""File transfers between branches: asked by the sending branch, accepted or declined by the receiving one.

Revision ID: 0015_transfers
Revises: 0014_roles
Create Date: 2026-12-03

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_transfers'
down_revision = '0014_roles'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('file_transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('from_branch_id', sa.Integer(), nullable=False),
    sa.Column('to_branch_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_note', sa.Text(), nullable=True),
    sa.CheckConstraint("outcome IN ('pending', 'accepted', 'declined')", name=op.f('ck_file_transfers_outcome_valid')),
    sa.CheckConstraint('from_branch_id <> to_branch_id', name=op.f('ck_file_transfers_branches_differ')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_file_transfers_answered_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_file_transfers_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['from_branch_id'], ['branches.id'], name=op.f('fk_file_transfers_from_branch_id_branches'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_file_transfers_requested_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['to_branch_id'], ['branches.id'], name=op.f('fk_file_transfers_to_branch_id_branches'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_file_transfers'))
    )
    with op.batch_alter_table('file_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_file_transfers_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_file_transfers_from_branch_id_outcome', ['from_branch_id', 'outcome'], unique=False)
        batch_op.create_index('ix_file_transfers_to_branch_id_outcome', ['to_branch_id', 'outcome'], unique=False)
        batch_op.create_index('uq_file_transfers_pending_applicant_id', ['applicant_id'], unique=True,
                              sqlite_where=sa.text("outcome = 'pending'"), postgresql_where=sa.text("outcome = 'pending'"))


def downgrade():
    with op.batch_alter_table('file_transfers', schema=None) as batch_op:
        batch_op.drop_index('uq_file_transfers_pending_applicant_id', sqlite_where=sa.text("outcome = 'pending'"),
                            postgresql_where=sa.text("outcome = 'pending'"))
        batch_op.drop_index('ix_file_transfers_to_branch_id_outcome')
        batch_op.drop_index('ix_file_transfers_from_branch_id_outcome')
        batch_op.drop_index(batch_op.f('ix_file_transfers_applicant_id'))

    op.drop_table('file_transfers')
