"""Checking a username and password, in one place that throttling can wrap."""
from __future__ import annotations

from models.base import db, utcnow
from models.user import User


def authenticate(username: str | None, password: str | None) -> User | None:
    """The active user with these credentials, or None without saying which part was wrong."""
    name = (username or "").strip()
    if "\x00" in name:  # no account has one, and PostgreSQL refuses NUL in text with an error
        return None
    user = db.session.scalar(db.select(User).where(User.username == name))
    if user is None or not user.is_active or not user.check_password(password or ""):
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user
