"""Signing in to the portal with a one-time code sent to the mobile on file.

Asking for a code always does the same work and gets the same answer: a row
is written whether or not the national ID and mobile match a file, and only a
matching one is sent. Codes are HMAC-SHA256 under a key derived from the app's
secret, not scrypt like staff passwords: a six-digit code hashed slowly would
still fall to a million guesses once the table leaked, whereas without the
secret the digest tells nothing, and throttled requests stay cheap. A code is
good for five minutes, five tries and one use; asking again retires the
earlier ones. Each check is a conditional UPDATE, so two tabs (or two people)
entering codes at once cannot use one twice or get a sixth try.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app, g, session
from flask_babel import force_locale

from models.applicant import Applicant
from models.base import db, utcnow
from models.enums import CodePurpose, ContactMethod, NotificationEvent, NotificationStatus, TemplateKind
from models.notification import Notification
from models.portal_code import PortalCode
from sila.core.arabic import ascii_digits
from sila.core.audit.recorder import record
from sila.core.unit_of_work import committed
from sila.outbox.backends import DeliveryFailed, configured_backend
from sila.settings.texts.store import render_text

CODE_DIGITS = 6
VALID_FOR = timedelta(minutes=5)
MAX_TRIES = 5
HIDDEN_CODE = "•" * CODE_DIGITS
PENDING_KEY = "portal_code_id"
SESSION_KEY = "portal_session_id"


def _key() -> bytes:
    """A key of its own, so a digest here can never be replayed as a session or CSRF signature."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"sila portal one-time codes", hashlib.sha256).digest()


def _digest(*parts: str) -> str:
    return hmac.new(_key(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def subject_of(purpose: str, national_id: str, mobile: str) -> str:
    return _digest("subject", purpose, national_id, mobile)


def ask_for_code(national_id: str, mobile: str) -> int:
    """The id of the code to check the applicant's answer against; sent by SMS only when a file matches.

    `national_id` and `mobile` are already cleaned (stored forms). The caller
    keeps the returned id in the browser's session, never shows it.
    """
    applicant = db.session.scalar(
        db.select(Applicant).where(Applicant.national_id == national_id, Applicant.mobile == mobile)
    )
    with committed():
        row, code = new_code(CodePurpose.sign_in, national_id, mobile, applicant.id if applicant else None)
        if applicant is not None:
            _send_code(applicant, code)
    return row.id


def new_code(purpose: str, national_id: str, mobile: str, applicant_id: int | None) -> tuple[PortalCode, str]:
    """A fresh code row for these typed details, in the caller's transaction; their earlier live codes retire."""
    subject = subject_of(purpose, national_id, mobile)
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    now = utcnow()
    db.session.execute(
        db.update(PortalCode)
        .where(PortalCode.subject == subject, PortalCode.used_at.is_(None), PortalCode.expires_at > now)
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    row = PortalCode(
        purpose=purpose, subject=subject, applicant_id=applicant_id,
        code_hash=_digest("code", subject, code), expires_at=now + VALID_FOR, attempts=0,
    )
    db.session.add(row)
    db.session.flush()
    return row, code


def _send_code(applicant: Applicant, code: str) -> None:
    """Sent at once, inside the transaction: a code that waits for the next outbox run is already stale.

    The outbox keeps the message with the code hidden; only the copy handed to
    the backend carries it. Always by SMS: the code proves the mobile.
    """
    with force_locale("ar"):
        subject, hidden = render_text(TemplateKind.message, NotificationEvent.sign_in_code, {"code": HIDDEN_CODE})
        _, text = render_text(TemplateKind.message, NotificationEvent.sign_in_code, {"code": code})
    notification = Notification(
        applicant_id=applicant.id, event=NotificationEvent.sign_in_code, method=ContactMethod.sms,
        recipient=applicant.mobile, subject=subject, body=hidden, attempts=1,
    )
    db.session.add(notification)
    db.session.flush()
    outgoing = Notification(
        id=notification.id, event=notification.event, method=notification.method,
        recipient=notification.recipient, subject=subject, body=text,
    )
    try:
        configured_backend(current_app.config).send(outgoing)
    except DeliveryFailed as exc:
        notification.status = NotificationStatus.failed
        notification.last_error = str(exc)[:1000]
    else:
        notification.status = NotificationStatus.sent
        notification.sent_at = utcnow()


def spend_code(code_id: object, typed: str | None, purpose: str) -> PortalCode | None:
    """The code row when `typed` is its code and this try used it; None for anything else, alike.

    Runs in the caller's transaction. Every try that reaches a live code of
    this purpose counts, right or wrong, and only one try can ever use it.
    """
    if not isinstance(code_id, int):
        return None
    answer = ascii_digits((typed or "").strip())
    now = utcnow()
    counted = db.session.execute(
        db.update(PortalCode)
        .where(
            PortalCode.id == code_id, PortalCode.purpose == purpose, PortalCode.used_at.is_(None),
            PortalCode.expires_at > now, PortalCode.attempts < MAX_TRIES,
        )
        .values(attempts=PortalCode.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    row = db.session.get(PortalCode, code_id, populate_existing=True)
    right = row is not None and hmac.compare_digest(row.code_hash, _digest("code", row.subject, answer))
    if counted != 1 or not right:
        return None
    won = db.session.execute(
        db.update(PortalCode)
        .where(PortalCode.id == code_id, PortalCode.used_at.is_(None))
        .values(used_at=now, last_seen_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return row if won == 1 else None


def check_code(code_id: object, typed: str | None) -> PortalCode | None:
    """The sign-in the code opens, or None — wrong, expired, used, out of tries or unknown alike."""
    with committed():
        row = spend_code(code_id, typed, CodePurpose.sign_in)
        if row is None or row.applicant_id is None:
            return None
        record("portal_sign_in", "applicant", row.applicant_id)
    return row


def idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["SILA_PORTAL_IDLE_MINUTES"])


def signed_in_applicant() -> Applicant | None:
    """The applicant whose portal session this browser holds, kept alive by this request; None once it ended.

    Idleness is judged on the server, so a copied cookie dies with the session.
    """
    if "portal_applicant" in g:
        return g.portal_applicant
    session_id = session.get(SESSION_KEY)
    applicant = None
    if isinstance(session_id, int):
        now = utcnow()
        touched = db.session.execute(
            db.update(PortalCode)
            .where(
                PortalCode.id == session_id, PortalCode.used_at.is_not(None), PortalCode.ended_at.is_(None),
                PortalCode.last_seen_at > now - idle_limit(),
            )
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if touched == 1:
            applicant = db.session.get(PortalCode, session_id).applicant
        else:
            session.pop(SESSION_KEY, None)
    g.portal_applicant = applicant
    return applicant


def begin_session(sign_in: PortalCode) -> None:
    session.pop(PENDING_KEY, None)
    session[SESSION_KEY] = sign_in.id


def sign_out() -> None:
    """Ends the session on the server too: the cookie a browser keeps opens nothing afterwards."""
    session_id = session.pop(SESSION_KEY, None)
    if not isinstance(session_id, int):
        return
    with committed():
        row = db.session.get(PortalCode, session_id)
        if row is not None and row.ended_at is None:
            row.ended_at = utcnow()
            record("portal_sign_out", "applicant", row.applicant_id)
