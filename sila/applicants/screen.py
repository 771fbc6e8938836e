"""The applicants screen: members or beneficiaries, per the preset's vocabulary."""
from __future__ import annotations

import json
from typing import Any

from flask import Response, abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_

from admin.base import SilaModelView, choice_filter, digits_match, name_matches
from admin.export import ExportMixin
from forms.domain_validators import Cleaned, ReasonOutsideArea
from forms.dual_date import DualDateField
from models.applicant import Applicant
from models.base import db
from models.branch import Branch
from models.enums import (
    ContactMethod,
    FileStatus,
    FileStatusReason,
    Gender,
    Housing,
    HousingCondition,
    Vocabulary,
    choices,
)
from models.household import HouseholdMember, IncomeSource, Obligation
from models.organization import Organization
from sila.aid.panel import aid_received
from sila.applicants.duplicates import possible_duplicates
from sila.applicants.edits import after_edit
from sila.applicants.file_status import held_reason, may_set_status, set_file_status
from sila.applicants.household import figures, shared_members
from sila.applicants.household_screen import HOUSEHOLD_LABELS, IncomeInline, MemberInline, ObligationInline
from sila.applicants.scoring import eligibility_warning
from sila.attachments.service import may_attach_household_document, store_household_document
from sila.branches import service_area, transfers
from sila.branches.pickers import branch_filter
from sila.branches.representatives import is_representative, require_branch
from sila.core.audit.labels import APPLICANT_FIELDS
from sila.core.audit.recorder import record
from sila.core.dates import parse_date, today
from sila.core.errors import InvalidValue, Refused
from sila.core.iban import clean_iban
from sila.core.masking import shown_to
from sila.core.mobile import clean_mobile, national_format
from sila.core.national_id import clean_national_id
from sila.core.vocabulary import current_vocabulary
from sila.privacy.document import dossier_pdf
from sila.privacy.dossier import dossier
from sila.requests.timeline import file_timeline

HOUSEHOLD_DOCUMENTS = {"income": IncomeSource, "obligation": Obligation}


def _mobile(_view: Any, _context: Any, model: Any, _name: str) -> str:
    return shown_to(current_user.role, Applicant.__table__.c.mobile, national_format(model.mobile))


def national_id_shown(_view: Any, _context: Any, model: Any, _name: str) -> str:
    return shown_to(current_user.role, Applicant.__table__.c.national_id, model.national_id)


class ApplicantView(ExportMixin, SilaModelView):
    area = "applicants"
    enum_columns = {
        "gender": Gender, "preferred_contact": ContactMethod, "housing": Housing, "housing_condition": HousingCondition,
        "file_status": FileStatus, "file_status_reason": FileStatusReason,
    }
    column_list = ("national_id", "full_name", "mobile", "city", "gender", "created_at")
    column_details_exclude_list = ("name_search", "version", "file_status_by_id")
    column_searchable_list = ("national_id", "name_search", "mobile", "membership_number")
    column_filters = (
        choice_filter(Applicant.gender, _l("Gender"), Gender), "city", "created_at", branch_filter(Applicant.branch_id),
    )
    column_default_sort = ("created_at", True)
    details_template = "admin/applicant_details.html"
    column_formatters = {"mobile": _mobile, "national_id": national_id_shown}
    column_formatters_detail = {"mobile": lambda _v, _c, model, _n: national_format(model.mobile)}
    column_labels = {
        **APPLICANT_FIELDS,
        "full_name": _l("Full name"),
        "name_search": _l("Name"),
        "branch": _l("Branch"),
        **HOUSEHOLD_LABELS,
    }
    form_columns = (
        "national_id", "first_name", "father_name", "grandfather_name", "family_name",
        "gender", "birth_date", "mobile", "email", "city", "outside_area_reason", "address", "iban",
        "membership_number", "preferred_contact", "declines_group_messages", "notes", "housing", "housing_rent",
        "housing_condition",
    )
    inline_models = (MemberInline(HouseholdMember), IncomeInline(IncomeSource), ObligationInline(Obligation))
    form_overrides = {"birth_date": DualDateField}
    form_args = {
        "national_id": {"validators": [Cleaned(clean_national_id)]},
        "mobile": {"validators": [Cleaned(clean_mobile)]},
        "iban": {"validators": [Cleaned(clean_iban)]},
        "outside_area_reason": {
            "validators": [ReasonOutsideArea()],
            "description": _l("Required when the city or district lies outside the association's service area."),
        },
    }
    form_widget_args = {
        "national_id": {"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"},
        "mobile": {"inputmode": "tel", "dir": "ltr", "placeholder": "0551234567"},
        "iban": {"dir": "ltr", "autocomplete": "off"},
    }

    def after_model_change(self, form: Any, model: Applicant, is_created: bool) -> None:
        outside = service_area.warning(model.city)
        if outside:
            flash(_("%(warning)s The reason was recorded.", warning=outside), "warning")
        for other in possible_duplicates(model):
            flash(_("Possible duplicate: %(name)s (%(id)s) has the same mobile or name.",
                    name=other.full_name, id=other.national_id), "warning")

    def on_model_change(self, form: Any, model: Applicant, is_created: bool) -> None:
        if is_created:
            require_branch(current_user)
            if model.outside_area_reason:
                db.session.flush()
                service_area.record_reason("applicant", model.id, model.outside_area_reason, current_user.id)
        elif after_edit(model, current_user):
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

    def render(self, template: str, **kwargs: Any) -> str:
        model = kwargs.get("model")
        if template == self.details_template and model is not None:
            kwargs.update(
                household=figures(model), shared=shared_members(model), statuses=choices(FileStatus),
                reasons=choices(FileStatusReason), may_set_status=self._writable() and may_set_status(current_user),
                status_held=held_reason(model, today()),
                area_warning=service_area.warning(model.city),
                eligibility=eligibility_warning(model, db.session.scalar(db.select(Organization).limit(1))),
                household_uploads=self._writable() and may_attach_household_document(current_user),
                aid_received=aid_received(model.id),
                data_rights=not is_representative(current_user),
                history=file_timeline(model.id),
                pending_transfer=transfers.pending_of(model.id),
                may_transfer=self._writable() and transfers.may_request(model, current_user),
                branches=db.session.scalars(
                    db.select(Branch).where(Branch.is_active.is_(True), Branch.id != model.branch_id).order_by(Branch.name)
                ).all(),
            )
        return super().render(template, **kwargs)

    @expose("/file-status/<int:applicant_id>", methods=("POST",))
    def file_status(self, applicant_id: int):  # type: ignore[no-untyped-def]
        if not self._writable() or self.get_one(str(applicant_id)) is None:
            abort(403)
        try:
            until = parse_date(request.form.get("until"))
            set_file_status(
                applicant_id, current_user, request.form.get("status", ""), request.form.get("reason") or None,
                until, request.form.get("note"), today(),
            )
            flash(_("The file status was saved."), "success")
        except (Refused, InvalidValue) as refusal:
            flash(str(refusal), "error")
        return redirect(self.get_url(".details_view", id=applicant_id))

    @expose("/transfer/<int:applicant_id>", methods=("POST",))
    def transfer(self, applicant_id: int):  # type: ignore[no-untyped-def]
        """Staff of the file's branch ask another branch to take it; the file stays until it is accepted."""
        if not self._writable() or self.get_one(str(applicant_id)) is None:
            abort(403)
        branch = request.form.get("to_branch", "")
        try:
            transfers.request_transfer(
                applicant_id, int(branch) if branch.isdigit() else None, request.form.get("reason"), current_user,
            )
        except transfers.NotTheirs:
            abort(403)
        except Refused as refusal:
            flash(str(refusal), "error")
        else:
            flash(_("The transfer was asked; the file stays here until the receiving branch accepts it."), "success")
        return redirect(self.get_url(".details_view", id=applicant_id))

    @expose("/household-document/<kind>/<int:row_id>", methods=("POST",))
    def household_document(self, kind: str, row_id: int):  # type: ignore[no-untyped-def]
        """The salary slip, lease or instalment schedule behind one line of the household's money."""
        model = HOUSEHOLD_DOCUMENTS.get(kind)
        row = db.session.get(model, row_id) if model is not None else None
        if row is None or self.get_one(str(row.applicant_id)) is None:
            abort(404)
        if not self._writable():
            abort(403)
        try:
            attachment = store_household_document(row, request.files.get("file"), current_user)
        except Refused as refusal:
            flash(str(refusal), "error")
        else:
            flash(_("The document “%(name)s” was attached.", name=attachment.original_name), "success")
        return redirect(self.get_url(".details_view", id=row.applicant_id))

    @expose("/rights/<int:applicant_id>.<fmt>")
    def data_rights(self, applicant_id: int, fmt: str):  # type: ignore[no-untyped-def]
        """A data-access answer: the whole record, audited like any full view of it; given by staff, never
        carried out of the office by a representative."""
        applicant = self.get_one(str(applicant_id))
        if applicant is None or fmt not in ("pdf", "json"):
            abort(404)
        if is_representative(current_user):
            abort(403)
        if fmt == "pdf":
            body, mimetype = dossier_pdf(applicant), "application/pdf"
        else:
            body = json.dumps(dossier(applicant), ensure_ascii=False, indent=2)
            mimetype = "application/json"
        record("data_export", "applicant", applicant.id, note=fmt)
        db.session.commit()
        return Response(body, mimetype=mimetype, headers={
            "Content-Disposition": f"attachment; filename=applicant-{applicant.id}-data.{fmt}",
            "Cache-Control": "no-store",
        })

    def _for_vocabulary(self, form):  # type: ignore[no-untyped-def]
        """Membership numbers exist only where the people are members."""
        if current_vocabulary() != Vocabulary.member:
            del form.membership_number
        return form

    def create_form(self, obj=None):  # type: ignore[no-untyped-def]
        return self._for_vocabulary(super().create_form(obj))

    def edit_form(self, obj=None):  # type: ignore[no-untyped-def]
        return self._for_vocabulary(super().edit_form(obj))

    def indexed_search(self, term: str) -> Any:
        digits = term.replace(" ", "")
        if digits.isdigit():
            return or_(applicant_search(term), Applicant.membership_number == digits,
                       Applicant.mobile == "+966" + digits.removeprefix("0"))
        return applicant_search(term)


def applicant_search(term: str) -> Any:
    """People by a normalized term, every spelling of a name alike: digits find a national ID
    (whole or its first digits), words find names; each through its index."""
    if not term:
        return None
    digits = term.replace(" ", "")
    if digits.isdigit():
        return digits_match(Applicant.national_id, digits, 10)
    return name_matches(Applicant.name_search, term)
