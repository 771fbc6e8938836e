"""A file's yearly re-study: when, by whom, and the figures before and after."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db
from models.user import User


class Restudy(Timestamped, db.Model):
    __tablename__ = "restudies"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True)
    done_on: Mapped[date] = mapped_column(Date)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    changes: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    by: Mapped[User | None] = relationship()
