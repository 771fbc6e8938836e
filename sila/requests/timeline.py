"""A request's history as people read it: who did what, when, with what note."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from models.audit import AuditEntry
from models.base import db
from models.enums import RequestStatus, label
from models.user import User
from sila.core.audit.labels import action_label, field_label
from sila.core.dates import dual_date


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    what: str
    note: str | None


def _what(entry: AuditEntry) -> str:
    if entry.action == "decide":
        return _("Committee decision: %(outcome)s", outcome=label(RequestStatus, entry.new_value))
    if entry.action == "update":
        return _("Data changed: %(field)s", field=field_label(entry.field))
    if entry.action == "create":
        return _("Request received")
    return action_label(entry.action)


def timeline(request_id: int) -> list[Event]:
    rows = db.session.execute(
        db.select(AuditEntry, User.full_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return [Event(entry.at, name or "", _what(entry), _note(entry)) for entry, name in rows]


def _note(entry: AuditEntry) -> str | None:
    """Submission notes hold the earliest answer date: shown in both calendars, with its label."""
    if entry.action == "submit" and entry.note:
        try:
            earliest = date.fromisoformat(entry.note)
        except ValueError:
            return entry.note
        return _("Earliest answer date: %(date)s", date=dual_date(earliest))
    return entry.note
