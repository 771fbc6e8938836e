"""The in-kind catalogue as admins and managers keep it: item, unit, unit value, active."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, NumberRange

from admin.base import SilaModelView
from models.catalogue import CatalogueItem
from sila.core.money import riyals


def _money(_view: Any, _context: Any, model: CatalogueItem, name: str) -> str:
    return riyals(getattr(model, name))


class CatalogueItemView(SilaModelView):
    """An item granted once stays for the record: it is deactivated, never deleted."""

    area = "catalogue"
    column_list = ("name", "unit", "unit_value", "is_active")
    column_labels = {
        "name": _l("Item"), "unit": _l("Unit"), "unit_value": _l("Unit value (riyals)"), "is_active": _l("Active"),
        "created_at": _l("Created on"),
    }
    column_formatters = {"unit_value": _money}
    column_default_sort = "name"
    column_searchable_list = ("name",)
    form_columns = ("name", "unit", "unit_value", "is_active")
    form_args = {
        "name": {"validators": [InputRequired(message=_l("Write the item's name."))]},
        "unit": {"validators": [InputRequired(message=_l("Write the unit, for example basket, carton or kilogram."))]},
        "unit_value": {"validators": [
            InputRequired(message=_l("Enter the unit value in riyals.")),
            NumberRange(min=0.01, message=_l("The unit value must be more than zero riyals.")),
        ], "places": 2},
    }
