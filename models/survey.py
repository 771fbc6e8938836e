"""Satisfaction surveys: a single-use invitation and the answers it collects.

An anonymous answer keeps only the service type, channel and month, never a
link to the applicant or the staff member: rating is a right, not a trap.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Timestamped, db
from models.branch_path import OF_REQUEST
from models.personal_data import ABOUT, FACT, SYSTEM, personal

SCORES = ("overall", "speed", "courtesy", "clarity", "channel_ease")


class SurveyInvitation(Timestamped, db.Model):
    __tablename__ = "survey_invitations"
    __branch__ = OF_REQUEST

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), unique=True, info=personal(SYSTEM))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, info=personal(SYSTEM))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"
    # Anonymous answers (no request) count only in association-wide figures.
    __branch__ = OF_REQUEST
    __table_args__ = tuple(
        CheckConstraint(f"{score} BETWEEN 1 AND 5", name=f"{score}_range") for score in SCORES
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    service_type_id: Mapped[int] = mapped_column(ForeignKey("service_types.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    month: Mapped[date] = mapped_column(Date, index=True, info=personal(FACT))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT))
    overall: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    speed: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    courtesy: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    clarity: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    channel_ease: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    comment: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
