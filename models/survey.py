"""Satisfaction surveys: a single-use invitation and the answers it collects.

An anonymous answer keeps only the service type, channel and month, never a
link to the applicant or the staff member: rating is a right, not a trap.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Timestamped, db

SCORES = ("overall", "speed", "courtesy", "clarity", "channel_ease")


class SurveyInvitation(Timestamped, db.Model):
    __tablename__ = "survey_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"
    __table_args__ = tuple(
        CheckConstraint(f"{score} BETWEEN 1 AND 5", name=f"{score}_range") for score in SCORES
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"))
    service_type_id: Mapped[int] = mapped_column(ForeignKey("service_types.id", ondelete="RESTRICT"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="RESTRICT"))
    month: Mapped[date] = mapped_column(Date, index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    overall: Mapped[int] = mapped_column(Integer)
    speed: Mapped[int] = mapped_column(Integer)
    courtesy: Mapped[int] = mapped_column(Integer)
    clarity: Mapped[int] = mapped_column(Integer)
    channel_ease: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
