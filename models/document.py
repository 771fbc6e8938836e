"""Reference documents staff open while they work (bylaws, guides, forms)."""
from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.enums import DocumentKind


class ReferenceDocument(Timestamped, db.Model):
    __tablename__ = "reference_documents"
    __audited__ = Audited("reference_document", workflow=("stored_name",))
    __table_args__ = (one_of("kind", DocumentKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(24), default=DocumentKind.other)
    version: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    original_name: Mapped[str | None] = mapped_column(String(255))
    stored_name: Mapped[str | None] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __str__(self) -> str:
        return self.title
