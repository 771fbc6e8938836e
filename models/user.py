"""Staff accounts: one role each, scrypt-hashed passwords, sessions that can be ended."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import Role
from models.personal_data import CONTACT, FACT, IDENTITY, SYSTEM, personal

if TYPE_CHECKING:
    from models.branch import UserBranch


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "users"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("user", workflow=("locale", "session_version", "last_login_at"), secret=("password_hash",))
    __table_args__ = (
        one_of("role", Role),
        CheckConstraint("locale IS NULL OR locale IN ('ar', 'en')", name="locale_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    username: Mapped[str] = mapped_column(String(80), unique=True, info=personal(IDENTITY))
    full_name: Mapped[str] = mapped_column(String(200), info=personal(IDENTITY))
    email: Mapped[str | None] = mapped_column(String(254), info=personal(CONTACT))
    password_hash: Mapped[str] = mapped_column(String(255), info=personal(SYSTEM))
    role: Mapped[str] = mapped_column(String(24), info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))
    locale: Mapped[str | None] = mapped_column(String(8), info=personal(FACT))
    session_version: Mapped[int] = mapped_column(Integer, default=1, info=personal(SYSTEM))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    # Managers and committee members may work for the whole association instead of named branches.
    all_branches: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT))

    branch_links: Mapped[list[UserBranch]] = relationship(cascade="all, delete-orphan", order_by="UserBranch.id")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Session id carries the session version, so a password change ends old sessions."""
        return f"{self.id}:{self.session_version}"

    def __str__(self) -> str:
        return self.full_name
