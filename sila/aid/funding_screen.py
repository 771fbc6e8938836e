"""Funding sources as admins and managers keep them: kind, period, budget, and what is spent so far."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, NumberRange

from admin.base import SilaModelView, choice_filter
from forms.dual_date import DualDateField
from models.enums import FundingKind
from models.funding_source import FundingSource
from sila.aid.funding import check_terms
from sila.core.money import riyals


def _money(_view: Any, _context: Any, model: FundingSource, name: str) -> str:
    return riyals(getattr(model, name))


class FundingSourceView(SilaModelView):
    area = "funding_sources"
    enum_columns = {"kind": FundingKind}
    column_list = ("name", "kind", "starts_on", "ends_on", "budget", "spent", "remaining", "is_active")
    column_details_list = ("name", "kind", "starts_on", "ends_on", "budget", "spent", "remaining", "is_active", "notes")
    column_formatters = {"budget": _money, "spent": _money, "remaining": _money}
    column_labels = {
        "name": _l("Name"), "kind": _l("Kind"), "starts_on": _l("From"), "ends_on": _l("Until"),
        "budget": _l("Budget (riyals)"), "spent": _l("Spent (riyals)"), "remaining": _l("Remaining (riyals)"),
        "is_active": _l("Active"), "notes": _l("Notes"), "created_at": _l("Created on"),
    }
    column_filters = (choice_filter(FundingSource.kind, _l("Kind"), FundingKind),)
    column_default_sort = "name"
    form_columns = ("name", "kind", "starts_on", "ends_on", "budget", "is_active", "notes")
    form_overrides = {"starts_on": DualDateField, "ends_on": DualDateField}
    form_args = {
        "budget": {"validators": [
            InputRequired(message=_l("Enter the budget in riyals.")),
            NumberRange(min=0, message=_l("The budget cannot be negative.")),
        ], "places": 2},
    }

    def on_model_change(self, form: Any, model: FundingSource, is_created: bool) -> None:
        check_terms(model)
