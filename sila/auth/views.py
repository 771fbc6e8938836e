"""Login, logout and the language switch."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import update

from forms.login import LoginForm
from models.base import db
from models.user import User
from sila.auth import throttle
from sila.auth.login import authenticate
from sila.extensions import limiter

blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: `next=` must never send anyone to another host."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("admin.index")


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(throttle.per_address, methods=["POST"], deduct_when=throttle.failed)
@limiter.limit(throttle.per_account, key_func=throttle.typed_account, methods=["POST"], deduct_when=throttle.failed)
def login():  # type: ignore[no-untyped-def]
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is not None:
            session.clear()
            session.permanent = True
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("The username or password is incorrect."))
    return render_template("auth/login.html", form=form), 200


@blueprint.route("/logout", methods=["POST"])
@login_required
def logout():  # type: ignore[no-untyped-def]
    """Signed cookies outlive a logout unless the server stops honouring them: bumping the
    session version ends this user's sessions on every process and device at once."""
    db.session.execute(
        update(User).where(User.id == current_user.id).values(session_version=User.session_version + 1)
    )
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@blueprint.route("/locale/<code>", methods=["POST"])
def set_locale(code: str):  # type: ignore[no-untyped-def]
    from flask import current_app

    if code not in current_app.config["SILA_LOCALES"]:
        abort(404)
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
