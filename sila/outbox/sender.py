"""Sending the outbox: each message claimed by one sender, retried with back-off.

A message is claimed by a conditional UPDATE (pending → sending) that only
one sender can win, so two senders running at once — two cron jobs, or one
per app server — never send the same message twice. A claim is a lease: a
sender that dies between the claim and the result (killed, out of memory, the
machine restarted) leaves the message "sending", and once LEASE has passed the
next run puts it back in the queue. The claim counts the attempt, so a message
that kills its sender every time still ends failed after MAX_ATTEMPTS. Failures
are retried later; a failed message stays visible for staff to see.
Messages to applicants who prefer a phone call are never sent here: they wait
on the staff's call list in the outbox screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, or_

from models.base import db, utcnow
from models.enums import ContactMethod, NotificationEvent, NotificationStatus
from models.notification import Notification
from sila.outbox.backends import Backend, DeliveryFailed

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=5)
# Far longer than one send may take (the SMTP client gives up after 30 seconds of silence, the SMS one after 15).
LEASE = timedelta(minutes=10)
ABANDONED = _l("The sender stopped before recording whether this message left.")


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def reclaim_abandoned() -> int:
    """Put back in the queue the messages whose sender's lease ran out; those out of attempts fail."""
    out_of_attempts = Notification.attempts >= MAX_ATTEMPTS
    reclaimed = db.session.execute(
        db.update(Notification)
        .where(Notification.status == NotificationStatus.sending, Notification.claimed_at < utcnow() - LEASE)
        .values(
            status=case((out_of_attempts, NotificationStatus.failed), else_=NotificationStatus.pending),
            last_error=case((out_of_attempts, str(ABANDONED)), else_=Notification.last_error),
            next_attempt_at=None, claimed_at=None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return reclaimed


def _claim(notification_id: int) -> bool:
    claimed = db.session.execute(
        db.update(Notification)
        .where(Notification.id == notification_id, Notification.status == NotificationStatus.pending)
        .values(status=NotificationStatus.sending, claimed_at=utcnow(), attempts=Notification.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _due_ids(limit: int) -> list[int]:
    now = utcnow()
    return list(db.session.scalars(
        db.select(Notification.id)
        .where(Notification.status == NotificationStatus.pending)
        .where(Notification.method != ContactMethod.phone)
        # A sign-in code is sent the moment it is asked for; the stored copy hides the code.
        .where(Notification.event != NotificationEvent.sign_in_code)
        .where(or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
        .order_by(Notification.id)
        .limit(limit)
    ))


def send_pending(backend: Backend, limit: int = 200) -> Outcome:
    outcome = Outcome()
    reclaim_abandoned()
    for notification_id in _due_ids(limit):
        if not _claim(notification_id):
            continue
        notification = db.session.get(Notification, notification_id)
        notification.claimed_at = None
        try:
            backend.send(notification)
        except DeliveryFailed as exc:
            notification.last_error = str(exc)[:1000]
            if notification.attempts >= MAX_ATTEMPTS:
                notification.status = NotificationStatus.failed
                outcome.failed += 1
            else:
                notification.status = NotificationStatus.pending
                notification.next_attempt_at = utcnow() + FIRST_RETRY * 2 ** (notification.attempts - 1)
                outcome.retrying += 1
        else:
            notification.status = NotificationStatus.sent
            notification.sent_at = utcnow()
            notification.last_error = None
            outcome.sent += 1
        db.session.commit()
    return outcome
