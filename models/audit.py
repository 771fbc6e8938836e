"""The append-only audit log: who changed what, when and from where."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, utcnow
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.user import User


class AuditEntry(db.Model):
    __tablename__ = "audit_log"
    # Oversight of the whole association (administrators and managers).
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True, info=personal(FACT))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    ip: Mapped[str | None] = mapped_column(String(45), info=personal(SYSTEM))
    action: Mapped[str] = mapped_column(String(40), info=personal(FACT))
    entity_type: Mapped[str] = mapped_column(String(40), info=personal(FACT))
    entity_id: Mapped[int | None] = mapped_column(Integer, info=personal(SYSTEM))
    field: Mapped[str | None] = mapped_column(String(60), info=personal(FACT))
    old_value: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    new_value: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))

    actor: Mapped[User | None] = relationship()
