"""What staff do from the outbox screen: send a failed message again, tick off a call.

Each step locks the message, checks the role and the state, writes one audit
row and commits — so two staff clicking at once change it once.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from models.base import db, utcnow
from models.enums import ContactMethod, NotificationEvent, NotificationStatus, Role, label
from models.notification import Notification
from models.user import User
from sila.core.audit.recorder import record
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row

MISSING = _l("This message does not exist.")


def retry(notification_id: int, actor: User) -> Notification:
    """A failed message goes back to the queue with a fresh count of attempts."""
    with committed():
        require_role(actor, Role.staff)
        notification = locked_row(Notification, notification_id, MISSING)
        if notification.status != NotificationStatus.failed:
            raise Refused(_l("Only a failed message can be sent again."))
        notification.status = NotificationStatus.pending
        notification.attempts = 0
        notification.next_attempt_at = None
        record("notification_retry", "notification", notification.id, actor_id=actor.id)
    return notification


def mark_called(notification_id: int, actor: User) -> Notification:
    """The applicant who prefers a phone call was called and told the message."""
    with committed():
        require_role(actor, Role.staff)
        notification = locked_row(Notification, notification_id, MISSING)
        if notification.method != ContactMethod.phone or notification.status != NotificationStatus.pending:
            raise Refused(_l("Only a message waiting on the call list can be marked as called."))
        notification.status = NotificationStatus.sent
        notification.sent_at = utcnow()
        record("notification_called", "notification", notification.id, actor_id=actor.id)
    return notification


@dataclass(frozen=True)
class MessageLine:
    """One message about a request, its codes already translated, for the request page."""

    notification: Notification
    event: str
    method: str
    status: str


def messages_of(request_id: int) -> list[MessageLine]:
    """What the applicant was (or is about to be) told about this request, oldest first."""
    rows = db.session.scalars(
        db.select(Notification).where(Notification.request_id == request_id).order_by(Notification.id)
    )
    return [
        MessageLine(row, label(NotificationEvent, row.event), label(ContactMethod, row.method),
                    label(NotificationStatus, row.status))
        for row in rows
    ]


def staff_attention() -> tuple[int, int]:
    """(calls owed to applicants who prefer a phone call, messages that failed), for the staff's home page."""
    pending_calls = (Notification.method == ContactMethod.phone) & (Notification.status == NotificationStatus.pending)
    failed = Notification.status == NotificationStatus.failed
    calls, failures = db.session.execute(db.select(
        db.func.count().filter(pending_calls), db.func.count().filter(failed),
    ).select_from(Notification).where(pending_calls | failed)).one()
    return calls or 0, failures or 0
