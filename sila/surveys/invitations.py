"""Survey invitations: made when a service is delivered, sent as a link that works once and for a while.

The link carries a random token (32 bytes, URL-safe); only its SHA-256 is
stored, so whoever reads the database or a backup cannot answer in an
applicant's name, and a guessed link finds nothing.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app

from models.base import db, utcnow
from models.enums import NotificationEvent
from models.request import ServiceRequest
from models.survey import SurveyInvitation
from sila.outbox.queue import queue_notification

TOKEN_BYTES = 32
DEFAULT_DAYS = 30
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours and is not even hashed.
MAX_TOKEN_LENGTH = 64


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def survey_link(token: str) -> str:
    """The absolute address the applicant opens from a text message, outside any web request."""
    base = current_app.config.get("SILA_PUBLIC_URL") or DEFAULT_PUBLIC_URL
    return f"{base.rstrip('/')}/survey/{token}"


def invite(request: ServiceRequest) -> SurveyInvitation:
    """Create the request's invitation and queue its message, in the caller's (delivery's) transaction."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    days = int(current_app.config.get("SILA_SURVEY_DAYS", DEFAULT_DAYS))
    invitation = SurveyInvitation(
        request_id=request.id, token_hash=token_hash(token), expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    queue_notification(request, NotificationEvent.survey, survey_link=survey_link(token))
    return invitation


def open_invitation(token: str) -> SurveyInvitation | None:
    """The invitation behind a link that may still be answered; None when unknown, used or expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(
        db.select(SurveyInvitation).where(
            SurveyInvitation.token_hash == token_hash(token),
            SurveyInvitation.used_at.is_(None),
            SurveyInvitation.expires_at > utcnow(),
        )
    )
