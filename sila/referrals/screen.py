"""Referrals to the social researcher: staff refer, researchers take, answer and close.

Creation and every later step go through sila/referrals/rules.py; this screen
only turns the form and the step buttons into those calls.
"""
from __future__ import annotations

from typing import Any

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case

from admin.base import SilaModelView, choice_filter, relation_filter
from admin.export import ExportMixin
from admin.steps import Step, StepButtonsMixin
from models.applicant import Applicant
from models.base import db
from models.enums import ReferralStatus, ResearchKind, Role, choices, label
from models.referral import Referral, ReferralReason
from models.request import ServiceRequest
from models.user import User
from sila.core.dates import today
from sila.core.errors import Refused
from sila.core.permissions import can_read
from sila.core.step_permissions import referrals_in_reach
from sila.core.vocabulary import PERSON
from sila.referrals import rules as referrals

STEPS: dict[str, Step] = {
    "take": lambda rid, actor, form: referrals.take(rid, actor),
    "answer": lambda rid, actor, form: referrals.answer(rid, actor, form.get("answer"), form.get("clarification")),
    "report": lambda rid, actor, form: referrals.write_report(
        rid, actor, form.get("report_kind"), form.get("report_on"), form.get("report_findings"),
        form.get("report_recommendation"),
    ),
    "close": lambda rid, actor, form: referrals.close(rid, actor),
}
DONE = {
    "take": _l("The referral is now assigned to you."),
    "answer": _l("The answer was recorded."),
    "report": _l("The social-research report was saved."),
    "close": _l("The referral was closed."),
}
# Open referrals first, then answered, then closed: what still waits comes to the top.
QUEUE_ORDER = case(
    (Referral.status == ReferralStatus.open, 0),
    (Referral.status == ReferralStatus.answered, 1),
    else_=2,
)


def _age(_view: Any, _context: Any, model: Referral, _name: str) -> str:
    if model.status != ReferralStatus.open:
        return ""
    return str(referrals.age_in_days(model, today()))


def _researcher(_view: Any, _context: Any, model: Referral, _name: str) -> str:
    return model.researcher.full_name if model.researcher else _("Shared researchers' queue")


def _id_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() else None


class ReferralView(StepButtonsMixin, ExportMixin, SilaModelView):
    area = "referrals"
    steps = STEPS
    done = DONE
    enum_columns = {"status": ReferralStatus}
    details_template = "admin/referral_details.html"
    column_list = ("created_at", "applicant", "request", "reason", "researcher", "status", "age")
    column_formatters = {"age": _age, "researcher": _researcher}
    column_filters = (
        choice_filter(Referral.status, _l("Status"), ReferralStatus),
        relation_filter(Referral.reason_id, _l("Reason"), ReferralReason),
        "created_at",
    )
    column_labels = {
        "created_at": _l("Referred on"),
        "applicant": PERSON,
        "request": _l("Request number"),
        "reason": _l("Reason"),
        "questions": _l("Questions"),
        "researcher": _l("Researcher"),
        "status": _l("Status"),
        "age": _l("Days open"),
        "answer": _l("Answer and clarification"),
        "clarification": _l("Clarification of the procedure"),
        "report_kind": _l("Research done by"),
        "report_on": _l("Research date"),
        "report_findings": _l("Findings"),
        "report_recommendation": _l("Recommendation"),
        "answered_at": _l("Answered on"),
        "closed_at": _l("Closed on"),
        "created_by": _l("Referred by"),
    }
    allow_edit = False
    form_columns = ("applicant", "request", "reason", "questions", "researcher")
    form_ajax_refs = {
        "applicant": {"fields": ("national_id", "name_search"), "page_size": 10},
        "request": {"fields": ("id",), "page_size": 10},
    }
    form_args = {
        "reason": {
            "query_factory": lambda: ReferralReason.query.filter_by(is_active=True).order_by(ReferralReason.position),
        },
        "researcher": {
            "query_factory": lambda: User.query.filter_by(role=Role.researcher, is_active=True),
            "blank_text": _l("Shared researchers' queue"),
        },
    }

    @property
    def can_create(self) -> bool:  # type: ignore[override]
        """Only relations staff refer; researchers may write here, but only to answer."""
        return referrals.may_refer(current_user) and self.allow_create

    def scope(self, query):  # type: ignore[no-untyped-def]
        """A researcher sees the referrals assigned to him and the shared queue."""
        if current_user.role == Role.researcher:
            return query.filter(referrals_in_reach(current_user.id))
        return query

    def _apply_sorting(self, query, joins, sort_column, sort_desc):  # type: ignore[no-untyped-def]
        """Unless a column is clicked: open referrals first, the longest waiting at the top."""
        if sort_column is None:
            return query.order_by(QUEUE_ORDER, Referral.created_at, Referral.id), joins
        return super()._apply_sorting(query, joins, sort_column, sort_desc)

    def create_form(self, obj: Any = None):  # type: ignore[no-untyped-def]
        """Opened from a request's page, the form already names the applicant and the request."""
        form = super().create_form(obj)
        if request.method != "GET":
            return form
        request_id, applicant_id = _id_arg("request_id"), _id_arg("applicant_id")
        service_request = db.session.get(ServiceRequest, request_id) if request_id else None
        if applicant_id is None and service_request is not None:
            applicant_id = service_request.applicant_id
        if applicant_id is not None:
            form.applicant.data = db.session.get(Applicant, applicant_id)
        if service_request is not None and service_request.applicant_id == applicant_id:
            form.request.data = service_request
        return form

    def create_model(self, form: Any) -> Referral | bool:
        """The workflow is the only way a referral comes to be."""
        try:
            return referrals.refer(
                applicant_id=form.applicant.data.id if form.applicant.data else 0,
                actor=current_user._get_current_object(),
                reason_id=form.reason.data.id if form.reason.data else 0,
                questions=form.questions.data,
                request_id=form.request.data.id if form.request.data else None,
                researcher_id=form.researcher.data.id if form.researcher.data else None,
            )
        except Refused as refusal:
            flash(str(refusal), "error")
            return False

    def get_save_return_url(self, model: Referral, is_created: bool = False) -> str:
        return self.get_url(".details_view", id=model.id)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            model = kwargs["model"]
            kwargs["steps"] = referrals.available_steps(model, current_user._get_current_object())
            kwargs["can_open_request"] = can_read(self._role, "requests")
            kwargs["age"] = referrals.age_in_days(model, today()) if model.status == ReferralStatus.open else None
            kwargs["research_kinds"] = choices(ResearchKind)
            kwargs["report_kind"] = label(ResearchKind, model.report_kind)
        return super().render(template, **kwargs)
