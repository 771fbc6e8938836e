"""Referrals to the social-research officer when procedures are unclear."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.enums import ReferralStatus, ResearchKind
from models.request import ServiceRequest
from models.user import User


class ReferralReason(db.Model):
    __tablename__ = "referral_reasons"
    __audited__ = Audited("referral_reason")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self) -> str:
        return self.name


class Referral(Timestamped, db.Model):
    __tablename__ = "referrals"
    __table_args__ = (one_of("status", ReferralStatus), one_of("report_kind", ResearchKind))

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True)
    reason_id: Mapped[int] = mapped_column(ForeignKey("referral_reasons.id", ondelete="RESTRICT"))
    questions: Mapped[str] = mapped_column(Text)
    researcher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(24), default=ReferralStatus.open, index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    clarification: Mapped[str | None] = mapped_column(Text)
    report_kind: Mapped[str | None] = mapped_column(String(24))
    report_on: Mapped[date | None] = mapped_column(Date)
    report_findings: Mapped[str | None] = mapped_column(Text)
    report_recommendation: Mapped[str | None] = mapped_column(Text)

    applicant: Mapped[Applicant] = relationship()
    request: Mapped[ServiceRequest | None] = relationship()
    reason: Mapped[ReferralReason] = relationship()
    researcher: Mapped[User | None] = relationship(foreign_keys=[researcher_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
