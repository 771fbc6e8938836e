"""Everything Sila holds about one applicant, for a data-access request (PDPL).

One function gathers the facts with a fixed number of queries; the JSON and the
Arabic PDF are two renderings of the same dict, so they can never disagree.
Each section shows the columns its model declares shown (models/personal_data.py),
so a column added to his file reaches the answer the day it is classified.
Other people's data never enter: staff appear by name only where the applicant
has a right to know who handled or viewed his record.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import aliased

from models import (
    AidDelivery,
    AidGrant,
    Applicant,
    Attachment,
    Attestation,
    AuditEntry,
    Channel,
    Contact,
    Decision,
    HomeVisit,
    HouseholdMember,
    IncomeSource,
    Instalment,
    Notification,
    Obligation,
    Referral,
    ReferralReason,
    Restudy,
    ServiceRequest,
    ServiceType,
    SurveyResponse,
    User,
    Voucher,
    db,
)
from models.enums import Relation
from models.personal_data import shown_columns


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(statement: Any) -> list[dict[str, Any]]:
    return [{key: _plain(value) for key, value in row._mapping.items()} for row in db.session.execute(statement)]


def _shown(model: type, *links: Any) -> Any:
    """A SELECT of what the model declares shown, with the links that tie each row to the rest of the file."""
    table: Table = model.__table__
    return db.select(*links, *shown_columns(table))


def holds_the_household(applicant: Applicant) -> bool:
    """He is the head unless his file names another member as the head of the household."""
    return not db.session.scalar(
        db.select(db.func.count()).select_from(HouseholdMember)
        .where(HouseholdMember.applicant_id == applicant.id, HouseholdMember.relation == Relation.head)
    )


def _members(applicant: Applicant, in_full: bool) -> list[dict[str, Any]]:
    """The household; to someone who is not its head, each member only by his relation to him."""
    statement = _shown(HouseholdMember) if in_full else db.select(HouseholdMember.relation)
    return _rows(statement.where(HouseholdMember.applicant_id == applicant.id).order_by(HouseholdMember.id))


def dossier(applicant: Applicant, *, members_in_full: bool = True) -> dict[str, Any]:
    """The whole record of one applicant as plain JSON-ready values, one statement per section.

    `members_in_full=False` is for the applicant reading it himself when he is
    not the head of the household: the other members' personal data are theirs.
    """
    requests = _rows(
        _shown(ServiceRequest, ServiceRequest.id, ServiceType.name.label("service_type"), Channel.name.label("channel"))
        .join(ServiceType, ServiceType.id == ServiceRequest.service_type_id)
        .join(Channel, Channel.id == ServiceRequest.channel_id)
        .where(ServiceRequest.applicant_id == applicant.id)
        .order_by(ServiceRequest.id)
    )
    for row in requests:
        row["number"] = f"{row['id']:07d}"
    request_ids = [row["id"] for row in requests]
    visits = db.select(HomeVisit.id).where(HomeVisit.applicant_id == applicant.id).scalar_subquery()
    restudies = _rows(_shown(Restudy).where(Restudy.applicant_id == applicant.id).order_by(Restudy.done_on, Restudy.id))
    for row in restudies:
        row["changes"] = json.loads(row["changes"])
    viewer = aliased(User)
    return {
        "applicant": {column.name: _plain(getattr(applicant, column.name)) for column in shown_columns(Applicant.__table__)},
        "household_members": _members(applicant, members_in_full),
        "incomes": _rows(_shown(IncomeSource).where(IncomeSource.applicant_id == applicant.id).order_by(IncomeSource.id)),
        "obligations": _rows(_shown(Obligation).where(Obligation.applicant_id == applicant.id).order_by(Obligation.id)),
        "home_visits": _rows(
            _shown(HomeVisit, HomeVisit.id).where(HomeVisit.applicant_id == applicant.id).order_by(HomeVisit.scheduled_on)
        ),
        "restudies": restudies,
        "requests": requests,
        "attestations": _rows(
            _shown(Attestation, Attestation.request_id).where(Attestation.request_id.in_(request_ids))
            .order_by(Attestation.signed_at)
        ),
        "decisions": _rows(
            _shown(Decision, Decision.request_id).where(Decision.request_id.in_(request_ids)).order_by(Decision.decided_at)
        ),
        "aid_grants": _rows(
            _shown(AidGrant, AidGrant.request_id).where(AidGrant.request_id.in_(request_ids)).order_by(AidGrant.id)
        ),
        "instalments": _rows(
            _shown(Instalment, AidGrant.request_id).join(AidGrant, AidGrant.id == Instalment.grant_id)
            .where(AidGrant.request_id.in_(request_ids)).order_by(Instalment.grant_id, Instalment.number)
        ),
        "aid_deliveries": _rows(
            _shown(AidDelivery, AidDelivery.request_id).where(AidDelivery.request_id.in_(request_ids))
            .order_by(AidDelivery.delivered_at, AidDelivery.id)
        ),
        "vouchers": _rows(
            _shown(Voucher, Voucher.request_id).where(Voucher.request_id.in_(request_ids)).order_by(Voucher.id)
        ),
        "contacts": _rows(
            _shown(Contact, Channel.name.label("channel"))
            .join(Channel, Channel.id == Contact.channel_id)
            .where(Contact.applicant_id == applicant.id)
            .order_by(Contact.created_at)
        ),
        "referrals": _rows(
            _shown(Referral, Referral.request_id, ReferralReason.name.label("reason"))
            .join(ReferralReason, ReferralReason.id == Referral.reason_id)
            .where(Referral.applicant_id == applicant.id)
            .order_by(Referral.created_at)
        ),
        "attachments": _rows(
            _shown(Attachment, Attachment.request_id, Attachment.visit_id)
            .where(
                (Attachment.applicant_id == applicant.id) | Attachment.request_id.in_(request_ids)
                | Attachment.visit_id.in_(visits)
            )
            .order_by(Attachment.uploaded_at)
        ),
        "messages": _rows(
            _shown(Notification).where(Notification.applicant_id == applicant.id).order_by(Notification.created_at)
        ),
        "survey_answers": _rows(
            _shown(SurveyResponse, SurveyResponse.request_id).where(SurveyResponse.request_id.in_(request_ids))
        ),
        "record_history": _rows(
            db.select(
                AuditEntry.at, AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                AuditEntry.field, viewer.full_name.label("by"),
            )
            .outerjoin(viewer, viewer.id == AuditEntry.actor_id)
            .where(
                ((AuditEntry.entity_type == "applicant") & (AuditEntry.entity_id == applicant.id))
                | ((AuditEntry.entity_type == "request") & AuditEntry.entity_id.in_(request_ids))
            )
            .order_by(AuditEntry.at, AuditEntry.id)
        ),
    }
