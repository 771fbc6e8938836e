"""Research teams and the home visits they make, with findings by section."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE, OF_APPLICANT
from models.enums import VisitStatus
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.user import User


class ResearchTeam(db.Model):
    __tablename__ = "research_teams"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("research_team")

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(120), unique=True, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    members: Mapped[list[ResearchTeamMember]] = relationship(back_populates="team", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.name


class ResearchTeamMember(db.Model):
    __tablename__ = "research_team_members"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("research_team_member")
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    team_id: Mapped[int] = mapped_column(ForeignKey("research_teams.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))

    team: Mapped[ResearchTeam] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class HomeVisit(Timestamped, db.Model):
    __tablename__ = "home_visits"
    __branch__ = OF_APPLICANT
    __table_args__ = (one_of("status", VisitStatus),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("research_teams.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    researcher_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    status: Mapped[str] = mapped_column(
        String(24), default=VisitStatus.scheduled, index=True, info=personal(FACT, _l("Status"), codes=VisitStatus)
    )
    scheduled_on: Mapped[date] = mapped_column(Date, info=personal(FACT, _l("Scheduled for")))
    visited_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("Visited on")))
    attendees: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Who attended")))
    housing_findings: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Housing")))
    income_findings: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Income")))
    health_findings: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Health")))
    needs_findings: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Needs")))
    recommendation: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Recommendation")))

    applicant: Mapped[Applicant] = relationship()
    team: Mapped[ResearchTeam | None] = relationship()
    researcher: Mapped[User | None] = relationship()
