"""Who did what, recorded by the framework rather than by each screen remembering.

`record` writes one entry for a named act (a transition, a download). The
flush listener writes one entry per changed field of applicants and requests,
so edits through any path (screens, portal, CLI) leave the same trail.
Workflow-managed columns are left to the transitions' own entries, so one
transition gives exactly one audit row.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from models.applicant import Applicant
from models.audit import AuditEntry
from models.base import db
from models.personal_data import audited_fields
from models.request import ServiceRequest

# Fields each audited model records on every change, as the models declare them; the rest belong to the workflow.
AUDITED_FIELDS: dict[type, tuple[str, ...]] = {model: audited_fields(model.__table__) for model in (Applicant, ServiceRequest)}
ENTITY_NAMES = {Applicant: "applicant", ServiceRequest: "request"}


def _actor_id() -> int | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


def _ip() -> str | None:
    return request.remote_addr if has_request_context() else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def record(
    action: str,
    entity_type: str,
    entity_id: int | None,
    *,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    note: str | None = None,
    actor_id: int | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        action=action, entity_type=entity_type, entity_id=entity_id, field=field,
        old_value=_text(old), new_value=_text(new), note=note,
        actor_id=actor_id if actor_id is not None else _actor_id(), ip=_ip(),
    )
    db.session.add(entry)
    return entry


def changed_fields(instance: Any) -> list[str]:
    """The audited fields of an applicant or request that this transaction changes."""
    return [name for name, _old, _new in _changes(instance)]


def _changes(instance: Any) -> list[tuple[str, Any, Any]]:
    state = inspect(instance)
    changes = []
    for name in AUDITED_FIELDS[type(instance)]:
        history = state.attrs[name].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes.append((name, old, new))
    return changes


@event.listens_for(Session, "after_flush")
def _record_field_changes(session: Session, _context: Any) -> None:
    for instance in list(session.new):
        if type(instance) in AUDITED_FIELDS:
            session.add(AuditEntry(
                action="create", entity_type=ENTITY_NAMES[type(instance)], entity_id=instance.id,
                actor_id=_actor_id(), ip=_ip(),
            ))
    for instance in list(session.dirty):
        if type(instance) in AUDITED_FIELDS and session.is_modified(instance):
            for name, old, new in _changes(instance):
                session.add(AuditEntry(
                    action="update", entity_type=ENTITY_NAMES[type(instance)], entity_id=instance.id,
                    field=name, old_value=_text(old), new_value=_text(new),
                    actor_id=_actor_id(), ip=_ip(),
                ))
