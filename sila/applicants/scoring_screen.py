"""Settings for judging files: needs-scoring rules and categories."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, NumberRange, Optional

from admin.base import SilaModelView
from models.enums import Housing, HousingCondition, ScoreFactor, choices, label

SERVICE = _l("Service type (empty: every service)")
EVERY_SERVICE = {"blank_text": _l("Every service")}


def _code_label(_view: Any, _context: Any, model: Any, _name: str) -> str:
    for enum_cls in (Housing, HousingCondition):
        if model.code in {member.value for member in enum_cls}:
            return label(enum_cls, model.code)
    return ""


class ScoreRuleView(SilaModelView):
    """Changing a rule affects files scored afterwards, never decided requests."""

    area = "file_rules"
    enum_columns = {"factor": ScoreFactor}
    column_list = ("position", "service_type", "factor", "low", "high", "code", "points", "is_active")
    column_default_sort = "position"
    column_labels = {
        "position": _l("Order"), "service_type": SERVICE, "factor": _l("Factor"),
        "low": _l("From (included)"), "high": _l("To (excluded)"), "code": _l("Matching code"),
        "points": _l("Points"), "is_active": _l("Active"),
    }
    column_descriptions = {
        "code": _l("Only for housing and housing-condition rules."),
        "points": _l("For members with a disability, the points are given for each such member."),
    }
    form_columns = ("service_type", "factor", "low", "high", "code", "points", "position", "is_active")
    form_choices = {"code": [("", "—"), *choices(Housing), *choices(HousingCondition)]}
    column_formatters = {"code": _code_label}
    form_args = {
        "service_type": EVERY_SERVICE,
        "points": {"validators": [InputRequired(message=_l("Enter the points.")), NumberRange(min=-100, max=100)]},
        "low": {"validators": [Optional()]},
        "high": {"validators": [Optional()]},
    }


class NeedCategoryView(SilaModelView):
    area = "file_rules"
    column_list = ("name", "service_type", "min_score", "zakat_eligible", "conditions")
    column_default_sort = ("min_score", True)
    column_labels = {
        "name": _l("Category"), "service_type": SERVICE, "min_score": _l("From score"),
        "conditions": _l("Conditions"), "required_documents": _l("Required documents"),
        "zakat_eligible": _l("Zakat-eligible"),
    }
    form_columns = ("name", "service_type", "min_score", "zakat_eligible", "conditions", "required_documents")
    form_args = {
        "service_type": EVERY_SERVICE,
        "min_score": {"validators": [InputRequired(message=_l("Enter the lowest score of this category."))]},
    }
