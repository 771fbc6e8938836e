"""The dashboard's stage and channel figures come from tallies the database keeps; they must equal a count of the rows.

The page itself is checked against the rows in tests/dashboard/test_dashboard.py.
"""
from __future__ import annotations

import sqlalchemy as sa

from models import Channel, ServiceRequest
from models.base import db
from sila.dashboard import figures as dashboard
from tests.factories import make_request
from tests.requests.test_workflow import walk_to


def _counted() -> dict[tuple[str, int], int]:
    """The figures as a GROUP BY over the requests table gives them."""
    rows = db.session.execute(
        db.select(ServiceRequest.status, ServiceRequest.channel_id, sa.func.count()).group_by(
            ServiceRequest.status, ServiceRequest.channel_id
        )
    ).all()
    return {(status, channel_id): count for status, channel_id, count in rows}


def _channels() -> list[Channel]:
    return list(db.session.scalars(db.select(Channel).order_by(Channel.position)))


def test_figures_follow_requests_through_steps_channel_changes_and_deletion(rakeen):
    first, second = _channels()[:2]
    walk_to("closed")
    walk_to("submitted")
    moved = make_request()
    gone = make_request(status="verified")
    assert dashboard.request_counts() == _counted()

    moved.channel_id = second.id
    db.session.delete(gone)
    db.session.commit()
    counts = dashboard.request_counts()
    assert counts == _counted()
    assert counts[("received", second.id)] == 1
    assert ("verified", first.id) not in counts, "a status with no request left is not a figure"
    assert sum(counts.values()) == 3


def test_rows_written_without_the_app_are_counted_too(rakeen):
    """Imports and bulk loads write with plain SQL; the database counts them all the same."""
    channel = _channels()[0]
    template = make_request()
    db.session.execute(sa.text(
        "INSERT INTO requests (applicant_id, branch_id, service_type_id, channel_id, status, created_at, version)"
        " SELECT applicant_id, branch_id, service_type_id, channel_id, 'accepted', created_at, 1 FROM requests WHERE id = :id"
    ), {"id": template.id})
    db.session.execute(sa.text("UPDATE requests SET status = 'rejected' WHERE id = :id"), {"id": template.id})
    db.session.commit()

    assert dashboard.request_counts() == _counted() == {("accepted", channel.id): 1, ("rejected", channel.id): 1}


def test_each_branch_tallies_its_own_requests_and_a_move_carries_the_count(rakeen):
    """A transfer writes the file's requests at another branch: the count leaves one branch for the other."""
    from models import Branch

    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    other = Branch(name="فرع الدمام", city="الدمام", is_active=True)
    db.session.add(other)
    db.session.commit()
    make_request()
    walk_to("submitted")
    moved = make_request(status="verified")
    db.session.execute(sa.text("UPDATE requests SET branch_id = :branch WHERE id = :id"), {"branch": other.id, "id": moved.id})
    db.session.commit()

    for branch in (main, other):
        rows = db.session.execute(
            db.select(ServiceRequest.status, ServiceRequest.channel_id, sa.func.count())
            .where(ServiceRequest.branch_id == branch.id)
            .group_by(ServiceRequest.status, ServiceRequest.channel_id)
        ).all()
        assert dashboard.request_counts(frozenset({branch.id})) == {(s, c): n for s, c, n in rows}
    assert dashboard.request_counts(frozenset({other.id})) == {("verified", moved.channel_id): 1}
    assert dashboard.request_counts() == _counted()
