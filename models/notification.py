"""The outbox of messages to applicants, sent outside the web request."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.base import Timestamped, db, one_of
from models.enums import ContactMethod, NotificationEvent, NotificationStatus


class Notification(Timestamped, db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        one_of("event", NotificationEvent),
        one_of("status", NotificationStatus),
        one_of("method", ContactMethod),
        Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="RESTRICT"))
    event: Mapped[str] = mapped_column(String(24))
    method: Mapped[str] = mapped_column(String(24))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(24), default=NotificationStatus.pending)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    applicant: Mapped[Applicant] = relationship()
