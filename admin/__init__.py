"""The staff back office: every screen, in the order the menu shows them."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from models import (
    Applicant,
    AuditEntry,
    Branch,
    Channel,
    Contact,
    Decision,
    FileTransfer,
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
from models.catalogue import CatalogueItem
from models.committee import Committee, Meeting
from models.disbursement_batch import DisbursementBatch
from models.funding_source import FundingSource
from models.notification import Notification
from models.text_template import TextTemplate
from models.voucher import Voucher
from sila.aid.batches_screen import BatchView
from sila.aid.catalogue_screen import CatalogueItemView
from sila.aid.dashboard_screen import AidDashboardView
from sila.aid.funding_screen import FundingSourceView
from sila.aid.outlet_page import OutletView
from sila.aid.voucher_screen import VoucherReportView, VoucherView
from sila.applicants.restudy_screen import RestudyQueueView
from sila.applicants.scoring_screen import NeedCategoryView, ScoreRuleView
from sila.applicants.screen import ApplicantView
from sila.applicants.spreadsheet.screen import ImportView
from sila.applicants.visits_screen import HomeVisitView, ResearchTeamView
from sila.branches.screen import BranchView
from sila.branches.transfers_screen import FileTransferView
from sila.committee.decisions_screen import DecisionView
from sila.committee.meetings_screen import CommitteeView, MeetingView
from sila.contacts.screen import ContactView
from sila.core.audit.screen import AuditView
from sila.core.vocabulary import PEOPLE
from sila.dashboard.home_screen import HomeView
from sila.jobs.screen import JobsView
from sila.outbox.group_screen import GroupMessageView
from sila.outbox.screen import OutboxView
from sila.referrals.screen import ReferralView
from sila.requests.screen import CommitteeQueueView, RequestView
from sila.settings.guide_screen import GuideView
from sila.settings.organization_screen import OrganizationView
from sila.settings.screens import ChannelView, ReferenceDocumentView, ReferralReasonView, ServiceTypeView
from sila.settings.texts_screen import TextTemplateView
from sila.settings.users_screen import UserView
from sila.surveys.results_screen import SurveyResultsView
from sila.web.headers import csp_nonce

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
    admin.add_view(FileTransferView(FileTransfer, name=_l("File transfers"), endpoint="transfers"))
    admin.add_view(ContactView(Contact, name=_l("Contacts"), endpoint="contacts"))
    admin.add_view(OutboxView(Notification, name=_l("Messages to applicants"), endpoint="outbox"))
    admin.add_view(GroupMessageView(name=_l("Message to a group"), endpoint="group_messages"))
    admin.add_view(ReferralView(Referral, name=_l("Referrals"), endpoint="referrals"))
    admin.add_view(SurveyResultsView(name=_l("Satisfaction results"), endpoint="survey_results"))
    admin.add_view(
        CommitteeQueueView(ServiceRequest, name=_l("Awaiting decision"), endpoint="committee_queue", category=committee)
    )
    admin.add_view(DecisionView(Decision, name=_l("Decisions"), endpoint="decisions", category=committee))
    admin.add_view(MeetingView(Meeting, name=_l("Meetings"), endpoint="meetings", category=committee))
    aid = _l("Aid")
    admin.add_view(FundingSourceView(FundingSource, name=_l("Funding sources"), endpoint="funding_sources", category=aid))
    admin.add_view(BatchView(DisbursementBatch, name=_l("Disbursement batches"), endpoint="batches", category=aid))
    admin.add_view(AidDashboardView(name=_l("Aid dashboard"), endpoint="aid_dashboard", category=aid))
    admin.add_view(CatalogueItemView(CatalogueItem, name=_l("In-kind catalogue"), endpoint="catalogue", category=aid))
    admin.add_view(VoucherView(Voucher, name=_l("Vouchers"), endpoint="vouchers", category=aid))
    admin.add_view(VoucherReportView(name=_l("Voucher redemptions"), endpoint="voucher_report", category=aid))
    admin.add_view(OutletView(name=_l("Redeem a voucher"), endpoint="outlet"))
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
    admin.add_view(BranchView(Branch, name=_l("Branches"), endpoint="branches", category=settings))
    admin.add_view(UserView(User, name=_l("Users"), endpoint="users", category=settings))
    admin.add_view(AuditView(AuditEntry, name=_l("Audit log"), endpoint="audit", category=settings))
    admin.add_view(JobsView(name=_l("Background jobs"), endpoint="jobs", category=settings))
    admin.add_view(GuideView(name=_l("Administrator's guide"), endpoint="guide", category=_l("Help")))
    return admin
