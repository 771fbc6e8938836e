"""The outbox sender: every due message sent once, failures retried then shown as failed."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from models import Notification
from models.base import db, utcnow
from sila.outbox.backends import DeliveryFailed
from sila.outbox.queue import queue_notification
from sila.outbox.sender import LEASE, MAX_ATTEMPTS, send_pending
from tests.factories import make_request

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[int] = []
        self.fail = fail
        self.lock = threading.Lock()

    def send(self, notification: Notification) -> None:
        if self.fail:
            raise DeliveryFailed("provider unreachable")
        with self.lock:
            self.sent.append(notification.id)


def _queue(count: int) -> list[int]:
    messages = [queue_notification(make_request(), "submitted") for _ in range(count)]
    db.session.commit()
    return [message.id for message in messages]


def test_pending_messages_are_sent_once(rakeen):
    ids = _queue(3)
    backend = Recorder()
    assert send_pending(backend).sent == 3
    assert sorted(backend.sent) == sorted(ids)
    assert send_pending(backend).sent == 0
    statuses = set(db.session.scalars(db.select(Notification.status)))
    assert statuses == {"sent"}


def test_failures_are_retried_later_then_marked_failed(rakeen):
    _queue(1)
    outcome = send_pending(Recorder(fail=True))
    assert outcome.retrying == 1
    message = db.session.scalar(db.select(Notification))
    assert message.status == "pending" and message.attempts == 1 and "unreachable" in message.last_error
    assert send_pending(Recorder()).sent == 0, "not due again before its back-off"
    for _ in range(MAX_ATTEMPTS - 1):
        message.next_attempt_at = None
        db.session.commit()
        send_pending(Recorder(fail=True))
        db.session.refresh(message)
    assert message.status == "failed" and message.attempts == MAX_ATTEMPTS


def test_the_send_command_reports_in_arabic(app, rakeen):
    _queue(2)
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert result.exit_code == 0 and "أُرسلت: 2" in result.output


def test_two_senders_at_once_never_send_a_message_twice(database_url, rakeen):
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrent senders are a PostgreSQL matter")
    from app import create_app
    from sila.config import _normalized_database_url

    _queue(30)
    app = create_app({"SQLALCHEMY_DATABASE_URI": _normalized_database_url(database_url), "TESTING": True})
    backend = Recorder()
    barrier = threading.Barrier(4)

    def sender() -> None:
        with app.app_context():
            barrier.wait(timeout=10)
            send_pending(backend)
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with app.app_context():
        db.engine.dispose()
    assert len(backend.sent) == 30 and len(set(backend.sent)) == 30


SENDER_THAT_DIES = """
import os, signal, sys
from app import create_app
from sila.outbox.sender import send_pending

class DiesWhileSending:
    def send(self, notification):
        os.kill(os.getpid(), signal.SIGKILL)

app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "TESTING": True})
with app.app_context():
    send_pending(DiesWhileSending())
"""


def test_a_message_whose_sender_was_killed_is_sent_once_its_lease_runs_out(database_url, rakeen):
    from sila.config import _normalized_database_url

    [message_id] = _queue(1)
    died = subprocess.run(
        [sys.executable, "-c", SENDER_THAT_DIES, _normalized_database_url(database_url)],
        cwd=ROOT, capture_output=True, timeout=60,
    )
    assert died.returncode == -signal.SIGKILL, died.stderr.decode()[-2000:]
    message = db.session.get(Notification, message_id)
    assert message.status == "sending" and message.attempts == 1 and message.claimed_at is not None

    backend = Recorder()
    assert send_pending(backend).sent == 0, "another sender may still be working on it"
    db.session.execute(db.update(Notification).values(claimed_at=utcnow() - LEASE - timedelta(minutes=1)))
    db.session.commit()
    assert send_pending(backend).sent == 1
    assert send_pending(backend).sent == 0
    db.session.refresh(message)
    assert backend.sent == [message_id]
    assert message.status == "sent" and message.attempts == 2 and message.claimed_at is None


def test_a_message_that_kills_every_sender_ends_failed_for_staff_to_see(rakeen):
    [message_id] = _queue(1)
    db.session.execute(db.update(Notification).values(
        status="sending", attempts=MAX_ATTEMPTS, claimed_at=utcnow() - LEASE - timedelta(minutes=1),
    ))
    db.session.commit()
    backend = Recorder()
    send_pending(backend)
    message = db.session.get(Notification, message_id)
    assert backend.sent == []
    assert message.status == "failed" and message.last_error and "sender" not in message.last_error
