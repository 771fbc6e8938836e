"""The applicants screen: members or beneficiaries, per the preset's vocabulary."""
from __future__ import annotations

from typing import Any

from flask import flash, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SilaModelView, choice_filter
from audit.labels import APPLICANT_FIELDS
from audit.recorder import changed_fields, record
from domain.arabic import normalize
from domain.duplicates import possible_duplicates
from domain.masking import masked, needs_mask
from domain.mobile import clean_mobile, national_format
from domain.national_id import clean_national_id
from domain.vocabulary import current_vocabulary
from forms.domain_validators import Cleaned
from forms.dual_date import DualDateField
from models.applicant import Applicant
from models.base import db
from models.enums import ContactMethod, Gender, RequestStatus, Vocabulary
from models.request import ServiceRequest
from workflow.transitions import void_after_edit


def _mobile(_view: Any, _context: Any, model: Any, _name: str) -> str:
    shown = national_format(model.mobile)
    return masked(shown, 2, 2) if needs_mask(current_user.role) else shown


def _national_id(_view: Any, _context: Any, model: Any, _name: str) -> str:
    return masked(model.national_id) if needs_mask(current_user.role) else model.national_id


class ApplicantView(SilaModelView):
    area = "applicants"
    enum_columns = {"gender": Gender, "preferred_contact": ContactMethod}
    column_list = ("national_id", "full_name", "mobile", "city", "gender", "created_at")
    column_details_exclude_list = ("name_search", "version")
    column_searchable_list = ("national_id", "name_search", "mobile", "membership_number")
    column_filters = (choice_filter(Applicant.gender, _l("Gender"), Gender), "city", "created_at")
    column_default_sort = ("created_at", True)
    column_formatters = {"mobile": _mobile, "national_id": _national_id}
    column_formatters_detail = {"mobile": lambda _v, _c, model, _n: national_format(model.mobile)}
    column_labels = {
        **APPLICANT_FIELDS,
        "full_name": _l("Full name"),
        "name_search": _l("Name"),
        "created_at": _l("Registered on"),
        "updated_at": _l("Last updated"),
    }
    form_columns = (
        "national_id", "first_name", "father_name", "grandfather_name", "family_name",
        "gender", "birth_date", "mobile", "email", "city", "address",
        "membership_number", "preferred_contact", "notes",
    )
    form_overrides = {"birth_date": DualDateField}
    form_args = {
        "national_id": {"validators": [Cleaned(clean_national_id)]},
        "mobile": {"validators": [Cleaned(clean_mobile)]},
    }
    form_widget_args = {
        "national_id": {"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"},
        "mobile": {"inputmode": "tel", "dir": "ltr", "placeholder": "0551234567"},
    }

    def after_model_change(self, form: Any, model: Applicant, is_created: bool) -> None:
        for other in possible_duplicates(model):
            flash(_("Possible duplicate: %(name)s (%(id)s) has the same mobile or name.",
                    name=other.full_name, id=other.national_id), "warning")

    def on_model_change(self, form: Any, model: Applicant, is_created: bool) -> None:
        """Changed data are no longer covered by the applicant's signed attestations."""
        if is_created or not changed_fields(model):
            return
        requests = db.session.scalars(
            db.select(ServiceRequest).where(
                ServiceRequest.applicant_id == model.id, ServiceRequest.status == RequestStatus.attested
            )
        )
        if any([void_after_edit(request, current_user) for request in requests]):
            flash(_("The data changed after the attestation, so the attestation was voided: record it again."), "warning")

    @expose("/details/")
    def details_view(self):  # type: ignore[no-untyped-def]
        """Whole personal data are shown here, so each opening is recorded."""
        response = super().details_view()
        applicant = self.get_one(request.args.get("id", ""))
        if applicant is not None:
            record("view", "applicant", applicant.id)
            db.session.commit()
        return response

    def _for_vocabulary(self, form):  # type: ignore[no-untyped-def]
        """Membership numbers exist only where the people are members."""
        if current_vocabulary() != Vocabulary.member:
            del form.membership_number
        return form

    def create_form(self, obj=None):  # type: ignore[no-untyped-def]
        return self._for_vocabulary(super().create_form(obj))

    def edit_form(self, obj=None):  # type: ignore[no-untyped-def]
        return self._for_vocabulary(super().edit_form(obj))

    def _apply_search(self, query, count_query, joins, count_joins, search):  # type: ignore[no-untyped-def]
        """Search the normalized form, so every spelling of a name matches."""
        return super()._apply_search(query, count_query, joins, count_joins, normalize(search))
