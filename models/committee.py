"""The research committee: members, meetings, votes and the decisions they reach."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import Timestamped, db, one_of, utcnow
from models.branch_path import ASSOCIATION_WIDE, OF_REQUEST
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, VoteChoice
from models.personal_data import ABOUT, FACT, SEARCH, SYSTEM, personal
from models.request import ServiceRequest
from models.user import User


class Committee(Timestamped, db.Model):
    __tablename__ = "committees"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("committee")
    __table_args__ = (
        one_of("decision_rule", DecisionRule),
        CheckConstraint("quorum >= 1", name="quorum_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT))
    decision_rule: Mapped[str] = mapped_column(String(24), default=DecisionRule.majority, info=personal(FACT))
    quorum: Mapped[int] = mapped_column(Integer, default=1, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    members: Mapped[list[CommitteeMember]] = relationship(back_populates="committee")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(db.Model):
    __tablename__ = "committee_members"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("committee_member")
    __table_args__ = (UniqueConstraint("committee_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT))

    committee: Mapped[Committee] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Meeting(Timestamped, db.Model):
    __tablename__ = "meetings"
    # The committee is association-wide; what it decides is scoped through each agenda item's request.
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (UniqueConstraint("committee_id", "number"), one_of("status", MeetingStatus))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    number: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    held_on: Mapped[date] = mapped_column(Date, info=personal(FACT))
    place: Mapped[str | None] = mapped_column(String(200), info=personal(FACT))
    status: Mapped[str] = mapped_column(String(24), default=MeetingStatus.planned, info=personal(FACT))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    version: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(SYSTEM))

    __mapper_args__ = {"version_id_col": version}

    committee: Mapped[Committee] = relationship()
    secretary: Mapped[User | None] = relationship()


class MeetingAttendee(db.Model):
    __tablename__ = "meeting_attendees"
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"
    __branch__ = OF_REQUEST
    __table_args__ = (UniqueConstraint("meeting_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))

    meeting: Mapped[Meeting] = relationship()
    request: Mapped[ServiceRequest] = relationship()


class Vote(db.Model):
    __tablename__ = "votes"
    # A member's vote is the committee's own, which is association-wide.
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (UniqueConstraint("agenda_item_id", "member_id"), one_of("choice", VoteChoice))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    choice: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    comment: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    cast_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=personal(FACT))


class Decision(db.Model):
    """The committee's answer on a request; the request's status follows it."""

    __tablename__ = "decisions"
    __branch__ = OF_REQUEST
    __table_args__ = (one_of("outcome", DecisionOutcome),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    outcome: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    reason: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=personal(FACT))
    # The letter's PDF, rendered by a background job after the decision commits (sila/committee/letter_jobs.py);
    # empty until then. It names the applicant: erased with his file, and never shown as a value. Its time
    # is erased with it, so "rendered" keeps meaning "there is a PDF" and the job renders it again.
    letter_pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, info=personal(SEARCH))
    letter_rendered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(SEARCH))

    request: Mapped[ServiceRequest] = relationship()
    decided_by: Mapped[User | None] = relationship()
