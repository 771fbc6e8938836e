"""Everything Sila holds about one applicant, for a data-access request (PDPL).

One function gathers the facts with a fixed number of queries; the JSON and the
Arabic PDF are two renderings of the same dict, so they can never disagree.
Other people's data never enter: staff appear by name only where the applicant
has a right to know who handled or viewed his record.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import aliased

from models.applicant import Applicant
from models.audit import AuditEntry
from models.base import db
from models.channel import Channel
from models.committee import Decision
from models.contact import Contact
from models.notification import Notification
from models.referral import Referral, ReferralReason
from models.request import Attachment, ServiceRequest
from models.service_type import ServiceType
from models.survey import SurveyResponse
from models.user import User

APPLICANT_FIELDS = (
    "national_id", "first_name", "father_name", "grandfather_name", "family_name", "gender",
    "birth_date", "mobile", "email", "city", "address", "membership_number", "preferred_contact", "notes",
    "created_at", "updated_at",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(statement: Any) -> list[dict[str, Any]]:
    return [{key: _plain(value) for key, value in row._mapping.items()} for row in db.session.execute(statement)]


def dossier(applicant: Applicant) -> dict[str, Any]:
    """The whole record of one applicant as plain JSON-ready values."""
    requests = _rows(
        db.select(
            ServiceRequest.id, ServiceRequest.status, ServiceType.name.label("service_type"),
            Channel.name.label("channel"), ServiceRequest.details, ServiceRequest.created_at,
            ServiceRequest.verified_at, ServiceRequest.submitted_at, ServiceRequest.earliest_answer_on,
            ServiceRequest.decided_at, ServiceRequest.registered_at, ServiceRequest.delivered_at,
            ServiceRequest.delivery_notes, ServiceRequest.closed_at, ServiceRequest.cancel_reason,
        )
        .join(ServiceType, ServiceType.id == ServiceRequest.service_type_id)
        .join(Channel, Channel.id == ServiceRequest.channel_id)
        .where(ServiceRequest.applicant_id == applicant.id)
        .order_by(ServiceRequest.id)
    )
    for row in requests:
        row["number"] = f"{row['id']:07d}"
    request_ids = [row["id"] for row in requests]
    viewer = aliased(User)
    return {
        "applicant": {field: _plain(getattr(applicant, field)) for field in APPLICANT_FIELDS},
        "requests": requests,
        "decisions": _rows(
            db.select(Decision.request_id, Decision.outcome, Decision.reason, Decision.decided_at)
            .where(Decision.request_id.in_(request_ids))
            .order_by(Decision.decided_at)
        ),
        "contacts": _rows(
            db.select(
                Contact.created_at, Contact.kind, Channel.name.label("channel"), Contact.summary,
                Contact.answer, Contact.status, Contact.outcome,
            )
            .join(Channel, Channel.id == Contact.channel_id)
            .where(Contact.applicant_id == applicant.id)
            .order_by(Contact.created_at)
        ),
        "referrals": _rows(
            db.select(
                Referral.created_at, Referral.request_id, ReferralReason.name.label("reason"),
                Referral.questions, Referral.status, Referral.answer, Referral.answered_at,
            )
            .join(ReferralReason, ReferralReason.id == Referral.reason_id)
            .where(Referral.applicant_id == applicant.id)
            .order_by(Referral.created_at)
        ),
        "attachments": _rows(
            db.select(
                Attachment.request_id, Attachment.kind, Attachment.original_name, Attachment.content_type,
                Attachment.size_bytes, Attachment.uploaded_at,
            )
            .where((Attachment.applicant_id == applicant.id) | Attachment.request_id.in_(request_ids))
            .order_by(Attachment.uploaded_at)
        ),
        "messages": _rows(
            db.select(
                Notification.created_at, Notification.event, Notification.method, Notification.status,
                Notification.sent_at, Notification.body,
            )
            .where(Notification.applicant_id == applicant.id)
            .order_by(Notification.created_at)
        ),
        "survey_answers": _rows(
            db.select(
                SurveyResponse.request_id, SurveyResponse.month, SurveyResponse.overall, SurveyResponse.speed,
                SurveyResponse.courtesy, SurveyResponse.clarity, SurveyResponse.channel_ease, SurveyResponse.comment,
            )
            .where(SurveyResponse.request_id.in_(request_ids))
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
