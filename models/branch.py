"""Branch offices, the districts or cities each serves, and which staff work at which."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import Timestamped, db
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import FACT, SYSTEM, personal

# The office every file belongs to until another is chosen; the migration creates it for existing files.
MAIN_OFFICE_NAME = "المكتب الرئيسي"


class Branch(Timestamped, db.Model):
    """Deactivated, never deleted: files, requests and their history point at it."""

    __tablename__ = "branches"
    __audited__ = Audited("branch")
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (
        # At most one main office.
        Index("uq_branches_is_main", "is_main", unique=True, sqlite_where=text("is_main"),
              postgresql_where=text("is_main")),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT, _l("Name")))
    city: Mapped[str | None] = mapped_column(String(100), info=personal(FACT, _l("City or governorate")))
    served_areas: Mapped[str | None] = mapped_column(
        Text, info=personal(FACT, _l("Districts or cities served"))
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT, _l("Active")))
    is_main: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT, _l("Main office")))

    def __str__(self) -> str:
        return self.name


class UserBranch(db.Model):
    """One staff member assigned to one branch; a user may work at several."""

    __tablename__ = "user_branches"
    __audited__ = Audited("user_branch")
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (UniqueConstraint("user_id", "branch_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )

    branch: Mapped[Branch] = relationship()


def main_office_id(connection: Connection) -> int:
    """The main office's id, created on first need: every file must belong to a branch,
    including those written before any branch was configured (tests, an import into a fresh database)."""
    found = connection.execute(db.select(Branch.id).where(Branch.is_main.is_(True))).scalar()
    if found is not None:
        return found
    return connection.execute(
        Branch.__table__.insert().values(name=MAIN_OFFICE_NAME, is_active=True, is_main=True)
        .returning(Branch.__table__.c.id)
    ).scalar_one()
