"""Moving a file between branches: the sending branch asks, the receiving branch accepts or declines.

Until it is accepted the file stays where it is. A file with a request before
the research committee does not move until that request is decided: the
committee's decision and the letter belong to the branch that put it there.
Acceptance moves, in its own transaction, the file and every row that stores
its branch (its requests and contacts); everything else (referrals, visits,
messages, attachments, decisions, household) reaches its branch through the
file or its requests (models/branch_path.py) and follows without being
written. Each step is one transaction and one audit entry on the file, so the
file's history shows the transfer and its answer.

Two answers at once (two accepts, or an accept and a decline) race on one
conditional UPDATE of the transfer: exactly one finds it still pending.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from models.applicant import Applicant
from models.base import db, utcnow
from models.branch import Branch
from models.contact import Contact
from models.enums import RequestStatus, Role, TransferOutcome
from models.file_transfer import FileTransfer
from models.request import ServiceRequest
from models.user import User
from sila.branches.scope import branch_ids, may_reach
from sila.core.audit.recorder import record
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.requests.transitions import MAX_TEXT, required_text

AT_THE_COMMITTEE = _l(
    "This file has a request before the research committee: it cannot move to another branch until the "
    "committee decides on it."
)
ANSWERED = _l("This transfer was already answered. Reload the page to see its outcome.")
NOT_RECEIVING = _l("Only the staff of the receiving branch answer a transfer.")
SENDING_ONLY = _l("Only the staff of the branch that holds the file may ask to transfer it.")


class NotTheirs(Refused):
    """The actor works at neither end of the file's move: the screens answer 403."""


def request_transfer(applicant_id: int, to_branch_id: int | None, reason: str | None, actor: User) -> FileTransfer:
    """Staff of the file's branch ask another branch to take it, saying why."""
    with committed():
        applicant = locked_row(Applicant, applicant_id, _l("This file does not exist."))
        require_role(actor, Role.staff)
        if not may_reach(Applicant, applicant.id, actor):
            raise NotTheirs(SENDING_ONLY)
        to_branch = db.session.get(Branch, to_branch_id) if to_branch_id else None
        if to_branch is None or not to_branch.is_active:
            raise Refused(_l("Choose the branch that should receive the file."))
        if to_branch.id == applicant.branch_id:
            raise Refused(_l("The file is already at this branch."))
        text = required_text(reason, _l("Write the reason for the transfer."))
        _not_at_the_committee(applicant.id)
        if _pending(applicant.id) is not None:
            raise Refused(_l("A transfer of this file is already waiting for the receiving branch's answer."))
        transfer = FileTransfer(
            applicant_id=applicant.id, from_branch_id=applicant.branch_id, to_branch_id=to_branch.id,
            reason=text, requested_by_id=actor.id, requested_at=utcnow(),
        )
        db.session.add(transfer)
        db.session.flush()
        record("transfer_request", "applicant", applicant.id, field="branch_id", old=applicant.branch.name,
               new=to_branch.name, note=text, actor_id=actor.id)
    return transfer


def accept(transfer_id: int, actor: User, note: str | None = None) -> FileTransfer:
    """The receiving branch takes the file: it and everything that follows its branch move now."""
    with committed():
        transfer = _answer(transfer_id, actor, TransferOutcome.accepted, note)
        applicant = locked_row(Applicant, transfer.applicant_id, _l("This file does not exist."))
        _not_at_the_committee(applicant.id)
        _move(applicant, transfer.to_branch_id)
        record("transfer_accept", "applicant", applicant.id, field="branch_id", old=transfer.from_branch.name,
               new=transfer.to_branch.name, note=transfer.answer_note, actor_id=actor.id)
    return transfer


def decline(transfer_id: int, actor: User, note: str | None = None) -> FileTransfer:
    """The receiving branch does not take the file: it stays where it is."""
    with committed():
        transfer = _answer(transfer_id, actor, TransferOutcome.declined, note)
        record("transfer_decline", "applicant", transfer.applicant_id, note=transfer.answer_note, actor_id=actor.id)
    return transfer


def may_answer(transfer: FileTransfer, actor: User | None) -> bool:
    """Whether to offer accept and decline; the same rule `accept` and `decline` enforce."""
    return (
        actor is not None and actor.is_active and actor.role == Role.staff
        and transfer.outcome == TransferOutcome.pending and transfer.to_branch_id in (branch_ids(actor) or ())
    )


def may_request(applicant: Applicant, actor: User | None) -> bool:
    """Whether to offer the transfer form on the file's page; `request_transfer` checks the rest."""
    return actor is not None and actor.is_active and actor.role == Role.staff and _pending(applicant.id) is None


def pending_of(applicant_id: int) -> FileTransfer | None:
    return _pending(applicant_id)


def _answer(transfer_id: int, actor: User, outcome: str, note: str | None) -> FileTransfer:
    """Claim the pending transfer for this answer by one conditional UPDATE; the loser of a race is told."""
    transfer = db.session.get(FileTransfer, transfer_id)
    if transfer is None:
        raise Refused(_l("This transfer does not exist."))
    require_role(actor, Role.staff)
    if transfer.to_branch_id not in (branch_ids(actor) or ()):
        if may_reach(FileTransfer, transfer.id, actor):
            raise Refused(NOT_RECEIVING)
        raise NotTheirs(NOT_RECEIVING)
    text = (note or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    claimed = db.session.execute(
        update(FileTransfer)
        .where(FileTransfer.id == transfer.id, FileTransfer.outcome == TransferOutcome.pending)
        .values(outcome=outcome, answered_by_id=actor.id, answered_at=utcnow(), answer_note=text or None)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Refused(ANSWERED)
    db.session.refresh(transfer)
    return transfer


def _move(applicant: Applicant, branch_id: int) -> None:
    """The file and the rows that keep its branch in a column of their own, in the open transaction."""
    applicant.branch_id = branch_id
    db.session.flush()
    db.session.execute(
        update(ServiceRequest).where(ServiceRequest.applicant_id == applicant.id)
        .values(branch_id=branch_id, version=ServiceRequest.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(
        update(Contact).where(Contact.applicant_id == applicant.id).values(branch_id=branch_id)
        .execution_options(synchronize_session="fetch")
    )


def _not_at_the_committee(applicant_id: int) -> None:
    """Refused while a request of the file waits for the committee; its requests are locked meanwhile,
    so a submission racing the move waits and then finds the file where the move left it."""
    statuses = db.session.scalars(
        db.select(ServiceRequest.status).where(ServiceRequest.applicant_id == applicant_id).with_for_update()
    ).all()
    if RequestStatus.submitted in statuses:
        raise Refused(AT_THE_COMMITTEE)


def _pending(applicant_id: int) -> FileTransfer | None:
    return db.session.scalar(
        db.select(FileTransfer)
        .where(FileTransfer.applicant_id == applicant_id, FileTransfer.outcome == TransferOutcome.pending)
        .limit(1)
    )
