"""Referrals to the social-research officer when procedures are unclear."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE, OF_APPLICANT
from models.enums import ReferralStatus, ResearchKind
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.request import ServiceRequest
from models.user import User


class ReferralReason(db.Model):
    __tablename__ = "referral_reasons"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("referral_reason")

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    def __str__(self) -> str:
        return self.name


class Referral(Timestamped, db.Model):
    __tablename__ = "referrals"
    __branch__ = OF_APPLICANT
    __table_args__ = (one_of("status", ReferralStatus), one_of("report_kind", ResearchKind))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    reason_id: Mapped[int] = mapped_column(ForeignKey("referral_reasons.id", ondelete="RESTRICT"), info=personal(FACT))
    questions: Mapped[str] = mapped_column(Text, info=personal(ABOUT))
    researcher_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    status: Mapped[str] = mapped_column(String(24), default=ReferralStatus.open, index=True, info=personal(FACT))
    answer: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    clarification: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    report_kind: Mapped[str | None] = mapped_column(String(24), info=personal(FACT))
    report_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT))
    report_findings: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    report_recommendation: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))

    applicant: Mapped[Applicant] = relationship()
    request: Mapped[ServiceRequest | None] = relationship()
    reason: Mapped[ReferralReason] = relationship()
    researcher: Mapped[User | None] = relationship(foreign_keys=[researcher_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
