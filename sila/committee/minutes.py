"""A meeting's minutes as an Arabic PDF: who attended, each item's votes and decision, signature lines."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.base import db
from models.committee import AgendaItem, Meeting
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, label
from models.organization import Organization
from models.stored_document import DocumentKind
from models.user import User
from sila.branches.scope import visible
from sila.committee.meetings import agenda_of, attendees_of, chair_of
from sila.core.pdf.render import render_pdf
from sila.core.pdf.stored import for_download

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


def minutes_for(meeting_id: int, reader: User) -> bytes | None:
    """The minutes a reader may download: the stored ones (None while the job prepares them) when he may
    see every item; otherwise a copy of his branches' items only, rendered for him now."""
    items = db.select(db.func.count(AgendaItem.id)).where(AgendaItem.meeting_id == meeting_id)
    if db.session.scalar(visible(items, AgendaItem, reader)) == db.session.scalar(items):
        return for_download(DocumentKind.minutes, meeting_id)
    return minutes_pdf(meeting_id, reader)
