"""Research teams and the home visits they make, with findings by section."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.enums import VisitStatus
from models.user import User


class ResearchTeam(db.Model):
    __tablename__ = "research_teams"
    __audited__ = Audited("research_team")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[ResearchTeamMember]] = relationship(back_populates="team", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.name


class ResearchTeamMember(db.Model):
    __tablename__ = "research_team_members"
    __audited__ = Audited("research_team_member")
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("research_teams.id", ondelete="RESTRICT"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)

    team: Mapped[ResearchTeam] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class HomeVisit(Timestamped, db.Model):
    __tablename__ = "home_visits"
    __table_args__ = (one_of("status", VisitStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("research_teams.id", ondelete="RESTRICT"))
    researcher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(24), default=VisitStatus.scheduled, index=True)
    scheduled_on: Mapped[date] = mapped_column(Date)
    visited_on: Mapped[date | None] = mapped_column(Date)
    attendees: Mapped[str | None] = mapped_column(Text)
    housing_findings: Mapped[str | None] = mapped_column(Text)
    income_findings: Mapped[str | None] = mapped_column(Text)
    health_findings: Mapped[str | None] = mapped_column(Text)
    needs_findings: Mapped[str | None] = mapped_column(Text)
    recommendation: Mapped[str | None] = mapped_column(Text)

    applicant: Mapped[Applicant] = relationship()
    team: Mapped[ResearchTeam | None] = relationship()
    researcher: Mapped[User | None] = relationship()
