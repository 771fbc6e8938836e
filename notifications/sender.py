"""Sending the outbox: each message claimed by one sender, retried with back-off.

A message is claimed by a conditional UPDATE (pending → sending) that only
one sender can win, so two senders running at once — two cron jobs, or one
per app server — never send the same message twice. Failures are retried
later; after MAX_ATTEMPTS the message stays visibly failed for staff to see.
Messages to applicants who prefer a phone call are never sent here: they wait
on the staff's call list in the outbox screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_

from models.base import db, utcnow
from models.enums import ContactMethod, NotificationStatus
from models.notification import Notification
from notifications.backends import Backend, DeliveryFailed

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=5)


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _claim(notification_id: int) -> bool:
    claimed = db.session.execute(
        db.update(Notification)
        .where(Notification.id == notification_id, Notification.status == NotificationStatus.pending)
        .values(status=NotificationStatus.sending)
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
        .where(or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
        .order_by(Notification.id)
        .limit(limit)
    ))


def send_pending(backend: Backend, limit: int = 200) -> Outcome:
    outcome = Outcome()
    for notification_id in _due_ids(limit):
        if not _claim(notification_id):
            continue
        notification = db.session.get(Notification, notification_id)
        notification.attempts += 1
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
