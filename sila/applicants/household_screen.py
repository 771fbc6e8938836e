"""The household on the applicant's file: members, income sources and obligations, inline."""
from __future__ import annotations

from flask_admin.model.form import InlineFormAdmin
from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, NumberRange, Optional

from forms.domain_validators import Cleaned
from forms.dual_date import DualDateField
from models.enums import Education, Gender, Health, IncomeKind, MaritalStatus, ObligationKind, Relation, WorkStatus, choices
from models.household import HouseholdMember, IncomeSource, Obligation
from models.personal_data import labels
from sila.core.national_id import clean_national_id

IN_RANGE = NumberRange(min=0, max=10_000_000, message=_l("Enter an amount between 0 and 10,000,000 riyals."))
AMOUNT = {"validators": [InputRequired(message=_l("Enter the monthly amount in riyals.")), IN_RANGE]}
HOUSEHOLD_LABELS = {
    "members": _l("Household members"),
    "incomes": _l("Income sources"),
    "obligations": _l("Monthly obligations"),
}


class MemberInline(InlineFormAdmin):
    form_columns = (
        "id", "relation", "full_name", "national_id", "gender", "birth_date", "marital_status", "education",
        "health", "work_status", "monthly_income",
    )
    form_label = _l("Household members")
    column_labels = {
        **labels(HouseholdMember.__table__),
        "national_id": _l("National ID / iqama (optional for young children)"),
    }
    form_choices = {
        "relation": choices(Relation), "gender": choices(Gender), "marital_status": choices(MaritalStatus),
        "education": choices(Education), "health": choices(Health), "work_status": choices(WorkStatus),
    }
    form_overrides = {"birth_date": DualDateField}
    form_args = {
        "national_id": {"validators": [Cleaned(clean_national_id, optional=True)]},
        "full_name": {"validators": [InputRequired(message=_l("Enter the member's name."))]},
        "monthly_income": {"validators": [Optional(), IN_RANGE], "default": 0},
    }
    form_widget_args = {"national_id": {"inputmode": "numeric", "dir": "ltr"}}

    def on_model_change(self, form, model, is_created):  # type: ignore[no-untyped-def]
        if model.monthly_income is None:
            model.monthly_income = 0


class IncomeInline(InlineFormAdmin):
    form_columns = ("id", "kind", "amount", "note")
    form_label = _l("Income sources")
    column_labels = labels(IncomeSource.__table__)
    form_choices = {"kind": choices(IncomeKind)}
    form_args = {"amount": AMOUNT}


class ObligationInline(InlineFormAdmin):
    form_columns = ("id", "kind", "amount", "note")
    form_label = _l("Monthly obligations")
    column_labels = labels(Obligation.__table__)
    form_choices = {"kind": choices(ObligationKind)}
    form_args = {"amount": AMOUNT}
