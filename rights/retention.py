"""Retention: applicants whose business with the association ended long ago lose their identity.

The organization profile sets the period in years. An applicant is eligible when
nothing is pending (no request before delivery or closure, no open referral or
follow-up) and his last activity ended before the period. Anonymizing keeps the
rows, so counts, decisions and survey figures stay true, but erases names, IDs,
contact details, free texts he wrote or that describe him, and attachments.

Apply needs the code a dry run printed for the same set of applicants, so the
irreversible step only ever acts on a list somebody has seen.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, update

from attachments import storage
from audit.recorder import record
from models.applicant import Applicant
from models.audit import AuditEntry
from models.base import db
from models.contact import Contact
from models.enums import FollowUpStatus, ReferralStatus, RequestStatus
from models.notification import Notification
from models.organization import Organization
from models.referral import Referral
from models.request import Attachment, Attestation, ServiceRequest

ERASED = "محذوف"
FINISHED = frozenset({
    RequestStatus.closed, RequestStatus.rejected, RequestStatus.withdrawn, RequestStatus.cancelled,
})


@dataclass(frozen=True)
class Eligible:
    applicant_ids: list[int]
    years: int | None

    @property
    def code(self) -> str:
        """Short fingerprint of the list, typed back to confirm the apply step."""
        digest = hashlib.sha256(",".join(map(str, self.applicant_ids)).encode()).hexdigest()
        return digest[:8]


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def eligible(today: date) -> Eligible:
    organization = db.session.scalar(db.select(Organization).limit(1))
    years = organization.retention_years if organization else None
    if not years:
        return Eligible([], years)
    cutoff = _years_before(today, years)
    last_activity = (
        db.select(func.max(func.coalesce(ServiceRequest.closed_at, ServiceRequest.decided_at, ServiceRequest.created_at)))
        .where(ServiceRequest.applicant_id == Applicant.id)
        .scalar_subquery()
    )
    pending_request = db.select(ServiceRequest.id).where(
        ServiceRequest.applicant_id == Applicant.id, ServiceRequest.status.not_in(FINISHED)
    )
    open_referral = db.select(Referral.id).where(
        Referral.applicant_id == Applicant.id, Referral.status != ReferralStatus.closed
    )
    open_contact = db.select(Contact.id).where(
        Contact.applicant_id == Applicant.id, Contact.status != FollowUpStatus.closed
    )
    ids = db.session.scalars(
        db.select(Applicant.id)
        .where(
            Applicant.first_name != ERASED,
            func.coalesce(last_activity, Applicant.created_at) < cutoff,
            ~pending_request.exists(), ~open_referral.exists(), ~open_contact.exists(),
        )
        .order_by(Applicant.id)
    ).all()
    return Eligible(list(ids), years)


def _erase(applicant_id: int) -> list[str]:
    """Erase one applicant's identity in the open transaction; returns the files to delete after commit."""
    request_ids = db.select(ServiceRequest.id).where(ServiceRequest.applicant_id == applicant_id)
    db.session.execute(
        update(Applicant).where(Applicant.id == applicant_id).values(
            national_id=f"0{applicant_id:09d}", first_name=ERASED, father_name=ERASED, grandfather_name=ERASED,
            family_name=ERASED, name_search="", birth_date=None, mobile="", email=None, address=None,
            membership_number=None, notes=None, version=Applicant.version + 1,
        )
    )
    db.session.execute(update(ServiceRequest).where(ServiceRequest.applicant_id == applicant_id).values(
        details=None, verification_notes=None, delivery_notes=None, version=ServiceRequest.version + 1,
    ))
    db.session.execute(update(Attestation).where(Attestation.request_id.in_(request_ids)).values(
        signed_name=ERASED, attachment_id=None,
    ))
    db.session.execute(update(Contact).where(Contact.applicant_id == applicant_id).values(
        contact_name=None, contact_mobile=None, summary=ERASED, answer=None, outcome=None,
    ))
    db.session.execute(update(Referral).where(Referral.applicant_id == applicant_id).values(
        questions=ERASED, answer=None, clarification=None, report_findings=None, report_recommendation=None,
    ))
    db.session.execute(update(Notification).where(Notification.applicant_id == applicant_id).values(
        recipient="", subject=None, body=ERASED,
    ))
    db.session.execute(update(AuditEntry).where(
        ((AuditEntry.entity_type == "applicant") & (AuditEntry.entity_id == applicant_id))
        | ((AuditEntry.entity_type == "request") & AuditEntry.entity_id.in_(request_ids))
    ).values(old_value=None, new_value=None, note=None))
    owned = (Attachment.applicant_id == applicant_id) | Attachment.request_id.in_(request_ids)
    files = list(db.session.scalars(db.select(Attachment.stored_name).where(owned)))
    db.session.execute(db.delete(Attachment).where(owned))
    record("anonymize", "applicant", applicant_id, note="retention")
    return files


def apply(today: date, code: str) -> int:
    """Anonymize the eligible applicants in one transaction, if `code` matches the dry run's list."""
    found = eligible(today)
    if code != found.code:
        raise ValueError(code)
    files: list[str] = []
    for applicant_id in found.applicant_ids:
        files += _erase(applicant_id)
    db.session.commit()
    for stored_name in files:
        storage.remove(stored_name)
    db.session.commit()
    return len(found.applicant_ids)
