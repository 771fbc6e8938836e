"""Many people clicking at once: exactly one transition and one audit row; the others are told why.

Real concurrent connections on PostgreSQL, where production runs: each thread
has its own app context and so its own session and connection, and a barrier
releases them all at the same instant. SQLite runs one writer at a time and has
no row locks, so its half of the parametrized suite is skipped here.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from app import create_app
from models import Applicant, AuditEntry, Channel, Decision, Notification, ServiceRequest, User
from models.base import db
from sila.applicants.file_status import change_status
from sila.applicants.restudy import apply_review
from sila.config import _normalized_database_url
from sila.core.errors import Refused
from sila.core.unit_of_work import ALREADY_HANDLED, locked_row
from sila.dashboard import figures as dashboard
from sila.requests import transitions as steps
from tests.factories import make_applicant, make_request
from tests.requests.test_workflow import user, walk_to

CROWD = 24
START_SECONDS = 10  # for every thread to hold its connection and reach the barrier
WAIT_SECONDS = 15  # for the whole race to finish
# A thread stuck behind a lock fails after this instead of hanging the run.
LOCK_TIMEOUT = "-c lock_timeout=5s"


@pytest.fixture()
def crowd_app(database_url: str, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """A second app on the same database, with a pool big enough for the whole crowd at once."""
    url = _normalized_database_url(database_url)
    if sa.engine.make_url(url).get_backend_name() != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite runs one writer at a time")
    request.getfixturevalue("rakeen")
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": url,
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_size": 30, "max_overflow": 10, "pool_pre_ping": True,
            "connect_args": {"options": LOCK_TIMEOUT},
        },
    })
    with app.app_context():
        assert db.engine.pool.size() >= CROWD
    yield app
    with app.app_context():
        db.engine.dispose()


@dataclass
class Race:
    winners: list[tuple[str, int]] = field(default_factory=list)
    refusals: list[Refused] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    connections: set[int] = field(default_factory=set)


def crowd(role: str, count: int) -> list[int]:
    """Extra accounts of one role. Nobody logs in as them, so they share one password hash."""
    password_hash = user("staff").password_hash
    people = [User(username=f"{role}-crowd-{index}", full_name=f"عضو {index}", role=role,
                   password_hash=password_hash) for index in range(count)]
    db.session.add_all(people)
    db.session.commit()
    return [person.id for person in people]


def race(app: Flask, entrants: list[tuple[str, Callable[[User], object], int]]) -> Race:
    """Every (label, call, user id) at the same instant, each on its own session and connection."""
    barrier = threading.Barrier(len(entrants))
    result = Race()

    def run(label: str, call: Callable[[User], object], user_id: int) -> None:
        with app.app_context():
            try:
                actor = db.session.get(User, user_id)
                result.connections.add(db.session.scalar(sa.text("SELECT pg_backend_pid()")))
                barrier.wait(timeout=START_SECONDS)
                call(actor)
                result.winners.append((label, user_id))
            except Refused as refusal:
                result.refusals.append(refusal)
            except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
                barrier.abort()
                result.errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=entrant) for entrant in entrants]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "the race did not finish in time"
    assert not result.errors, result.errors
    assert len(result.connections) == len(entrants), "the threads did not each have their own connection"
    assert len(result.winners) + len(result.refusals) == len(entrants)
    db.session.expire_all()
    return result


def audit_rows(request_id: int, *actions: str) -> list[AuditEntry]:
    return list(db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request_id,
               AuditEntry.action.in_(actions))
        .order_by(AuditEntry.id)
    ))


def count(model: type, request_id: int) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(model.request_id == request_id))


def submitting(request_id: int) -> Callable[[User], object]:
    return lambda actor: steps.submit(request_id, actor)


def test_staff_submitting_the_same_request_at_once_submit_it_once(crowd_app):
    request_id = walk_to("attested").id
    result = race(crowd_app, [("submit", submitting(request_id), staff) for staff in crowd("staff", CROWD)])

    assert len(result.winners) == 1 and len(result.refusals) == CROWD - 1
    [(_label, winner)] = result.winners
    request = db.session.get(ServiceRequest, request_id)
    assert request.status == "submitted" and request.submitted_by_id == winner
    [entry] = audit_rows(request_id, "submit")
    assert entry.actor_id == winner
    assert count(Notification, request_id) == 1


def test_committee_members_deciding_at_once_reach_one_decision(crowd_app):
    request_id = walk_to("submitted").id
    members = crowd("committee", CROWD)
    accept = lambda actor: steps.decide(request_id, actor, "accepted")  # noqa: E731
    reject = lambda actor: steps.decide(request_id, actor, "rejected", "لا تنطبق الشروط")  # noqa: E731
    result = race(crowd_app, [
        ("accepted", accept, member) if index % 2 == 0 else ("rejected", reject, member)
        for index, member in enumerate(members)
    ])

    assert len(result.winners) == 1 and len(result.refusals) == CROWD - 1
    [(outcome, winner)] = result.winners
    assert count(Decision, request_id) == 1
    decision = db.session.scalar(db.select(Decision).where(Decision.request_id == request_id))
    assert decision.outcome == outcome and decision.decided_by_id == winner
    assert db.session.get(ServiceRequest, request_id).status == outcome
    [entry] = audit_rows(request_id, "decide")
    assert entry.actor_id == winner and entry.new_value == outcome


def test_withdrawal_racing_submission_leaves_one_consistent_trail(crowd_app):
    request_id = walk_to("attested").id
    withdraw = lambda actor: steps.end_early(request_id, actor, "withdrawn", "سافر المستفيد")  # noqa: E731
    result = race(crowd_app, [
        ("submit", submitting(request_id), staff) if index % 2 == 0 else ("withdraw", withdraw, staff)
        for index, staff in enumerate(crowd("staff", 20))
    ])

    # Withdrawal is allowed until the committee decides, so a submission that gets
    # the lock first is followed by exactly one withdrawal; either way the request
    # ends withdrawn, each step happened at most once, and the trail says so in order.
    trail = audit_rows(request_id, "submit", "withdraw")
    assert [entry.action for entry in trail] in (["withdraw"], ["submit", "withdraw"])
    assert sorted(label for label, _user in result.winners) == sorted(entry.action for entry in trail)
    assert {(entry.action, entry.actor_id) for entry in trail} == set(result.winners)
    assert len(result.refusals) == 20 - len(trail)
    request = db.session.get(ServiceRequest, request_id)
    assert request.status == "withdrawn" and request.closed_at is not None
    assert count(Notification, request_id) == 0, "a withdrawn request's unsent message is dropped"


def test_those_who_lose_the_race_are_told_the_request_has_moved_on(crowd_app):
    request_id = walk_to("attested").id
    result = race(crowd_app, [("submit", submitting(request_id), staff) for staff in crowd("staff", CROWD)])

    with crowd_app.test_request_context():
        with pytest.raises(Refused) as late:
            steps.submit(request_id, user("staff"))
        told_late_comers = {str(late.value), str(ALREADY_HANDLED)}
        messages = [str(refusal) for refusal in result.refusals]
    assert len(messages) == CROWD - 1
    assert all(message.strip() for message in messages)
    assert set(messages) <= told_late_comers


def test_requests_moved_both_ways_at_once_are_all_counted(crowd_app):
    """Opposite moves touch the same two tallies; none of them may deadlock or be lost."""
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    forward = [make_request(status="received").id for _ in range(CROWD // 2)]
    backward = [make_request(status="verified").id for _ in range(CROWD // 2)]

    def move(request_id: int, status: str):  # type: ignore[no-untyped-def]
        def call(_actor):  # type: ignore[no-untyped-def]
            db.session.execute(sa.update(ServiceRequest).where(ServiceRequest.id == request_id).values(status=status))
            db.session.commit()
        return call

    moves = [(f"{target}-{id_}", move(id_, target), staff) for (id_, target), staff in zip(
        [(id_, "verified") for id_ in forward] + [(id_, "received") for id_ in backward], crowd("staff", CROWD), strict=True
    )]
    result = race(crowd_app, moves)

    assert len(result.winners) == CROWD
    assert dashboard.request_counts() == {
        ("received", channel.id): CROWD // 2, ("verified", channel.id): CROWD // 2,
    }


def test_a_request_being_written_does_not_hold_up_another_on_the_same_channel(crowd_app):
    """The tally is moved at commit: a portal submission storing its files keeps no lock others wait on."""
    template = make_request(status="received")
    db.session.add(ServiceRequest(applicant_id=template.applicant_id, service_type_id=template.service_type_id,
                                  channel_id=template.channel_id, status="received"))
    db.session.flush()
    with crowd_app.app_context(), db.engine.connect() as other:
        other.execute(sa.text("SET lock_timeout = '1s'"))
        other.execute(sa.text(
            "INSERT INTO requests (applicant_id, branch_id, service_type_id, channel_id, status, created_at, version)"
            " SELECT applicant_id, branch_id, service_type_id, channel_id, status, created_at, 1 FROM requests WHERE id = :id"
        ), {"id": template.id})
        other.commit()
    db.session.commit()

    assert dashboard.request_counts() == {("received", template.channel_id): 3}


def test_a_file_blocked_while_the_review_runs_stays_blocked_and_the_other_overdue_files_close(crowd_app):
    """Staff hold the file's row while the review starts; the review waits, reads it again and leaves it."""
    blocked = make_applicant(next_restudy_on=steps.today() - timedelta(days=60))
    other = make_applicant(first_name="خالد", next_restudy_on=steps.today() - timedelta(days=90))
    outcome: dict[str, object] = {}

    def review() -> None:
        with crowd_app.app_context():
            try:
                outcome["closed"] = [applicant.id for applicant in apply_review(steps.today()).closures]
            except Refused as refusal:
                outcome["refused"] = str(refusal)
            finally:
                db.session.remove()

    applicant = locked_row(Applicant, blocked.id, "")
    change_status(applicant, user("staff"), "blocked", "false_data")
    db.session.flush()
    running = threading.Thread(target=review)
    running.start()
    with crowd_app.app_context():
        deadline = time.monotonic() + 10
        while not db.session.scalar(sa.text("SELECT count(*) FROM pg_locks WHERE NOT granted")):
            assert time.monotonic() < deadline, "the review never waited for the staff member's lock"
            time.sleep(0.05)
        db.session.remove()
    db.session.commit()
    running.join(timeout=15)
    assert not running.is_alive()
    assert outcome == {"closed": [other.id]}
    db.session.expire_all()
    assert db.session.get(Applicant, blocked.id).file_status == "blocked"
    assert db.session.get(Applicant, other.id).file_status == "closed"
