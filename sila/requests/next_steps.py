"""What each role may do next with a request, so screens offer only real steps.

This only decides which buttons to show; each step still checks everything
itself when it is taken.
"""
from __future__ import annotations

from models.enums import RequestStatus, Role
from models.request import ServiceRequest
from models.user import User
from sila.requests.checklist import EDITABLE as CHECKLIST_OPEN
from sila.requests.transitions import BEFORE_DECISION

STAFF_NEXT = {
    RequestStatus.received: ("verify",),
    RequestStatus.returned: ("verify",),
    RequestStatus.verified: ("attest",),
    RequestStatus.attested: ("submit",),
    RequestStatus.accepted: ("register",),
    RequestStatus.registered: ("deliver",),
}


def takes_steps(actor: User) -> bool:
    """Whether to offer the bulk steps (verify, submit): relations staff's, never a representative's."""
    return actor.role == Role.staff


def available_steps(request: ServiceRequest, actor: User) -> list[str]:
    if actor.role == Role.staff:
        steps = list(STAFF_NEXT.get(request.status, ()))
        if request.status in CHECKLIST_OPEN:
            steps += ["checklist", "ask_missing"]
        if request.status in BEFORE_DECISION:
            steps += ["withdraw", "cancel"]
        return steps
    if actor.role == Role.committee and request.status == RequestStatus.submitted:
        return ["decide"]
    return []


def conflict_of_interest(request: ServiceRequest, actor: User) -> bool:
    return actor.id in (request.verified_by_id, request.submitted_by_id)
