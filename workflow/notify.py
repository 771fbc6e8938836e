"""Messages to the applicant, queued in the outbox in the step's own transaction.

Sending happens later, outside the web request; here we only decide what to
say, in Arabic, to the contact the applicant prefers.
"""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from domain.dates import dual_date
from models.base import db
from models.enums import ContactMethod, NotificationEvent
from models.notification import Notification
from models.request import ServiceRequest


def _body(request: ServiceRequest, event: str) -> str:
    if event == NotificationEvent.submitted:
        return _(
            "Your request No. %(number)s was submitted to the research committee. "
            "You will receive the answer from %(date)s onwards.",
            number=request.number, date=dual_date(request.earliest_answer_on),
        )
    return _(
        "The service for your request No. %(number)s has been delivered. Thank you.",
        number=request.number,
    )


def queue_notification(request: ServiceRequest, event: str) -> Notification:
    applicant = request.applicant
    method = applicant.preferred_contact
    recipient = applicant.email if method == ContactMethod.email and applicant.email else applicant.mobile
    if method == ContactMethod.email and not applicant.email:
        method = ContactMethod.sms
    with force_locale("ar"):
        body = _body(request, event)
    notification = Notification(
        applicant_id=applicant.id, request_id=request.id, event=event,
        method=method, recipient=recipient, body=body,
    )
    db.session.add(notification)
    return notification
