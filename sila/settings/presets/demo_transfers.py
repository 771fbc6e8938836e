"""Demo file transfers between branches: one waiting for Jeddah's answer, one Madinah already accepted.

Made through sila/branches/transfers.py's own steps (asked by the sending
branch's staff, answered by the receiving branch's), so each file's history
shows them as a real transfer would. Loaded after the demo branches and files;
does nothing once a transfer exists, or without files at the branches.
"""
from __future__ import annotations

from models.applicant import Applicant
from models.base import db
from models.branch import Branch
from models.enums import RequestStatus
from models.file_transfer import FileTransfer
from models.request import ServiceRequest
from models.user import User
from sila.branches import transfers

# (sending branch or None for the main office, its staff, receiving branch, its staff, reason, accepted)
DEMO_TRANSFERS = (
    (None, "staff", "فرع جدة", "staff_jeddah", "انتقلت الأسرة للسكن في جدة", False),
    ("فرع الدمام", "staff_dammam", "فرع المدينة المنورة", "staff_madinah", "انتقل رب الأسرة للعمل في ينبع", True),
)


def _branch(name: str | None) -> Branch | None:
    if name is None:
        return db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    return db.session.scalar(db.select(Branch).where(Branch.name == name))


def _user(username: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.username == username))


def _movable_file(branch: Branch) -> Applicant | None:
    """The branch's first file with no request before the committee (which would hold it in place)."""
    at_the_committee = db.select(ServiceRequest.applicant_id).where(ServiceRequest.status == RequestStatus.submitted)
    return db.session.scalar(
        db.select(Applicant)
        .where(Applicant.branch_id == branch.id, Applicant.id.not_in(at_the_committee))
        .order_by(Applicant.id).limit(1)
    )


def load_demo_transfers() -> int:
    """The demo's transfers; how many were made (0 when there already are some)."""
    if db.session.scalar(db.select(FileTransfer.id).limit(1)) is not None:
        return 0
    made = 0
    for sender, sender_staff, receiver, receiver_staff, reason, accepted in DEMO_TRANSFERS:
        source, target = _branch(sender), _branch(receiver)
        asking, answering = _user(sender_staff), _user(receiver_staff)
        if source is None or target is None or asking is None or answering is None:
            continue
        applicant = _movable_file(source)
        if applicant is None:
            continue
        transfer = transfers.request_transfer(applicant.id, target.id, reason, asking)
        if accepted:
            transfers.accept(transfer.id, answering, "أهلاً بالأسرة في فرع المدينة المنورة")
        made += 1
    return made
