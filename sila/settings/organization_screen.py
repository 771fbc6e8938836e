"""The organization profile: one row, edited by the administrator."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import NumberRange, Optional

from admin.base import SilaModelView
from forms.dual_date import DualDateField
from models.enums import Vocabulary
from models.organization import MIN_RESPONSE_DAYS, Organization
from models.personal_data import labels


class OrganizationView(SilaModelView):
    area = "organization"
    allow_create = False
    enum_columns = {"vocabulary": Vocabulary}
    column_list = ("name", "vocabulary", "board_meeting_number", "policy_approved_on", "response_days")
    column_labels = labels(Organization.__table__)
    column_details_exclude_list = ("preset",)
    form_columns = (
        "name", "vocabulary", "policy_title", "board_meeting_number", "policy_approved_on",
        "response_days", "attestation_text", "phone", "email", "city", "retention_years",
        "restudy_months", "restudy_grace_days", "restudy_notice_days", "income_cap_per_person", "scoring_enabled",
        "repeat_window_days", "auto_close_overdue", "auto_retention",
    )
    form_overrides = {"policy_approved_on": DualDateField}
    form_args = {
        "restudy_months": {"validators": [Optional(), NumberRange(min=1, max=60)]},
        "restudy_grace_days": {"validators": [NumberRange(min=0, max=365)]},
        "restudy_notice_days": {"validators": [NumberRange(min=0, max=365)]},
        "income_cap_per_person": {"validators": [Optional(), NumberRange(min=0, max=1_000_000)]},
        "repeat_window_days": {"validators": [NumberRange(min=0, max=3650)]},
        "response_days": {
            "validators": [
                NumberRange(
                    min=MIN_RESPONSE_DAYS,
                    max=365,
                    message=_l("The response period cannot be less than 14 days (two weeks)."),
                )
            ]
        }
    }
