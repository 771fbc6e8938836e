"""Letter and message texts that admins edit, one per decision or event.

Kept in the database rather than in code so an association can word its own
letters; placeholders such as {number} are filled when a letter or message is
made, and an unknown placeholder is refused when the text is saved.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import db, one_of, utcnow
from models.branch_path import ASSOCIATION_WIDE
from models.enums import TemplateKind
from models.personal_data import FACT, SYSTEM, personal
from models.user import User


class TextTemplate(db.Model):
    __tablename__ = "text_templates"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("text_template", workflow=("updated_by_id",))
    __table_args__ = (UniqueConstraint("kind", "key"), one_of("kind", TemplateKind))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    kind: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    key: Mapped[str] = mapped_column(String(40), info=personal(FACT))
    subject: Mapped[str | None] = mapped_column(String(200), info=personal(FACT))
    body: Mapped[str] = mapped_column(Text, info=personal(FACT))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, info=personal(FACT))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    version: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(SYSTEM))

    __mapper_args__ = {"version_id_col": version}

    updated_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.subject or self.key
