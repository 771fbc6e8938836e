"""A file's yearly re-study: when, by whom, and the figures before and after."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db
from models.branch_path import OF_APPLICANT
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.user import User


class Restudy(Timestamped, db.Model):
    __tablename__ = "restudies"
    __branch__ = OF_APPLICANT

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    done_on: Mapped[date] = mapped_column(Date, info=personal(FACT, _l("Re-studied on")))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    changes: Mapped[str] = mapped_column(Text, info=personal(FACT))
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Note")))

    by: Mapped[User | None] = relationship()
