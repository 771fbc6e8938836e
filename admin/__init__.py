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
from admin.home import HomeView
from admin.organization import OrganizationView
from admin.referrals import ReferralView
from admin.requests import CommitteeQueueView, RequestView
from admin.settings import ChannelView, ReferenceDocumentView, ReferralReasonView, ServiceTypeView
from admin.users import UserView
from domain.vocabulary import PEOPLE
from models import (
    Applicant,
    AuditEntry,
    Channel,
    Contact,
    Decision,
    Organization,
    ReferenceDocument,
    Referral,
    ReferralReason,
    ServiceRequest,
    ServiceType,
    User,
)
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
    admin.add_view(ContactView(Contact, name=_l("Contacts"), endpoint="contacts"))
    admin.add_view(ReferralView(Referral, name=_l("Referrals"), endpoint="referrals"))
    admin.add_view(
        CommitteeQueueView(ServiceRequest, name=_l("Awaiting decision"), endpoint="committee_queue", category=committee)
    )
    admin.add_view(DecisionView(Decision, name=_l("Decisions"), endpoint="decisions", category=committee))
    admin.add_view(ReferenceDocumentView(ReferenceDocument, name=_l("Reference documents"), endpoint="documents"))
    admin.add_view(OrganizationView(Organization, name=_l("Organization profile"), endpoint="organization", category=settings))
    admin.add_view(ChannelView(Channel, name=_l("Channels"), endpoint="channels", category=settings))
    admin.add_view(ServiceTypeView(ServiceType, name=_l("Service types"), endpoint="service_types", category=settings))
    admin.add_view(
        ReferralReasonView(ReferralReason, name=_l("Referral reasons"), endpoint="referral_reasons", category=settings)
    )
    admin.add_view(UserView(User, name=_l("Users"), endpoint="users", category=settings))
    admin.add_view(AuditView(AuditEntry, name=_l("Audit log"), endpoint="audit", category=settings))
    return admin
