"""A meeting's minutes as an Arabic PDF: who attended, each item's votes and decision, signature lines."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.base import db
from models.committee import Meeting
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, label
from models.organization import Organization
from models.user import User
from sila.committee.meetings import agenda_of, attendees_of, chair_of
from sila.core.pdf.render import render_pdf

NOT_FOUND = _l("This meeting does not exist.")


def minutes_pdf(meeting_id: int, reader: User | None = None) -> bytes:
    """The minutes as they stand: a planned or held meeting prints what is recorded so far; a reader
    working at some branches prints their items only."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise LookupError(str(NOT_FOUND))
    return render_pdf(
        "minutes.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        meeting=meeting,
        committee=meeting.committee,
        chair=chair_of(meeting.committee_id),
        attendees=attendees_of(meeting.id),
        lines=agenda_of(meeting.id, reader),
        rule=label(DecisionRule, meeting.committee.decision_rule),
        status=label(MeetingStatus, meeting.status),
        outcome_label=lambda outcome: label(DecisionOutcome, outcome),
    )
