"""The decision letter to the applicant, as an Arabic right-to-left PDF.

Its wording is the admin-edited letter text for the decision's outcome; the
frame around it (reference, dates, addressee, the decision and its reason,
signature) is fixed so every letter can be traced back to its decision. A
background job renders it once the decision commits (sila/committee/letter_jobs.py);
downloads serve that stored PDF.
"""
from __future__ import annotations

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.base import db
from models.committee import Committee, Decision, Meeting
from models.enums import DecisionOutcome, TemplateKind, Vocabulary, label
from models.organization import Organization
from models.user import User
from sila.branches.scope import may_reach
from sila.committee.letter_jobs import stored_letter
from sila.core.audit.recorder import record
from sila.core.dates import hijri_text, local_day
from sila.core.errors import Refused
from sila.core.pdf.render import render_pdf
from sila.core.permissions import can_read
from sila.core.vocabulary import current_vocabulary
from sila.settings.texts.store import render_text

NOT_FOUND = _l("This decision does not exist.")
NOT_ALLOWED = _l("Your role does not allow opening decision letters.")
OTHER_BRANCH = _l("This decision letter belongs to a file of another branch.")
BEING_PREPARED = _l("The decision letter is being prepared; it will be ready in a minute.")


class LetterNotReady(Exception):
    """The decision exists but its letter has not been rendered yet."""


def letter_reference(decision: Decision) -> str:
    """The reference printed on the letter and quoted in messages: <request number>-<decision id>."""
    return f"{decision.request.number}-{decision.id}"


def letter_values(decision: Decision) -> dict[str, str]:
    """The placeholder values of a decision's letter (and of the message announcing it), in Arabic."""
    request = decision.request
    day = local_day(decision.decided_at)
    with force_locale("ar"):
        return {
            "name": request.applicant.full_name,
            "number": request.number,
            "service": request.service_type.name,
            "decision": label(DecisionOutcome, decision.outcome),
            "reason": decision.reason or "",
            "letter_reference": letter_reference(decision),
            "date_hijri": hijri_text(day),
            "date_gregorian": format_date(day, "d MMMM y"),
        }


def _addressee(name: str) -> str:
    if current_vocabulary() == Vocabulary.member:
        return _("To the honourable member %(name)s", name=name)
    return _("To the honourable beneficiary %(name)s", name=name)


def _committee(decision: Decision) -> Committee | None:
    if decision.meeting_id is not None:
        meeting = db.session.get(Meeting, decision.meeting_id)
        if meeting is not None:
            return meeting.committee
    return db.session.scalar(db.select(Committee).where(Committee.is_active.is_(True)).order_by(Committee.id).limit(1))


def decision_letter_pdf(decision_id: int) -> bytes:
    """The letter for one decision; raises LookupError for an unknown decision."""
    decision = db.session.get(Decision, decision_id)
    if decision is None:
        raise LookupError(str(NOT_FOUND))
    values = letter_values(decision)
    subject, body = render_text(TemplateKind.letter, decision.outcome, values)
    with force_locale("ar"):
        addressee = _addressee(values["name"])
    return render_pdf(
        "decision_letter.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        decision=decision,
        request=decision.request,
        values=values,
        addressee=addressee,
        subject=subject,
        paragraphs=[line for line in body.splitlines() if line.strip()],
        committee=_committee(decision),
        with_reason=bool(decision.reason),
    )


def latest_decision(request_id: int) -> Decision | None:
    """The request's most recent decision: a returned request may be decided again later."""
    return db.session.scalar(
        db.select(Decision).where(Decision.request_id == request_id).order_by(Decision.id.desc()).limit(1)
    )


def letter_for_download(decision_id: int, actor: User | None) -> tuple[str, bytes]:
    """(file name, stored PDF) for a reader allowed to see decisions, the download recorded in the audit log.

    Raises Refused for other roles and for a decision outside the reader's branches, LookupError for an
    unknown decision and LetterNotReady while the job has not rendered it; nothing is recorded then.
    """
    if actor is None or not actor.is_active or not can_read(actor.role, "decisions"):
        raise Refused(NOT_ALLOWED)
    decision = db.session.get(Decision, decision_id)
    if decision is None:
        raise LookupError(str(NOT_FOUND))
    if not may_reach(Decision, decision.id, actor):
        raise Refused(OTHER_BRANCH)
    data = stored_letter(decision_id)
    if data is None:
        raise LetterNotReady(str(BEING_PREPARED))
    record("letter_download", "request", decision.request_id, note=letter_reference(decision), actor_id=actor.id)
    db.session.commit()
    return letter_file_name(decision_id), data


def letter_file_name(decision_id: int) -> str:
    """The name a letter is downloaded or attached under."""
    return f"decision-letter-{letter_reference(db.session.get(Decision, decision_id))}.pdf"
