"""Demo committee meeting: the research committee with its two demo members and one planned meeting.

Built through the committee workflow (so its audit trail is the real one) after
`presets.demo.load_demo_requests`; it does nothing once the committee has a meeting.
"""
from __future__ import annotations

from datetime import timedelta

from models.base import db
from models.committee import Committee, CommitteeMember, Meeting
from models.enums import DecisionRule
from models.user import User
from sila.committee import meetings
from sila.core.dates import today

AGENDA_SIZE = 4
PLACE = "قاعة الاجتماعات بمقر الجمعية"


def _user(username: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.username == username))


def load_demo_meetings() -> int:
    """The committee's demo members and a planned meeting with a few submitted requests of its secretary's
    branch (a secretary working at a branch puts only its requests on the agenda); returns its agenda size."""
    committee = db.session.scalar(db.select(Committee).order_by(Committee.id).limit(1))
    chair, member, secretary = _user("committee"), _user("committee2"), _user("staff")
    if committee is None or None in (chair, member, secretary):
        return 0
    if db.session.scalar(db.select(Meeting.id).where(Meeting.committee_id == committee.id).limit(1)):
        return 0
    committee.decision_rule, committee.quorum = DecisionRule.majority, 2
    for user, is_chair in ((chair, True), (member, False)):
        row = db.session.scalar(db.select(CommitteeMember).filter_by(committee_id=committee.id, user_id=user.id))
        if row is None:
            db.session.add(CommitteeMember(committee_id=committee.id, user_id=user.id, is_chair=is_chair))
    db.session.commit()
    meeting = meetings.create_meeting(committee.id, secretary, today() + timedelta(days=3), PLACE)
    meetings.set_attendees(meeting.id, secretary, [chair.id, member.id])
    for request in meetings.eligible_requests(secretary)[:AGENDA_SIZE]:
        meetings.add_item(meeting.id, secretary, request.id)
    return len(meetings.agenda_of(meeting.id))
