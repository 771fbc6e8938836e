"""The audit log, readable by administrators and managers and writable by nobody."""
from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla import filters
from flask_babel import lazy_gettext as _l

from admin.base import SilaModelView, relation_filter
from models.audit import AuditEntry
from models.user import User
from sila.core.audit.labels import ACTIONS, ENTITIES, action_label, entity_label, field_label, value_label


def _show(formatter):  # type: ignore[no-untyped-def]
    return lambda _view, _context, model, name: formatter(getattr(model, name))


def _field(_view: Any, _context: Any, model: AuditEntry, _name: str) -> str:
    return field_label(model.field, model.entity_type)


def _value(_view: Any, _context: Any, model: AuditEntry, name: str) -> str:
    return value_label(model.field, getattr(model, name), model.entity_type)


class AuditView(SilaModelView):
    area = "audit"
    allow_create = False
    allow_edit = False
    allow_delete = False
    column_list = ("at", "actor", "action", "entity_type", "entity_id", "field", "old_value", "new_value", "ip")
    column_default_sort = ("at", True)
    column_filters = (
        filters.FilterEqual(AuditEntry.action, _l("Action"), options=list(ACTIONS.items())),
        filters.FilterEqual(AuditEntry.entity_type, _l("Record type"), options=list(ENTITIES.items())),
        "entity_id",
        "at",
        relation_filter(AuditEntry.actor_id, _l("User"), User),
    )
    column_formatters = {
        "action": _show(action_label),
        "entity_type": _show(entity_label),
        "field": _field,
        "old_value": _value,
        "new_value": _value,
    }
    column_labels = {
        "at": _l("Time"),
        "actor": _l("User"),
        "action": _l("Action"),
        "entity_type": _l("Record type"),
        "entity_id": _l("Record number"),
        "field": _l("Field"),
        "old_value": _l("Old value"),
        "new_value": _l("New value"),
        "ip": _l("IP address"),
        "note": _l("Note"),
    }
