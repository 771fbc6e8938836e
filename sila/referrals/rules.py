"""Referrals to the social-research officer, as guarded steps every entry path calls.

When procedures are unclear to the applicant, staff refer him to the social
researcher, who answers his questions and clarifies the organisational side:
open → answered → closed. A referral waits in the researchers' shared queue
until one of them takes or answers it. It never changes the request's state.

Like the request's transitions, each step locks the referral, checks who is
acting and what must already be true, changes it, writes exactly one audit
entry and commits — or changes nothing and raises `Refused`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from models.applicant import Applicant
from models.base import db, utcnow
from models.enums import ReferralStatus, ResearchKind, Role, label
from models.referral import Referral, ReferralReason
from models.request import ServiceRequest
from models.user import User
from sila.core.audit.recorder import record
from sila.core.dates import local_day, today
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.requests.transitions import MAX_TEXT, required_day, required_text

REFERRAL_HANDLED = _l("This referral was just handled by someone else. Reload it to see its current state.")


def _locked(referral_id: int) -> Referral:
    return locked_row(Referral, referral_id, _l("This referral does not exist."))


def _require_status(referral: Referral, status: str) -> None:
    if referral.status != status:
        raise Refused(_(
            "This step is not possible while the referral is “%(status)s”.",
            status=label(ReferralStatus, referral.status),
        ))


def _change(referral: Referral, **values: object) -> None:
    """Write only if the row is still as it was read.

    PostgreSQL already holds the row lock; SQLite has no row locks, so there
    the status-and-researcher guard is what stops two researchers who clicked
    at once from both taking or answering the same referral.
    """
    seen = Referral.researcher_id.is_(None) if referral.researcher_id is None else (
        Referral.researcher_id == referral.researcher_id
    )
    result = db.session.execute(
        update(Referral)
        .where(Referral.id == referral.id, Referral.status == referral.status, seen)
        .values(**values)
    )
    if result.rowcount != 1:
        raise Refused(REFERRAL_HANDLED)


def _optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return text or None


def may_refer(actor: User | None) -> bool:
    """Whether to offer the way to refer; the same rule `refer` enforces."""
    try:
        require_role(actor, Role.staff)
    except Refused:
        return False
    return True


def refer(
    applicant_id: int,
    actor: User,
    reason_id: int,
    questions: str | None,
    request_id: int | None = None,
    researcher_id: int | None = None,
) -> Referral:
    """Staff refer an applicant (and his request, if any) to a researcher or to the shared queue."""
    with committed():
        require_role(actor, Role.staff)
        applicant = db.session.get(Applicant, applicant_id) if applicant_id else None
        if applicant is None:
            raise Refused(_l("This applicant does not exist."))
        reason = db.session.get(ReferralReason, reason_id) if reason_id else None
        if reason is None or not reason.is_active:
            raise Refused(_l("Choose the reason for the referral."))
        text = required_text(questions, _l("Write the applicant's questions."))
        if request_id is not None:
            service_request = db.session.get(ServiceRequest, request_id)
            if service_request is None or service_request.applicant_id != applicant.id:
                raise Refused(_l("The chosen request does not belong to this applicant."))
        if researcher_id is not None:
            researcher = db.session.get(User, researcher_id)
            if researcher is None or not researcher.is_active or researcher.role != Role.researcher:
                raise Refused(_l("Choose an active social researcher, or leave the referral in the shared queue."))
        referral = Referral(
            applicant_id=applicant.id, request_id=request_id, reason_id=reason.id, questions=text,
            researcher_id=researcher_id, created_by_id=actor.id, status=ReferralStatus.open,
        )
        db.session.add(referral)
        db.session.flush()
        record("refer", "referral", referral.id, field="status", new=ReferralStatus.open,
               note=reason.name, actor_id=actor.id)
    return referral


def take(referral_id: int, actor: User) -> Referral:
    """A researcher takes an open referral from the shared queue: from now on it is his."""
    with committed():
        referral = _locked(referral_id)
        require_role(actor, Role.researcher)
        _require_status(referral, ReferralStatus.open)
        if referral.researcher_id == actor.id:
            raise Refused(_l("This referral is already assigned to you."))
        if referral.researcher_id is not None:
            raise Refused(_l("This referral is assigned to another researcher."))
        _change(referral, researcher_id=actor.id)
        record("take", "referral", referral.id, field="researcher_id", new=actor.id, actor_id=actor.id)
    return referral


def answer(referral_id: int, actor: User, text: str | None, clarification: str | None = None) -> Referral:
    """The researcher answers the questions, and may clarify the procedure apart from the answer.

    An unassigned referral becomes his by answering.
    """
    with committed():
        referral = _locked(referral_id)
        require_role(actor, Role.researcher)
        _require_status(referral, ReferralStatus.open)
        if referral.researcher_id not in (None, actor.id):
            raise Refused(_l("This referral is assigned to another researcher."))
        reply = required_text(text, _l("Write the answer and clarification."))
        _change(
            referral, researcher_id=actor.id, answer=reply, answered_at=utcnow(),
            status=ReferralStatus.answered, clarification=_optional_text(clarification),
        )
        record("answer", "referral", referral.id, field="status", old=ReferralStatus.open,
               new=ReferralStatus.answered, note=reply, actor_id=actor.id)
    return referral


def write_report(
    referral_id: int,
    actor: User,
    kind: str | None,
    on: date | str | None,
    findings: str | None,
    recommendation: str | None,
) -> Referral:
    """The assigned researcher writes (or rewrites) the social-research report the committee reads.

    Only while the referral is open or answered: a closed referral's report is
    what the committee already relied on, so it is no longer changed.
    """
    with committed():
        referral = _locked(referral_id)
        require_role(actor, Role.researcher)
        if referral.status not in (ReferralStatus.open, ReferralStatus.answered):
            raise Refused(_(
                "This step is not possible while the referral is “%(status)s”.",
                status=label(ReferralStatus, referral.status),
            ))
        if referral.researcher_id is None:
            raise Refused(_l("Take this referral before writing its report."))
        if referral.researcher_id != actor.id:
            raise Refused(_l("Only the researcher assigned to this referral can write its report."))
        if kind not in set(ResearchKind):
            raise Refused(_l("Choose how the research was done."))
        done_on = _report_date(on)
        text = required_text(findings, _l("Write the findings."))
        advice = required_text(recommendation, _l("Write the recommendation."))
        _change(
            referral, report_kind=kind, report_on=done_on, report_findings=text, report_recommendation=advice,
        )
        record("write_report", "referral", referral.id, field="report_kind", old=referral.report_kind, new=kind,
               note=advice, actor_id=actor.id)
    return referral


def _report_date(value: date | str | None) -> date:
    """The day of the visit, interview or call, typed in either calendar; it cannot be in the future."""
    day = required_day(value, _l("Enter the date of the research."))
    if day > today():
        raise Refused(_l("The date of the research cannot be in the future."))
    return day


def close(referral_id: int, actor: User) -> Referral:
    """Staff, or the researcher who answered, close an answered referral."""
    with committed():
        referral = _locked(referral_id)
        require_role(actor, Role.staff, Role.researcher)
        if actor.role == Role.researcher and referral.researcher_id != actor.id:
            raise Refused(_l("Only the researcher assigned to this referral, or relations staff, can close it."))
        _require_status(referral, ReferralStatus.answered)
        _change(referral, status=ReferralStatus.closed, closed_at=utcnow())
        record("close", "referral", referral.id, field="status", old=ReferralStatus.answered,
               new=ReferralStatus.closed, actor_id=actor.id)
    return referral


def age_in_days(referral: Referral, today: date) -> int:
    """Whole days since the referral was made, counted in the association's calendar days."""
    return max((today - local_day(referral.created_at)).days, 0)


def available_steps(referral: Referral, actor: User) -> list[str]:
    """The step buttons to offer; each step still checks everything itself when taken."""
    mine = referral.researcher_id == actor.id and actor.role == Role.researcher
    if referral.status == ReferralStatus.open and actor.role == Role.researcher:
        if referral.researcher_id is None:
            return ["take", "answer"]
        return ["answer", "report"] if mine else []
    if referral.status == ReferralStatus.answered and (actor.role == Role.staff or mine):
        return ["report", "close"] if mine else ["close"]
    return []


@dataclass(frozen=True)
class ReferralLine:
    """One referral as a request's page lists it: its status translated, its age while open."""

    referral: Referral
    status: str
    age: int | None
    report_kind: str = ""


def referrals_of(request_id: int) -> list[ReferralLine]:
    """A request's referrals, oldest first."""
    rows = db.session.scalars(
        db.select(Referral).where(Referral.request_id == request_id).order_by(Referral.created_at, Referral.id)
    )
    on = today()
    return [
        ReferralLine(
            referral=row,
            status=label(ReferralStatus, row.status),
            age=age_in_days(row, on) if row.status == ReferralStatus.open else None,
            report_kind=label(ResearchKind, row.report_kind),
        )
        for row in rows
    ]
