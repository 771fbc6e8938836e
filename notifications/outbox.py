"""What staff do from the outbox screen: send a failed message again, tick off a call.

Each step locks the message, checks the role and the state, writes one audit
row and commits — so two staff clicking at once change it once.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from audit.recorder import record
from models.base import db, utcnow
from models.enums import ContactMethod, NotificationStatus, Role
from models.notification import Notification
from models.user import User
from workflow.locking import committed, locked_row
from workflow.permissions import require_role
from workflow.refusal import Refused

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


def waiting_calls() -> int:
    """How many applicants are waiting for a call, for the staff's home page."""
    return db.session.scalar(
        db.select(db.func.count()).select_from(Notification).where(
            Notification.method == ContactMethod.phone, Notification.status == NotificationStatus.pending,
        )
    ) or 0
