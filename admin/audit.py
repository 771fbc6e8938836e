"""The audit log, readable by administrators and managers and writable by nobody."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from admin.base import SilaModelView, relation_filter
from models.audit import AuditEntry
from models.user import User


class AuditView(SilaModelView):
    area = "audit"
    allow_create = False
    allow_edit = False
    allow_delete = False
    column_list = ("at", "actor", "action", "entity_type", "entity_id", "field", "old_value", "new_value", "ip")
    column_default_sort = ("at", True)
    column_filters = ("action", "entity_type", "entity_id", "at", relation_filter(AuditEntry.actor_id, _l("User"), User))
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
