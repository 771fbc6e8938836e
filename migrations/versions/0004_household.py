"""The applicant's file: household, income, housing, file status, needs scoring, re-study and home visits.

Revision ID: 0004_household
Revises: 0003_attachment_blobs
Create Date: 2026-11-23

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004_household'
down_revision = '0003_attachment_blobs'
branch_labels = None
depends_on = None


EVENTS = "'received', 'submitted', 'decided', 'service_ready', 'survey'"


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS}, 'restudy')")
    op.create_table('research_teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_research_teams')),
    sa.UniqueConstraint('name', name=op.f('uq_research_teams_name'))
    )
    op.create_table('need_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('min_score', sa.Integer(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=True),
    sa.Column('required_documents', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_types.id'], name=op.f('fk_need_categories_service_type_id_service_types'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_categories'))
    )
    with op.batch_alter_table('need_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_categories_service_type_id'), ['service_type_id'], unique=False)

    op.create_table('research_team_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['research_teams.id'], name=op.f('fk_research_team_members_team_id_research_teams'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_research_team_members_user_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_research_team_members')),
    sa.UniqueConstraint('team_id', 'user_id', name=op.f('uq_research_team_members_team_id_user_id'))
    )
    with op.batch_alter_table('research_team_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_research_team_members_user_id'), ['user_id'], unique=False)

    op.create_table('score_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=True),
    sa.Column('factor', sa.String(length=24), nullable=False),
    sa.Column('low', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('high', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('code', sa.String(length=24), nullable=True),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("factor IN ('income_per_person', 'household_size', 'disabled_members', 'housing', 'housing_condition')", name=op.f('ck_score_rules_factor_valid')),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_types.id'], name=op.f('fk_score_rules_service_type_id_service_types'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_rules'))
    )
    with op.batch_alter_table('score_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_rules_service_type_id'), ['service_type_id'], unique=False)

    op.create_table('home_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('researcher_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=True),
    sa.Column('attendees', sa.Text(), nullable=True),
    sa.Column('housing_findings', sa.Text(), nullable=True),
    sa.Column('income_findings', sa.Text(), nullable=True),
    sa.Column('health_findings', sa.Text(), nullable=True),
    sa.Column('needs_findings', sa.Text(), nullable=True),
    sa.Column('recommendation', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('scheduled', 'done', 'cancelled')", name=op.f('ck_home_visits_status_valid')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_home_visits_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['researcher_id'], ['users.id'], name=op.f('fk_home_visits_researcher_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['team_id'], ['research_teams.id'], name=op.f('fk_home_visits_team_id_research_teams'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_visits'))
    )
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_visits_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_home_visits_researcher_id'), ['researcher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_home_visits_status'), ['status'], unique=False)

    op.create_table('household_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=24), nullable=False),
    sa.Column('national_id', sa.String(length=10), nullable=True),
    sa.Column('full_name', sa.String(length=250), nullable=False),
    sa.Column('gender', sa.String(length=24), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('marital_status', sa.String(length=24), nullable=True),
    sa.Column('education', sa.String(length=24), nullable=True),
    sa.Column('health', sa.String(length=24), nullable=False),
    sa.Column('work_status', sa.String(length=24), nullable=True),
    sa.Column('monthly_income', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("education IN ('none', 'primary', 'intermediate', 'secondary', 'diploma', 'bachelor', 'postgraduate')", name=op.f('ck_household_members_education_valid')),
    sa.CheckConstraint("gender IN ('male', 'female')", name=op.f('ck_household_members_gender_valid')),
    sa.CheckConstraint("health IN ('healthy', 'chronic', 'disabled')", name=op.f('ck_household_members_health_valid')),
    sa.CheckConstraint("marital_status IN ('single', 'married', 'divorced', 'widowed')", name=op.f('ck_household_members_marital_status_valid')),
    sa.CheckConstraint("relation IN ('head', 'spouse', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'other')", name=op.f('ck_household_members_relation_valid')),
    sa.CheckConstraint("work_status IN ('employed', 'unemployed', 'student', 'retired', 'unable', 'child')", name=op.f('ck_household_members_work_status_valid')),
    sa.CheckConstraint('monthly_income >= 0', name=op.f('ck_household_members_income_not_negative')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_household_members_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_members'))
    )
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_members_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_members_national_id'), ['national_id'], unique=False)

    op.create_table('restudies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_restudies_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_restudies_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_restudies'))
    )
    with op.batch_alter_table('restudies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_restudies_applicant_id'), ['applicant_id'], unique=False)

    op.create_table('income_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('salary', 'social_security', 'pension', 'citizen_account', 'other_aid', 'other')", name=op.f('ck_income_sources_kind_valid')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_income_sources_amount_not_negative')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_income_sources_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_income_sources_attachment_id_attachments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_sources'))
    )
    with op.batch_alter_table('income_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_income_sources_applicant_id'), ['applicant_id'], unique=False)

    op.create_table('obligations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('rent', 'debt', 'other')", name=op.f('ck_obligations_kind_valid')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_obligations_amount_not_negative')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_obligations_applicant_id_applicants'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_obligations_attachment_id_attachments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obligations'))
    )
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_obligations_applicant_id'), ['applicant_id'], unique=False)

    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('housing', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('housing_rent', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('housing_condition', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('file_status', sa.String(length=24), nullable=False, server_default='active'))
        batch_op.add_column(sa.Column('file_status_reason', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('file_status_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('suspended_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('file_status_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('file_status_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('next_restudy_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('restudy_notice_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_applicants_file_status'), ['file_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_applicants_next_restudy_on'), ['next_restudy_on'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_applicants_file_status_by_id_users'), 'users', ['file_status_by_id'], ['id'], ondelete='RESTRICT')
        batch_op.create_check_constraint('housing_valid', "housing IN ('owned', 'rented', 'relatives', 'other')")
        batch_op.create_check_constraint('housing_condition_valid', "housing_condition IN ('good', 'fair', 'poor')")
        batch_op.create_check_constraint('file_status_valid', "file_status IN ('active', 'suspended', 'closed', 'blocked')")
        batch_op.create_check_constraint(
            'file_status_reason_valid',
            "file_status_reason IN ('false_data', 'other_association', 'missed_update', 'applicant_request', 'other')",
        )

    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_attachments_visit_id'), ['visit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attachments_visit_id_home_visits'), 'home_visits', ['visit_id'], ['id'], ondelete='RESTRICT')

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restudy_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('restudy_grace_days', sa.Integer(), nullable=False, server_default='30'))
        batch_op.add_column(sa.Column('restudy_notice_days', sa.Integer(), nullable=False, server_default='30'))
        batch_op.add_column(sa.Column('income_cap_per_person', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('scoring_enabled', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('repeat_window_days', sa.Integer(), nullable=False, server_default='90'))

    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_score', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('needs_category', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('score_breakdown', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('eligibility_warning', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('event_valid', type_='check')
        batch_op.create_check_constraint('event_valid', f"event IN ({EVENTS})")
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_column('eligibility_warning')
        batch_op.drop_column('score_breakdown')
        batch_op.drop_column('needs_category')
        batch_op.drop_column('needs_score')

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_column('repeat_window_days')
        batch_op.drop_column('scoring_enabled')
        batch_op.drop_column('income_cap_per_person')
        batch_op.drop_column('restudy_notice_days')
        batch_op.drop_column('restudy_grace_days')
        batch_op.drop_column('restudy_months')

    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attachments_visit_id_home_visits'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attachments_visit_id'))
        batch_op.drop_column('visit_id')

    with op.batch_alter_table('applicants', schema=None) as batch_op:
        for name in ('file_status_reason_valid', 'file_status_valid', 'housing_condition_valid', 'housing_valid'):
            batch_op.drop_constraint(name, type_='check')
        batch_op.drop_constraint(batch_op.f('fk_applicants_file_status_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_applicants_next_restudy_on'))
        batch_op.drop_index(batch_op.f('ix_applicants_file_status'))
        batch_op.drop_column('restudy_notice_on')
        batch_op.drop_column('next_restudy_on')
        batch_op.drop_column('file_status_by_id')
        batch_op.drop_column('file_status_at')
        batch_op.drop_column('suspended_until')
        batch_op.drop_column('file_status_note')
        batch_op.drop_column('file_status_reason')
        batch_op.drop_column('file_status')
        batch_op.drop_column('housing_condition')
        batch_op.drop_column('housing_rent')
        batch_op.drop_column('housing')

    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_obligations_applicant_id'))

    op.drop_table('obligations')
    with op.batch_alter_table('income_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_income_sources_applicant_id'))

    op.drop_table('income_sources')
    with op.batch_alter_table('restudies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_restudies_applicant_id'))

    op.drop_table('restudies')
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_members_national_id'))
        batch_op.drop_index(batch_op.f('ix_household_members_applicant_id'))

    op.drop_table('household_members')
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_visits_status'))
        batch_op.drop_index(batch_op.f('ix_home_visits_researcher_id'))
        batch_op.drop_index(batch_op.f('ix_home_visits_applicant_id'))

    op.drop_table('home_visits')
    with op.batch_alter_table('score_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_rules_service_type_id'))

    op.drop_table('score_rules')
    with op.batch_alter_table('research_team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_research_team_members_user_id'))

    op.drop_table('research_team_members')
    with op.batch_alter_table('need_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_categories_service_type_id'))

    op.drop_table('need_categories')
    op.drop_table('research_teams')
