"""Committee decisions, read-only: they are recorded by the workflow, never typed here."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from admin.base import SilaModelView, choice_filter
from models.committee import Decision
from models.enums import DecisionOutcome


class DecisionView(SilaModelView):
    area = "decisions"
    enum_columns = {"outcome": DecisionOutcome}
    allow_create = False
    allow_edit = False
    column_list = ("decided_at", "request", "outcome", "reason", "decided_by")
    column_default_sort = ("decided_at", True)
    column_filters = (choice_filter(Decision.outcome, _l("Decision"), DecisionOutcome), "decided_at")
    column_labels = {
        "decided_at": _l("Decided on"),
        "request": _l("Request number"),
        "outcome": _l("Decision"),
        "reason": _l("Reason"),
        "decided_by": _l("Decided by"),
    }
