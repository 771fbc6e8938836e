"""How a session cookie maps back to a user.

The cookie holds "id:session_version"; changing the password or deactivating
the account bumps or refuses it, which ends every older session at once.
"""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from sqlalchemy.orm import joinedload

from models.base import db
from models.user import User


def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    # Loaded with his branches in the same statement: every scoped query of the page reads them.
    user = db.session.get(User, int(user_id), options=[joinedload(User.branch_links)])
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def configure_login(manager: LoginManager) -> None:
    manager.user_loader(load_user)
    manager.login_message = _l("Please log in to open this page.")
    manager.login_message_category = "warning"

    @manager.unauthorized_handler
    def _to_login():  # type: ignore[no-untyped-def]
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
