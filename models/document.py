"""Reference documents staff open while they work (bylaws, guides, forms)."""
from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import DocumentKind
from models.personal_data import FACT, SYSTEM, personal


class ReferenceDocument(Timestamped, db.Model):
    __tablename__ = "reference_documents"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("reference_document", workflow=("stored_name",))
    __table_args__ = (one_of("kind", DocumentKind),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    title: Mapped[str] = mapped_column(String(200), unique=True, info=personal(FACT))
    kind: Mapped[str] = mapped_column(String(24), default=DocumentKind.other, info=personal(FACT))
    version: Mapped[str | None] = mapped_column(String(40), info=personal(FACT))
    description: Mapped[str | None] = mapped_column(Text, info=personal(FACT))
    original_name: Mapped[str | None] = mapped_column(String(255), info=personal(FACT))
    stored_name: Mapped[str | None] = mapped_column(String(80), unique=True, info=personal(SYSTEM))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    def __str__(self) -> str:
        return self.title
