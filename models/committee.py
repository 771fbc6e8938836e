"""The research committee: members, meetings, votes and the decisions they reach."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import Timestamped, db, one_of, utcnow
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, VoteChoice
from models.request import ServiceRequest
from models.user import User


class Committee(Timestamped, db.Model):
    __tablename__ = "committees"
    __audited__ = Audited("committee")
    __table_args__ = (
        one_of("decision_rule", DecisionRule),
        CheckConstraint("quorum >= 1", name="quorum_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    decision_rule: Mapped[str] = mapped_column(String(24), default=DecisionRule.majority)
    quorum: Mapped[int] = mapped_column(Integer, default=1)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[CommitteeMember]] = relationship(back_populates="committee")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(db.Model):
    __tablename__ = "committee_members"
    __audited__ = Audited("committee_member")
    __table_args__ = (UniqueConstraint("committee_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="RESTRICT"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)

    committee: Mapped[Committee] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class Meeting(Timestamped, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("committee_id", "number"), one_of("status", MeetingStatus))

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id", ondelete="RESTRICT"))
    number: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(24), default=MeetingStatus.planned)
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    committee: Mapped[Committee] = relationship()
    secretary: Mapped[User | None] = relationship()


class MeetingAttendee(db.Model):
    __tablename__ = "meeting_attendees"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()
    request: Mapped[ServiceRequest] = relationship()


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("agenda_item_id", "member_id"), one_of("choice", VoteChoice))

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="RESTRICT"))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    choice: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)
    cast_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Decision(db.Model):
    """The committee's answer on a request; the request's status follows it."""

    __tablename__ = "decisions"
    __table_args__ = (one_of("outcome", DecisionOutcome),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True)
    outcome: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    request: Mapped[ServiceRequest] = relationship()
    decided_by: Mapped[User | None] = relationship()
