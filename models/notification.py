"""The outbox of messages to applicants, sent outside the web request."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.base import Timestamped, db, one_of
from models.branch_path import OF_APPLICANT
from models.enums import ContactMethod, NotificationEvent, NotificationStatus
from models.personal_data import ABOUT, CONTACT, FACT, SYSTEM, personal


class Notification(Timestamped, db.Model):
    __tablename__ = "notifications"
    __branch__ = OF_APPLICANT
    __table_args__ = (
        one_of("event", NotificationEvent),
        one_of("status", NotificationStatus),
        one_of("method", ContactMethod),
        Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    event: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    method: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    recipient: Mapped[str] = mapped_column(String(254), info=personal(CONTACT))
    subject: Mapped[str | None] = mapped_column(String(200), info=personal(ABOUT))
    body: Mapped[str] = mapped_column(Text, info=personal(ABOUT))
    status: Mapped[str] = mapped_column(String(24), default=NotificationStatus.pending, info=personal(FACT))
    attempts: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    last_error: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(SYSTEM))

    applicant: Mapped[Applicant] = relationship()
