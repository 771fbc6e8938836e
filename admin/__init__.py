"""The staff back office: every screen, in the order the menu shows them."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from admin.applicants import ApplicantView
from admin.audit import AuditView
from admin.contacts import ContactView
from admin.decisions import DecisionView
from admin.file_rules import NeedCategoryView, ScoreRuleView
from admin.guide import GuideView
from admin.home import HomeView
from admin.imports import ImportView
from admin.meetings import CommitteeView, MeetingView
from admin.organization import OrganizationView
from admin.outbox import OutboxView
from admin.referrals import ReferralView
from admin.requests import CommitteeQueueView, RequestView
from admin.restudy import RestudyQueueView
from admin.settings import ChannelView, ReferenceDocumentView, ReferralReasonView, ServiceTypeView
from admin.survey_results import SurveyResultsView
from admin.text_templates import TextTemplateView
from admin.users import UserView
from admin.visits import HomeVisitView, ResearchTeamView
from domain.vocabulary import PEOPLE
from models import (
    Applicant,
    AuditEntry,
    Channel,
    Contact,
    Decision,
    HomeVisit,
    NeedCategory,
    Organization,
    ReferenceDocument,
    Referral,
    ReferralReason,
    ResearchTeam,
    ScoreRule,
    ServiceRequest,
    ServiceType,
    User,
)
from models.committee import Committee, Meeting
from models.notification import Notification
from models.text_template import TextTemplate
from web.headers import csp_nonce

# Our catalog of the "admin" domain fills the few strings Flask-Admin's Arabic leaves out.
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def init_admin(app: Flask) -> Admin:
    admin = Admin(
        app,
        name="Sila",
        theme=Bootstrap4Theme(base_template="admin/sila_base.html", swatch="default", fluid=True),
        index_view=HomeView(name=_l("Home"), url="/admin"),
        translations_path=str(TRANSLATIONS),
        csp_nonce_generator=csp_nonce,
    )
    settings = _l("Settings")
    committee = _l("Committee")
    admin.add_view(ApplicantView(Applicant, name=PEOPLE, endpoint="applicants"))
    admin.add_view(RequestView(ServiceRequest, name=_l("Requests"), endpoint="requests"))
    admin.add_view(HomeVisitView(HomeVisit, name=_l("Home visits"), endpoint="visits"))
    admin.add_view(RestudyQueueView(Applicant, name=_l("Re-study queue"), endpoint="restudy_queue"))
    admin.add_view(ContactView(Contact, name=_l("Contacts"), endpoint="contacts"))
    admin.add_view(OutboxView(Notification, name=_l("Messages to applicants"), endpoint="outbox"))
    admin.add_view(ReferralView(Referral, name=_l("Referrals"), endpoint="referrals"))
    admin.add_view(SurveyResultsView(name=_l("Satisfaction results"), endpoint="survey_results"))
    admin.add_view(
        CommitteeQueueView(ServiceRequest, name=_l("Awaiting decision"), endpoint="committee_queue", category=committee)
    )
    admin.add_view(DecisionView(Decision, name=_l("Decisions"), endpoint="decisions", category=committee))
    admin.add_view(MeetingView(Meeting, name=_l("Meetings"), endpoint="meetings", category=committee))
    admin.add_view(ReferenceDocumentView(ReferenceDocument, name=_l("Reference documents"), endpoint="documents"))
    admin.add_view(OrganizationView(Organization, name=_l("Organization profile"), endpoint="organization", category=settings))
    admin.add_view(ChannelView(Channel, name=_l("Channels"), endpoint="channels", category=settings))
    admin.add_view(ServiceTypeView(ServiceType, name=_l("Service types"), endpoint="service_types", category=settings))
    admin.add_view(
        ReferralReasonView(ReferralReason, name=_l("Referral reasons"), endpoint="referral_reasons", category=settings)
    )
    admin.add_view(CommitteeView(Committee, name=_l("Committees"), endpoint="committees", category=settings))
    admin.add_view(
        TextTemplateView(TextTemplate, name=_l("Letters and messages"), endpoint="text_templates", category=settings)
    )
    admin.add_view(ResearchTeamView(ResearchTeam, name=_l("Research teams"), endpoint="research_teams", category=settings))
    admin.add_view(ScoreRuleView(ScoreRule, name=_l("Needs-scoring rules"), endpoint="score_rules", category=settings))
    admin.add_view(NeedCategoryView(NeedCategory, name=_l("Needs categories"), endpoint="need_categories", category=settings))
    admin.add_view(ImportView(name=_l("Import from a spreadsheet"), endpoint="imports", category=settings))
    admin.add_view(UserView(User, name=_l("Users"), endpoint="users", category=settings))
    admin.add_view(AuditView(AuditEntry, name=_l("Audit log"), endpoint="audit", category=settings))
    admin.add_view(GuideView(name=_l("Administrator's guide"), endpoint="guide", category=_l("Help")))
    return admin
