"""Messages to the applicant, queued in the outbox in the step's own transaction.

Sending happens later, outside the web request; here we only decide what to
say — the admin's text for the event, in Arabic — and how to reach the
applicant: the contact method he prefers, e-mail falling back to SMS when he
gave no address. A "phone" preference puts the message on the staff's call list.
"""
from __future__ import annotations

from flask_babel import force_locale

from models.applicant import Applicant
from models.base import db
from models.committee import Decision
from models.enums import ContactMethod, TemplateKind
from models.notification import Notification
from models.request import ServiceRequest
from sila.committee.letters import letter_values
from sila.core.dates import dual_date
from sila.settings.texts.store import render_text


def contact_for(applicant: Applicant) -> tuple[str, str]:
    """(method, recipient) honouring the applicant's preference."""
    method = applicant.preferred_contact or ContactMethod.sms
    if method == ContactMethod.email and applicant.email:
        return method, applicant.email
    if method == ContactMethod.email:
        return ContactMethod.sms, applicant.mobile
    return method, applicant.mobile


def _values(request: ServiceRequest, decision: Decision | None, extra: dict[str, object]) -> dict[str, object]:
    values: dict[str, object] = {
        "name": request.applicant.full_name,
        "number": request.number,
        "service": request.service_type.name,
        "earliest_answer": dual_date(request.earliest_answer_on) if request.earliest_answer_on else "",
    }
    if decision is not None:
        values.update(letter_values(decision))
    return {**values, **extra}


def queue_notification(
    request: ServiceRequest, event: str, *, decision: Decision | None = None, **extra: object
) -> Notification:
    """Queue the event's message for the request's applicant; the caller's transaction commits it."""
    method, recipient = contact_for(request.applicant)
    with force_locale("ar"):
        subject, body = render_text(TemplateKind.message, event, _values(request, decision, extra))
    notification = Notification(
        applicant_id=request.applicant_id, request_id=request.id, event=event,
        decision_id=decision.id if decision is not None else None,
        method=method, recipient=recipient, subject=subject, body=body,
    )
    db.session.add(notification)
    return notification
