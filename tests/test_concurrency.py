"""Two people clicking at once: exactly one transition, one audit row; the others are told.

Real concurrent connections on PostgreSQL, where production runs: each thread
has its own app context and so its own session and connection, and a barrier
releases them all at the same instant.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from app import create_app
from config import _normalized_database_url
from models import AuditEntry, Decision, Notification, ServiceRequest, User
from models.base import db
from tests.test_workflow import walk_to
from workflow import transitions as steps
from workflow.refusal import Refused

THREADS = 24


@pytest.fixture()
def concurrent_app(database_url, rakeen):  # type: ignore[no-untyped-def]
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are a PostgreSQL matter; SQLite runs one writer at a time")
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": _normalized_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": THREADS + 2, "max_overflow": 4, "pool_pre_ping": True},
        "TESTING": True,
    })
    yield app
    with app.app_context():
        db.engine.dispose()


def _users(role: str, count: int) -> list[int]:
    ids = []
    for index in range(count):
        user = User(username=f"{role}-crowd-{index}", full_name=f"عضو {index}", role=role)
        user.set_password("a-long-password-2026")
        db.session.add(user)
        db.session.flush()
        ids.append(user.id)
    db.session.commit()
    return ids


def _race(app, calls: list[Callable[[User], object]], user_ids: list[int]) -> tuple[int, list[Refused]]:
    """Run every call at the same instant, each as its own user on its own connection."""
    barrier = threading.Barrier(len(calls))
    wins: list[object] = []
    refusals: list[Refused] = []
    errors: list[BaseException] = []

    def run(call: Callable[[User], object], user_id: int) -> None:
        with app.app_context():
            actor = db.session.get(User, user_id)
            barrier.wait(timeout=10)
            try:
                wins.append(call(actor))
            except Refused as refusal:
                with app.test_request_context():
                    refusal.text = str(refusal)
                refusals.append(refusal)
            except BaseException as exc:  # noqa: BLE001  (any other failure fails the test below)
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=pair) for pair in zip(calls, user_ids, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return len(wins), refusals


def _audit_count(request_id: int, action: str) -> int:
    return db.session.scalar(
        db.select(db.func.count()).select_from(AuditEntry)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request_id, AuditEntry.action == action)
    )


def test_many_staff_submitting_the_same_request_give_one_submission(concurrent_app):
    request_id = walk_to("attested").id
    staff = _users("staff", THREADS)
    wins, refusals = _race(concurrent_app, [lambda actor: steps.submit(request_id, actor)] * THREADS, staff)
    assert wins == 1 and len(refusals) == THREADS - 1
    assert all(refusal.text for refusal in refusals)
    db.session.expire_all()
    assert db.session.get(ServiceRequest, request_id).status == "submitted"
    assert _audit_count(request_id, "submit") == 1
    assert db.session.scalar(
        db.select(db.func.count()).select_from(Notification).where(Notification.request_id == request_id)
    ) == 1


def test_many_committee_members_deciding_at_once_give_one_decision(concurrent_app):
    request_id = walk_to("submitted").id
    members = _users("committee", THREADS)
    calls = [
        (lambda actor: steps.decide(request_id, actor, "accepted")) if index % 2 == 0
        else (lambda actor: steps.decide(request_id, actor, "rejected", "لا تنطبق الشروط"))
        for index in range(THREADS)
    ]
    wins, refusals = _race(concurrent_app, calls, members)
    assert wins == 1 and len(refusals) == THREADS - 1
    db.session.expire_all()
    decision = db.session.scalar(db.select(Decision).where(Decision.request_id == request_id))
    assert db.session.scalar(db.select(db.func.count()).select_from(Decision)) == 1
    assert db.session.get(ServiceRequest, request_id).status == decision.outcome
    assert _audit_count(request_id, "decide") == 1


def test_withdrawal_racing_submission_leaves_one_consistent_outcome(concurrent_app):
    request_id = walk_to("attested").id
    staff = _users("staff", 20)
    calls = [
        (lambda actor: steps.submit(request_id, actor)) if index % 2 == 0
        else (lambda actor: steps.end_early(request_id, actor, "withdrawn", "سافر"))
        for index in range(20)
    ]
    wins, _refusals = _race(concurrent_app, calls, staff)
    db.session.expire_all()
    status = db.session.get(ServiceRequest, request_id).status
    submits, withdrawals = _audit_count(request_id, "submit"), _audit_count(request_id, "withdraw")
    # A withdrawal after the submission is allowed (before the decision), so at most one of each.
    assert submits <= 1 and withdrawals <= 1 and wins == submits + withdrawals
    assert status == ("withdrawn" if withdrawals else "submitted")
