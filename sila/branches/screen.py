"""The administrator's branches screen: offices, their city and the districts or cities each serves."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from admin.base import SilaModelView


class BranchView(SilaModelView):
    """Deactivated, never deleted: files and their history point at a branch."""

    area = "branches"
    column_list = ("name", "city", "is_main", "is_active")
    column_default_sort = "id"
    column_labels = {
        "name": _l("Name"), "city": _l("City or governorate"), "served_areas": _l("Districts or cities served"),
        "is_main": _l("Main office"), "is_active": _l("Active"), "created_at": _l("Created on"),
    }
    column_details_list = ("name", "city", "served_areas", "is_main", "is_active", "created_at")
    form_columns = ("name", "city", "served_areas", "is_active")
    form_args = {"served_areas": {"description": _l("One district or city per line.")}}
