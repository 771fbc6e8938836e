"""Requests as staff receive them, and the committee's read-only queue."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SilaModelView, choice_filter, relation_filter
from models.channel import Channel
from models.service_type import ServiceType
from domain.arabic import normalize
from domain.vocabulary import PERSON
from models.enums import RequestStatus
from models.request import ServiceRequest


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
}


class RequestView(SilaModelView):
    area = "requests"
    enum_columns = {"status": RequestStatus}
    column_list = ("id", "applicant", "service_type", "channel", "status", "created_at", "earliest_answer_on")
    column_details_list = (
        "id", "applicant", "service_type", "channel", "status", "details", "created_at",
        "received_by", "verified_at", "verified_by", "verification_notes", "submitted_at",
        "submitted_by", "earliest_answer_on", "decided_at",
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
    )
    form_columns = ("applicant", "service_type", "channel", "details")
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}
    allow_edit = True

    def on_model_change(self, form: Any, model: ServiceRequest, is_created: bool) -> None:
        if is_created:
            model.status = RequestStatus.received
            model.received_by_id = current_user.id

    def _apply_search(self, query, count_query, joins, count_joins, search):  # type: ignore[no-untyped-def]
        return super()._apply_search(query, count_query, joins, count_joins, normalize(search))


class CommitteeQueueView(RequestView):
    """Requests awaiting the committee, read-only for its members."""

    area = "committee_queue"
    column_list = ("id", "applicant", "service_type", "channel", "submitted_at", "earliest_answer_on")
    column_default_sort = ("submitted_at", False)
    column_filters = (
        relation_filter(ServiceRequest.channel_id, _l("Channel"), Channel),
        relation_filter(ServiceRequest.service_type_id, _l("Service type"), ServiceType),
        "submitted_at",
    )
    allow_create = False
    allow_edit = False

    def scope(self, query):  # type: ignore[no-untyped-def]
        return query.filter(ServiceRequest.status == RequestStatus.submitted)
