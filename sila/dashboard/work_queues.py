"""What waits for one person: the staff member's, the researcher's and the committee's own figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, true

from models.base import db
from models.enums import ReferralStatus, RequestStatus, TransferOutcome, label
from models.file_transfer import FileTransfer
from models.referral import Referral
from models.request import ServiceRequest
from models.request_tally import RequestTally
from models.user import User
from sila.branches.scope import at_branches, branch_ids, condition
from sila.core.step_permissions import referrals_in_reach
from sila.dashboard.figures import overdue_at_committee, waiting_at_committee
from sila.requests.next_steps import STAFF_NEXT

# Statuses in which the next step is a staff member's, in the order of the path.
STAFF_WAITING = tuple(STAFF_NEXT)


@dataclass(frozen=True)
class StaffWaiting:
    """Requests at one status that wait for a staff step: the team's total and those this person received."""

    status: str
    label: str
    count: int
    mine: int


def staff_referrals(user_id: int) -> dict[str, int]:
    """Open referrals this staff member made, and open ones on requests he received."""
    created = db.session.scalar(
        db.select(func.count(Referral.id)).where(
            Referral.status == ReferralStatus.open, Referral.created_by_id == user_id
        )
    ) or 0
    on_requests = db.session.scalar(
        db.select(func.count(Referral.id))
        .join(ServiceRequest, Referral.request_id == ServiceRequest.id)
        .where(Referral.status == ReferralStatus.open, ServiceRequest.received_by_id == user_id)
    ) or 0
    return {"created": created, "on_requests": on_requests}


def _team_totals(user: User) -> dict[str, int]:
    """The team is the user's branches, or the whole association: both read the tallies."""
    return {status: int(count) for status, count in db.session.execute(
        db.select(RequestTally.status, func.sum(RequestTally.requests))
        .where(RequestTally.status.in_(STAFF_WAITING), condition(RequestTally, user))
        .group_by(RequestTally.status)
    ).all()}


def staff_waiting(user: User) -> list[StaffWaiting]:
    """Requests waiting for a staff step, per status: the team's total, and this person's from an index."""
    user_id = user.id
    totals = _team_totals(user)
    mine = dict(db.session.execute(
        db.select(ServiceRequest.status, func.count())
        .where(ServiceRequest.received_by_id == user_id, ServiceRequest.status.in_(STAFF_WAITING))
        .group_by(ServiceRequest.status)
    ).all())
    return [
        StaffWaiting(status.value, label(RequestStatus, status), totals.get(status.value, 0), mine.get(status.value, 0))
        for status in STAFF_WAITING
    ]


def incoming_transfers(user: User) -> int:
    """Transfers of files into the user's branches still waiting for their answer.

    Only the receiving end counts: a transfer his branch sent waits for the other branch, not for him.
    """
    ids = branch_ids(user)
    receiving = true() if ids is None else at_branches(FileTransfer.to_branch_id, ids)
    return db.session.scalar(
        db.select(func.count(FileTransfer.id)).where(FileTransfer.outcome == TransferOutcome.pending, receiving)
    ) or 0


def researcher_queue(user: User) -> int:
    """Open referrals of his branches assigned to this researcher or waiting in the shared queue."""
    return db.session.scalar(
        db.select(func.count(Referral.id)).where(
            Referral.status == ReferralStatus.open,
            referrals_in_reach(user.id),
            condition(Referral, user),
        )
    ) or 0


def committee_waiting(today: date, user: User) -> dict[str, int]:
    """Requests of his branches (or the whole association's) awaiting a decision, and those of them
    past the earliest answer date."""
    branches = branch_ids(user)
    waiting = waiting_at_committee(branches)
    return {"waiting": waiting, "overdue": overdue_at_committee(today, waiting, branches)}
