"""What a signed-in applicant reads of his own file: each request step by step, decisions and letters, the data held.

Only what is his: every query is bound to the applicant of the portal session,
and a letter or export asked for by number is looked up through him, so a
number typed into the address bar of another file answers like one that does
not exist. No member of staff is named. The other household members'
personal data are shown only to the head of the household: an applicant whose
file names someone else as head sees each member by relation alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from models.applicant import Applicant
from models.base import db
from models.committee import Decision
from models.enums import DecisionOutcome, RequestStatus, label
from models.request import ServiceRequest
from sila.committee.letter_jobs import stored_letter
from sila.committee.letters import BEING_PREPARED, LetterNotReady, letter_file_name, letter_reference
from sila.core.audit.labels import action_label
from sila.core.audit.recorder import record
from sila.core.dates import dual_date
from sila.privacy.document import Lines, dossier_pdf, readable
from sila.privacy.dossier import holds_the_household

# The request's own step columns, in the order the path takes them, and the audit action naming each.
STEPS = (
    ("verified_at", "verify"), ("submitted_at", "submit"), ("decided_at", "decide"),
    ("registered_at", "register"), ("delivered_at", "deliver"), ("closed_at", "close"),
)


@dataclass(frozen=True)
class Step:
    what: str
    on: str


@dataclass(frozen=True)
class Letter:
    decision_id: int
    outcome: str
    decided_on: str
    reason: str | None
    reference: str
    ready: bool


@dataclass(frozen=True)
class RequestSummary:
    number: str
    service: str
    status: str
    steps: list[Step]
    earliest_answer_on: str | None
    letters: list[Letter]


def _steps(request: ServiceRequest) -> list[Step]:
    done: list[tuple[datetime, str]] = [(request.created_at, _("Request received"))]
    done += [(getattr(request, column), action_label(action)) for column, action in STEPS if getattr(request, column)]
    return [Step(what, dual_date(at)) for at, what in done]


def requests_of(applicant: Applicant) -> list[RequestSummary]:
    """His requests, newest first, with the earliest answer date while it is still ahead of him."""
    requests = list(db.session.scalars(
        db.select(ServiceRequest).where(ServiceRequest.applicant_id == applicant.id).order_by(ServiceRequest.id.desc())
    ))
    decisions = db.session.scalars(
        db.select(Decision).where(Decision.request_id.in_([request.id for request in requests])).order_by(Decision.id)
    )
    letters: dict[int, list[Letter]] = {}
    for decision in decisions:
        letters.setdefault(decision.request_id, []).append(Letter(
            decision.id, label(DecisionOutcome, decision.outcome), dual_date(decision.decided_at), decision.reason,
            letter_reference(decision), decision.letter_rendered_at is not None,
        ))
    return [
        RequestSummary(
            number=request.number, service=request.service_type.name, status=label(RequestStatus, request.status),
            steps=_steps(request),
            earliest_answer_on=dual_date(request.earliest_answer_on) if request.earliest_answer_on else None,
            letters=letters.get(request.id, []),
        )
        for request in requests
    ]


def data_held(applicant: Applicant) -> tuple[Lines, list[tuple[str, list[Lines]]]]:
    """His own data and the file's sections, read from the data-access answer so both always agree."""
    return readable(applicant, members_in_full=holds_the_household(applicant))


def own_letter(applicant: Applicant, decision_id: int) -> tuple[str, bytes] | None:
    """(file name, stored PDF) of a decision on one of his requests, recorded as downloaded; None for any other
    number. Raises LetterNotReady while the job has not rendered it."""
    decision = db.session.scalar(
        db.select(Decision).join(ServiceRequest, ServiceRequest.id == Decision.request_id)
        .where(Decision.id == decision_id, ServiceRequest.applicant_id == applicant.id)
    )
    if decision is None:
        return None
    data = stored_letter(decision.id)
    if data is None:
        raise LetterNotReady(str(BEING_PREPARED))
    record("letter_download", "request", decision.request_id, note=letter_reference(decision))
    db.session.commit()
    return letter_file_name(decision.id), data


def data_export(applicant: Applicant) -> bytes:
    """The data-access answer staff would hand him, taken by himself; audited like theirs."""
    data = dossier_pdf(applicant, members_in_full=holds_the_household(applicant))
    record("data_export", "applicant", applicant.id, note="portal")
    db.session.commit()
    return data
