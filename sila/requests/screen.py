"""Requests as staff receive and carry them, and the committee's read-only queue."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import aliased
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from admin.base import SilaModelView, choice_filter, relation_filter
from admin.export import ExportMixin
from admin.plain_rows import PlainField
from admin.steps import StepButtonsMixin
from models.applicant import Applicant, full_name_of
from models.base import db
from models.channel import Channel
from models.enums import AttestationMethod, DecisionOutcome, RequestStatus, choices
from models.organization import Organization
from models.request import ServiceRequest, request_number
from models.service_type import ServiceType
from sila.aid.batch_choice import may_prepare
from sila.aid.in_kind_panel import in_kind_panel
from sila.aid.panel import aid_panel, usable_sources
from sila.applicants.duplicates import repeated_requests
from sila.applicants.file_status import held_reason
from sila.applicants.household import figures, latest_visit
from sila.applicants.screen import applicant_search
from sila.branches import service_area
from sila.branches.pickers import branch_filter
from sila.branches.representatives import is_representative
from sila.core.dates import today
from sila.core.permissions import can_read
from sila.core.vocabulary import PERSON
from sila.outbox.staff_steps import messages_of
from sila.referrals.rules import may_refer, referrals_of
from sila.requests.checklist import checks_by_item
from sila.requests.missing_items import askable_items, asks_on
from sila.requests.next_steps import available_steps, conflict_of_interest, takes_steps
from sila.requests.screen_steps import BULK_DONE, DONE, STEPS
from sila.requests.timeline import timeline
from sila.requests.transitions import EDITABLE, active_attestation, receive, void_after_edit

# Above this many matching people a name is "common": see RequestView.indexed_search.
COMMON_NAME_PEOPLE = 2000


def _repeat_window() -> int:
    organization = db.session.scalar(db.select(Organization).limit(1))
    return organization.repeat_window_days if organization else 90


def _number(_view: Any, _context: Any, model: ServiceRequest, _name: str) -> str:
    return model.number


REQUEST_LABELS = {
    "id": _l("Request number"),
    "applicant": PERSON,
    "applicant.national_id": _l("National ID / iqama"),
    "applicant.name_search": _l("Name"),
    "service_type": _l("Service type"),
    "channel": _l("Channel"),
    "status": _l("Status"),
    "details": _l("Request details"),
    "created_at": _l("Received on"),
    "earliest_answer_on": _l("Earliest answer date"),
    "submitted_at": _l("Submitted to the committee on"),
    "verified_at": _l("Verified on"),
    "verification_notes": _l("Verification notes"),
    "decided_at": _l("Decided on"),
    "received_by": _l("Received by"),
    "verified_by": _l("Verified by"),
    "submitted_by": _l("Submitted by"),
    "registered_at": _l("Registration completed on"),
    "registered_by": _l("Registration completed by"),
    "delivered_at": _l("Delivered on"),
    "delivered_by": _l("Delivered by"),
    "delivery_notes": _l("What was delivered"),
    "cancel_reason": _l("Reason for withdrawal or cancellation"),
}


_APPLICANT, _SERVICE_TYPE, _CHANNEL = aliased(Applicant), aliased(ServiceType), aliased(Channel)
# The list's and export's columns as plain values (admin/plain_rows.py); the committee queue's too.
PLAIN_FIELDS = {
    "id": PlainField((ServiceRequest.id,), value=request_number),
    "applicant": PlainField(
        (_APPLICANT.first_name, _APPLICANT.father_name, _APPLICANT.grandfather_name, _APPLICANT.family_name),
        ServiceRequest.applicant.of_type(_APPLICANT), full_name_of,
    ),
    "service_type": PlainField((_SERVICE_TYPE.name,), ServiceRequest.service_type.of_type(_SERVICE_TYPE)),
    "channel": PlainField((_CHANNEL.name,), ServiceRequest.channel.of_type(_CHANNEL)),
    "status": PlainField((ServiceRequest.status,)),
    "created_at": PlainField((ServiceRequest.created_at,)),
    "submitted_at": PlainField((ServiceRequest.submitted_at,)),
    "earliest_answer_on": PlainField((ServiceRequest.earliest_answer_on,)),
}


DECISION_CHOICES = (
    (DecisionOutcome.accepted, _l("Accept")),
    (DecisionOutcome.rejected, _l("Reject")),
    (DecisionOutcome.returned, _l("Return for more information")),
)


class RequestView(StepButtonsMixin, ExportMixin, SilaModelView):
    area = "requests"
    steps = STEPS
    done = DONE
    # The committee decides from its read-only queue; the workflow refuses each step to the wrong role.
    steps_for_writers_only = False
    # Managers read requests without changing them, yet pick some for a disbursement batch: the one action they get.
    batch_action = True
    enum_columns = {"status": RequestStatus}
    details_template = "admin/request_details.html"
    column_list = ("id", "applicant", "service_type", "channel", "status", "created_at", "earliest_answer_on")
    column_details_list = (
        "id", "applicant", "service_type", "channel", "status", "details", "created_at",
        "received_by", "verified_at", "verified_by", "verification_notes", "submitted_at",
        "submitted_by", "earliest_answer_on", "decided_at", "registered_at", "registered_by",
        "delivered_at", "delivered_by", "delivery_notes", "cancel_reason",
    )
    column_labels = REQUEST_LABELS
    column_formatters = {"id": _number}
    column_default_sort = ("created_at", True)
    column_searchable_list = ("applicant.national_id", "applicant.name_search")
    column_filters = (
        choice_filter(ServiceRequest.status, _l("Status"), RequestStatus),
        relation_filter(ServiceRequest.channel_id, _l("Channel"), Channel),
        relation_filter(ServiceRequest.service_type_id, _l("Service type"), ServiceType),
        "created_at",
        "earliest_answer_on",
        branch_filter(ServiceRequest.branch_id),
    )
    form_columns = ("applicant", "service_type", "channel", "details")
    plain_fields = PLAIN_FIELDS
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}

    def on_model_change(self, form: Any, model: ServiceRequest, is_created: bool) -> None:
        if is_created:
            receive(model, current_user)
            return
        if model.status not in EDITABLE:
            raise ValidationError(_("This request can no longer be edited at its current stage."))
        if void_after_edit(model, current_user):
            flash(_("The data changed after the attestation, so the attestation was voided: record it again."), "warning")

    def after_model_change(self, form: Any, model: ServiceRequest, is_created: bool) -> None:
        if is_created:
            for other in repeated_requests(model, _repeat_window()):
                flash(_("This person already has an open request No. %(number)s for the same service.",
                        number=other.number), "warning")
            outside = service_area.warning(model.applicant.city)
            if outside:
                flash(_("%(warning)s Verifying this request will ask for the reason to proceed.", warning=outside),
                      "warning")

    def get_save_return_url(self, model: ServiceRequest, is_created: bool = False) -> str:
        return self.get_url(".details_view", id=model.id)

    def indexed_search(self, term: str) -> Any:
        """Requests of the people the term finds, without joining applicants into the count.

        SQLite plans the two shapes of this condition very differently: `IN (people)` reads
        every request of every match and sorts them (fast for a rare name, seconds for أحمد
        among a million), `EXISTS` walks the requests in the list's order and stops at a
        page (fast for a common name, a full scan for a rare one). A count of the matching
        people, stopped at COMMON_NAME_PEOPLE, picks the shape; PostgreSQL plans both well.
        """
        people = applicant_search(term)
        if people is None:
            return None
        matching = db.select(Applicant.id).where(people)
        if db.session.get_bind().dialect.name == "sqlite" and _at_least(matching, COMMON_NAME_PEOPLE):
            return db.exists().where(Applicant.id == ServiceRequest.applicant_id, people)
        return ServiceRequest.applicant_id.in_(matching)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            kwargs.update(self._workspace(kwargs["model"]))
        return super().render(template, **kwargs)

    def _workspace(self, model: ServiceRequest) -> dict[str, Any]:
        """What the request page shows beside its fields: checklist, attestation, steps, history."""
        from sila.attachments.service import attachments_of
        from sila.committee.letters import latest_decision

        actor = current_user._get_current_object()
        decision = latest_decision(model.id) if model.decided_at else None
        steps = available_steps(model, actor)
        return {
            "checks": checks_by_item(model),
            "asked_online": asks_on(model),
            "askable": askable_items(model) if "ask_missing" in steps else [],
            "area_warning": service_area.warning(model.applicant.city),
            "steps": steps,
            "conflicted": conflict_of_interest(model, actor),
            "attestation": active_attestation(model),
            "organization": db.session.scalar(db.select(Organization).limit(1)),
            "attestation_methods": choices(AttestationMethod),
            "decision_outcomes": DECISION_CHOICES,
            "events": timeline(model.id),
            "attachments": attachments_of(model.id),
            "can_upload": self._writable() and model.status in EDITABLE,
            "referrals": referrals_of(model.id),
            "can_refer": may_refer(actor),
            "can_open_referrals": can_read(actor.role, "referrals"),
            "household": figures(model.applicant),
            "visit": latest_visit(model.applicant_id),
            "repeats": repeated_requests(model, _repeat_window()),
            "status_held": held_reason(model.applicant, today()),
            "messages": messages_of(model.id) if can_read(actor.role, "outbox") else None,
            "letter_ready": decision is not None and decision.letter_rendered_at is not None,
            "aid": aid_panel(model),
            "funding_sources": usable_sources() if "decide" in steps else [],
            "in_kind": in_kind_panel(model, steps, actor),
        }

    @expose("/attestation/<int:request_id>")
    def attestation_form(self, request_id: int):  # type: ignore[no-untyped-def]
        """The printable Arabic attestation the applicant signs on paper."""
        model = self.get_one(str(request_id))
        if model is None:
            abort(404)
        organization = db.session.scalar(db.select(Organization).limit(1))
        return self.render("admin/attestation_print.html", model=model, organization=organization)

    def flash_done(self, name: str, result: object) -> None:
        """An instalment delivered before the last one leaves the request open, and says so."""
        if name == "deliver" and getattr(result, "status", None) != RequestStatus.closed:
            name = "deliver_instalment"
        super().flash_done(name, result)

    def row_label(self, raw_id: str) -> str:
        """A bulk report names each request by the number staff quote."""
        return request_number(int(raw_id))

    def _may_batch(self) -> bool:
        return self.batch_action and may_prepare(current_user)

    def _takes_actions(self) -> bool:
        """The batch action is a manager's; every other bulk action stays the writers' (403 to anyone else)."""
        if request.form.get("action") == "batch":
            return self._may_batch()
        return super()._takes_actions()

    def is_action_allowed(self, name: str) -> bool:
        allowed = self._may_batch() if name == "batch" else self._writable() and takes_steps(current_user)
        return allowed and super().is_action_allowed(name)

    def create_form(self, obj=None):  # type: ignore[no-untyped-def]
        return _channel_for_role(super().create_form(obj))

    def edit_form(self, obj=None):  # type: ignore[no-untyped-def]
        return _channel_for_role(super().edit_form(obj))

    @action("verify", _l("Verify and sign off"), _l("Verify the selected requests?"))
    def action_verify(self, ids: list[str]) -> None:
        self.take_bulk("verify", ids, BULK_DONE)

    @action("submit", _l("Submit to the committee"), _l("Submit the selected requests to the research committee?"))
    def action_submit(self, ids: list[str]) -> None:
        self.take_bulk("submit", ids, BULK_DONE)

    @action("batch", _l("Prepare a disbursement batch of the selected"))
    def action_batch(self, ids: list[str]) -> Response:
        """The batch form opened with the selected requests' numbers: it asks the date, then checks each one."""
        shown = self.ids_in_scope([int(raw) for raw in ids if str(raw).isdigit()])
        numbers = "، ".join(request_number(request_id) for request_id in sorted(shown))
        return redirect(url_for("batches.prepare_view", requests=numbers))


def _channel_for_role(form):  # type: ignore[no-untyped-def]
    """A representative's requests come through the representatives' channel (`receive` sets it): no choice."""
    if is_representative(current_user) and hasattr(form, "channel"):
        del form.channel
    return form


def _at_least(query: Any, count: int) -> bool:
    """Whether the query has `count` rows, reading no more than that many."""
    found = db.session.scalar(db.select(db.func.count()).select_from(query.limit(count).subquery()))
    return (found or 0) >= count


class CommitteeQueueView(RequestView):
    """Requests awaiting the committee, read-only for its members but for the decision."""

    area = "committee_queue"
    batch_action = False
    column_list = ("id", "applicant", "service_type", "channel", "submitted_at", "earliest_answer_on")
    column_default_sort = ("submitted_at", False)
    column_filters = (
        relation_filter(ServiceRequest.channel_id, _l("Channel"), Channel),
        relation_filter(ServiceRequest.service_type_id, _l("Service type"), ServiceType),
        "submitted_at",
        "earliest_answer_on",
        branch_filter(ServiceRequest.branch_id),
    )
    allow_create = False
    allow_edit = False

    def scope(self, query):  # type: ignore[no-untyped-def]
        return query.filter(ServiceRequest.status == RequestStatus.submitted)
