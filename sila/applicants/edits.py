"""What an edit of an applicant's file sets off, whichever path made it.

The staff form and the spreadsheet import both change a file in place. An
attestation signed before the change no longer covers the data, so it is voided
and its request goes back to verified, to be attested again; and every request
not yet decided takes the score the file now earns. Both happen here, inside the
edit's own unit of work, so the edit and its consequences commit together.
"""
from __future__ import annotations

from models.applicant import Applicant
from models.base import db
from models.enums import BEFORE_DECISION, RequestStatus
from models.request import ServiceRequest
from models.user import User
from sila.applicants.scoring import refresh as refresh_score
from sila.core.audit.recorder import changed_fields
from sila.requests.transitions import void_after_edit

# The attestation covers his data, not his choice of messages: changing it voids nothing.
NOT_ATTESTED = frozenset({"declines_group_messages"})


def after_edit(applicant: Applicant, actor: User | None) -> bool:
    """Void the attestations the edit made untrue and rescore undecided requests; True if one was voided.

    Call it after the new values are set and before the commit. `actor` is who
    edited, or None to take the logged-in user (a command line has none).
    """
    changed = [name for name in changed_fields(applicant) if name not in NOT_ATTESTED]
    with db.session.no_autoflush:
        # Requests are locked before the file is written, in the order every step takes them,
        # so an edit and a step on one of its requests wait for each other instead of deadlocking.
        undecided = db.session.scalars(
            db.select(ServiceRequest)
            .where(ServiceRequest.applicant_id == applicant.id, ServiceRequest.status.in_(BEFORE_DECISION))
            .order_by(ServiceRequest.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
    db.session.flush()
    # A household line the form removed is deleted but still listed until the file is read again.
    db.session.expire(applicant)
    voided = bool(changed) and any([
        void_after_edit(request, actor) for request in undecided if request.status == RequestStatus.attested
    ])
    for request in undecided:
        refresh_score(request)
    return voided
