"""Who did what, recorded by the framework rather than by each screen remembering.

`record` writes one entry for a named act (a transition, a download). The
flush listener records every create, change (one row per field, old → new)
and delete of the models that declare `__audited__` (models/audited.py), so
edits through any path (screens, portal, CLI, presets) leave the same trail.
Columns a model names as the workflow's are left to the transitions' own
entries, so one transition gives exactly one audit row; secret columns give a
row saying they changed, never their value.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, Session

from models.audit import AuditEntry
from models.audited import Audited
from models.base import db
from models.personal_data import audited_fields

# When a row was written is the entry's own time; these never make a row of their own.
BOOKKEEPING = frozenset({"created_at", "updated_at"})


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


def declaration(model: type) -> Audited | None:
    """The model's audit declaration, or None when its rows are not recorded here."""
    return getattr(model, "__audited__", None)


@cache
def audited_columns(model: type) -> tuple[str, ...]:
    """The attributes whose changes the listener records, in the table's order.

    A model whose fields staff type (applicants, requests) records those its
    columns declare so (models/personal_data.py); otherwise every column except
    the keys, the row version, the write times and what the workflow writes itself.
    """
    spec = declaration(model)
    if spec is None:
        return ()
    if spec.typed_only:
        return audited_fields(model.__table__)
    mapper: Mapper = inspect(model)
    skipped = {*BOOKKEEPING, *spec.workflow}
    keys = {column.key for column in mapper.primary_key}
    if mapper.version_id_col is not None:
        keys.add(mapper.get_property_by_column(mapper.version_id_col).key)
    return tuple(
        prop.key for prop in mapper.column_attrs if prop.key not in keys and prop.key not in skipped
    )


def _stored(model: type, name: str, value: Any) -> Any:
    """A value as the column keeps it: money at its scale, so 900 typed reads as the stored 900.00."""
    if isinstance(value, Decimal):
        scale = getattr(inspect(model).columns[name].type, "scale", None)
        return value.quantize(Decimal(1).scaleb(-scale)) if scale is not None else value
    return None if value == "" else value


def changed_fields(instance: Any) -> list[str]:
    """The audited fields of a record that this transaction changes."""
    return [name for name, _old, _new in _changes(instance)]


def _changes(instance: Any) -> list[tuple[str, Any, Any]]:
    state = inspect(instance)
    secret = declaration(type(instance)).secret
    changes = []
    for name in audited_columns(type(instance)):
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = _stored(type(instance), name, history.deleted[0] if history.deleted else None)
        new = _stored(type(instance), name, history.added[0] if history.added else None)
        if name in secret:
            changes.append((name, None, None))
        elif old != new:
            changes.append((name, old, new))
    return changes


def _values(instance: Any) -> list[tuple[str, Any]]:
    """The record's audited fields that hold a value (secrets named, never valued).

    Read from what the session holds, never loaded: a deleted row is gone.
    """
    model, held = type(instance), inspect(instance).dict
    secret = declaration(model).secret
    values = [(name, _stored(model, name, held.get(name))) for name in audited_columns(model)]
    return [(name, None if name in secret else value) for name, value in values if value is not None]


def _entries(action: str, instance: Any, spec: Audited, values: list[tuple[str, Any]]) -> list[AuditEntry]:
    base = {"action": action, "entity_type": spec.entity, "entity_id": instance.id, "actor_id": _actor_id(),
            "ip": _ip()}
    if not spec.itemized or not values:
        return [AuditEntry(**base)]
    side = "new_value" if action == "create" else "old_value"
    return [AuditEntry(**base, field=name, **{side: _text(value)}) for name, value in values]


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, _context: Any) -> None:
    for instance in list(session.new):
        spec = declaration(type(instance))
        if spec is not None:
            session.add_all(_entries("create", instance, spec, _values(instance)))
    for instance in list(session.dirty):
        spec = declaration(type(instance))
        if spec is not None and session.is_modified(instance):
            for name, old, new in _changes(instance):
                session.add(AuditEntry(
                    action="update", entity_type=spec.entity, entity_id=instance.id,
                    field=name, old_value=_text(old), new_value=_text(new),
                    actor_id=_actor_id(), ip=_ip(),
                ))
    for instance in list(session.deleted):
        spec = declaration(type(instance))
        if spec is not None:
            session.add_all(_entries("delete", instance, spec, _values(instance)))


def _keeps_old_values(mapper: Mapper, model: type) -> None:
    """Load a field's stored value before it is overwritten, so the entry's "old" is never guessed.

    Without this a field set on an expired row (after a commit) has no old
    value in its history and the log would say it was empty.
    """
    spec = declaration(model)
    if spec is None:
        return
    for name in audited_columns(model):
        if name not in spec.secret:
            event.listen(getattr(model, name), "set", _ignore, active_history=True)


def _ignore(_target: Any, _value: Any, _old: Any, _initiator: Any) -> None:
    """The listener is only there to ask for the old value."""


def _watch_models() -> None:
    """Models configured before this module was imported are watched at once, the others when configured."""
    event.listen(Mapper, "mapper_configured", _keeps_old_values)
    for mapper in list(db.Model.registry.mappers):
        if mapper.configured:
            _keeps_old_values(mapper, mapper.class_)


_watch_models()
