"""How each record type's fields read in the audit log: labels and coded values, per entity.

Keyed by entity because the same column name means different things on
different records (a channel's name, a committee's name). Applicants' and
requests' fields are in sila/core/audit/labels.py; these are the configuration records,
the household rows and the steps of committees, contacts and referrals.
"""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from models.branch import Branch
from models.catalogue import CatalogueItem
from models.enums import (
    AidKind,
    DecisionOutcome,
    DecisionRule,
    DocumentKind,
    Education,
    FollowUpStatus,
    FundingKind,
    Gender,
    Health,
    Housing,
    HousingCondition,
    IncomeKind,
    MaritalStatus,
    MeetingStatus,
    NotificationEvent,
    ObligationKind,
    Relation,
    RequiredItemKind,
    ResearchKind,
    Role,
    ScoreFactor,
    TemplateKind,
    Vocabulary,
    VoteChoice,
    WorkStatus,
)
from models.funding_source import FundingSource
from models.organization import Organization
from models.personal_data import labels

ACTIVE = _l("Active")
NAME = _l("Name")
ORDER = _l("Order")
SERVICE_TYPE = _l("Service type")
APPLICANT = _l("Applicant")
AMOUNT = _l("Monthly amount (riyals)")

ENTITY_FIELDS = {
    "user": {
        "username": _l("Username"), "full_name": _l("Full name"), "email": _l("E-mail"), "role": _l("Role"),
        "is_active": ACTIVE, "password_hash": _l("Password"), "all_branches": _l("Whole association"),
    },
    "branch": labels(Branch.__table__),
    "user_branch": {"user_id": _l("User"), "branch_id": _l("Branch")},
    "organization": labels(Organization.__table__),
    "committee": {
        "name": _l("Committee"), "decision_rule": _l("Decision rule"), "quorum": _l("Quorum"), "is_active": ACTIVE,
    },
    "committee_member": {"committee_id": _l("Committee"), "user_id": _l("Member"), "is_chair": _l("Chair")},
    "score_rule": {
        "service_type_id": SERVICE_TYPE, "factor": _l("Factor"), "low": _l("From (included)"),
        "high": _l("To (excluded)"), "code": _l("Matching code"), "points": _l("Points"), "position": ORDER,
        "is_active": ACTIVE,
    },
    "need_category": {
        "service_type_id": SERVICE_TYPE, "name": _l("Category"), "min_score": _l("From score"),
        "conditions": _l("Conditions"), "required_documents": _l("Required documents"),
        "zakat_eligible": _l("Zakat-eligible"),
    },
    "text_template": {"kind": _l("Kind"), "key": _l("Used for"), "subject": _l("Subject"), "body": _l("Text")},
    "channel": {"name": NAME, "code": _l("System code"), "position": ORDER, "is_active": ACTIVE},
    "service_type": {
        "name": NAME, "description": _l("Description"), "position": ORDER, "is_active": ACTIVE,
        "aid_kind": _l("Aid kind"),
    },
    "funding_source": labels(FundingSource.__table__),
    "catalogue_item": labels(CatalogueItem.__table__),
    "required_item": {
        "service_type_id": SERVICE_TYPE, "name": _l("Item"), "kind": _l("Kind"), "is_mandatory": _l("Mandatory"),
        "position": ORDER,
    },
    "reference_document": {
        "title": _l("Title"), "kind": _l("Kind"), "version": _l("Version"), "description": _l("Description"),
        "original_name": _l("File"), "position": ORDER, "is_active": ACTIVE,
    },
    "referral_reason": {"name": NAME, "position": ORDER, "is_active": ACTIVE},
    "research_team": {"name": NAME, "is_active": ACTIVE},
    "research_team_member": {"team_id": _l("Research team"), "user_id": _l("Member")},
    "household_member": {
        "applicant_id": APPLICANT,
        "relation": _l("Relation"),
        "national_id": _l("National ID / iqama"),
        "full_name": NAME,
        "gender": _l("Gender"),
        "birth_date": _l("Birth date"),
        "marital_status": _l("Marital status"),
        "education": _l("Education"),
        "health": _l("Health"),
        "work_status": _l("Work"),
        "monthly_income": _l("Monthly income (riyals)"),
    },
    "income_source": {
        "applicant_id": APPLICANT, "kind": _l("Source"), "amount": AMOUNT, "note": _l("Note"),
        "attachment_id": _l("Attachment"),
    },
    "obligation": {
        "applicant_id": APPLICANT, "kind": _l("Obligation"), "amount": AMOUNT, "note": _l("Note"),
        "attachment_id": _l("Attachment"),
    },
    "meeting": {
        "number": _l("Meeting number"), "attendees": _l("Attendees"), "request": _l("Request"), "status": _l("Status"),
    },
    "agenda_item": {"choice": _l("Vote"), "note": _l("Note"), "outcome": _l("Decision")},
    "contact": {"status": _l("Follow-up status"), "owner_id": _l("Owner"), "due_on": _l("Due date")},
    "referral": {"report_kind": _l("Report kind")},
}

# Yes/no fields, shown as such rather than as the stored True/False.
YES_NO = bool
# The vocabularies a field's stored codes come from (a matching code may be either housing vocabulary).
ENTITY_CODED: dict[str, dict[str, tuple[type[StrEnum], ...] | type[bool]]] = {
    "user": {"role": (Role,), "is_active": YES_NO, "all_branches": YES_NO},
    "branch": {"is_active": YES_NO, "is_main": YES_NO},
    "organization": {
        "vocabulary": (Vocabulary,), "scoring_enabled": YES_NO, "auto_close_overdue": YES_NO, "auto_retention": YES_NO,
    },
    "committee": {"decision_rule": (DecisionRule,), "is_active": YES_NO},
    "committee_member": {"is_chair": YES_NO},
    "score_rule": {"factor": (ScoreFactor,), "code": (Housing, HousingCondition), "is_active": YES_NO},
    "text_template": {"kind": (TemplateKind,), "key": (DecisionOutcome, NotificationEvent)},
    "channel": {"is_active": YES_NO},
    "service_type": {"is_active": YES_NO, "aid_kind": (AidKind,)},
    "funding_source": {"kind": (FundingKind,), "is_active": YES_NO},
    "catalogue_item": {"is_active": YES_NO},
    "need_category": {"zakat_eligible": YES_NO},
    "required_item": {"kind": (RequiredItemKind,), "is_mandatory": YES_NO},
    "reference_document": {"kind": (DocumentKind,), "is_active": YES_NO},
    "referral_reason": {"is_active": YES_NO},
    "research_team": {"is_active": YES_NO},
    "household_member": {
        "relation": (Relation,), "gender": (Gender,), "marital_status": (MaritalStatus,), "education": (Education,),
        "health": (Health,), "work_status": (WorkStatus,),
    },
    "income_source": {"kind": (IncomeKind,)},
    "obligation": {"kind": (ObligationKind,)},
    "meeting": {"status": (MeetingStatus,)},
    "agenda_item": {"choice": (VoteChoice,), "outcome": (DecisionOutcome,)},
    "contact": {"status": (FollowUpStatus,)},
    "referral": {"report_kind": (ResearchKind,)},
    "applicant": {"declines_group_messages": YES_NO},
}
