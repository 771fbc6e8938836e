"""A request's history, and a file's, as people read them: who did what, when, with what note."""
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


# Reading a file changes nothing in it: openings and downloads stay in the audit log, out of its history.
READS = frozenset({"view", "data_export", "download"})


def _what(entry: AuditEntry) -> str:
    if entry.action == "transfer_request":
        return _("Transfer asked from %(sender)s to %(receiver)s", sender=entry.old_value, receiver=entry.new_value)
    if entry.action == "transfer_accept":
        return _("Transfer accepted: the file moved from %(sender)s to %(receiver)s",
                 sender=entry.old_value, receiver=entry.new_value)
    if entry.action == "decide":
        return _("Committee decision: %(outcome)s", outcome=label(RequestStatus, entry.new_value))
    if entry.action == "update":
        return _("Data changed: %(field)s", field=field_label(entry.field))
    if entry.action == "create":
        return _("File registered") if entry.entity_type == "applicant" else _("Request received")
    return action_label(entry.action)


def timeline(request_id: int) -> list[Event]:
    return _events(AuditEntry.entity_type == "request", AuditEntry.entity_id == request_id)


def file_timeline(applicant_id: int) -> list[Event]:
    """What happened to the file itself: transfers and their answers, status changes, re-studies, papers."""
    return _events(
        AuditEntry.entity_type == "applicant", AuditEntry.entity_id == applicant_id, AuditEntry.action.not_in(READS)
    )


def _events(*conditions: object) -> list[Event]:
    rows = db.session.execute(
        db.select(AuditEntry, User.full_name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(*conditions)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return [Event(entry.at, name or _nobody(entry), _what(entry), _note(entry)) for entry, name in rows]


def _nobody(entry: AuditEntry) -> str:
    """No staff member: a background job (no address either) says so; an applicant online stays unnamed."""
    return "" if entry.ip else _("Sila, on its own")


def _note(entry: AuditEntry) -> str | None:
    """Submission notes hold the earliest answer date: shown in both calendars, with its label."""
    if entry.action == "submit" and entry.note:
        try:
            earliest = date.fromisoformat(entry.note)
        except ValueError:
            return entry.note
        return _("Earliest answer date: %(date)s", date=dual_date(earliest))
    return entry.note
