"""How people reach the association: configured by admins, never deleted once used."""
from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.audited import Audited
from models.base import Timestamped, db
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import FACT, SYSTEM, personal


class Channel(Timestamped, db.Model):
    __tablename__ = "channels"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("channel")

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(120), unique=True, info=personal(FACT))
    code: Mapped[str | None] = mapped_column(String(40), unique=True, info=personal(FACT))
    position: Mapped[int] = mapped_column(Integer, default=0, index=True, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))

    def __str__(self) -> str:
        return self.name
