"""The request screen's steps and their done messages, wired to the workflow.

The screen runs them through admin/steps.py; who may do what, and when, is
the workflow's to decide.
"""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from admin.steps import Step
from models.enums import RequestStatus
from sila.aid.catalogue import DELIVER_FIELD, quantities_from
from sila.aid.deliveries import Handover
from sila.aid.grants import terms_from
from sila.requests import missing_items, transitions
from sila.requests.checklist import save_checklist

DONE = {
    "checklist": _l("The checklist was saved."),
    "verify": _l("The request was verified and signed off."),
    "attest": _l("The attestation was recorded."),
    "submit": _l("The request was submitted to the research committee."),
    "decide": _l("The decision was recorded."),
    "register": _l("Registration was completed."),
    "deliver": _l("The service delivery was recorded and the request closed."),
    # An instalment of recurring cash aid that leaves others still due.
    "deliver_instalment": _l("The delivery was recorded."),
    "ask_missing": _l("The applicant was asked for the chosen documents; the message is in the outbox."),
    "withdraw": _l("The request was withdrawn."),
    "cancel": _l("The request was cancelled."),
}
BULK_DONE = _l("Done for %(count)s request(s): %(numbers)s")


def _ticks(form: MultiDict) -> dict[int, tuple[bool, bool]]:
    items = {int(value) for value in form.getlist("item") if value.isdigit()}
    return {
        item: (form.get(f"supplied-{item}") == "y", form.get(f"matched-{item}") == "y")
        for item in items
    }


STEPS: dict[str, Step] = {
    "checklist": lambda rid, actor, form: save_checklist(rid, actor, _ticks(form)),
    "verify": lambda rid, actor, form: transitions.verify(rid, actor, form.get("notes"), form.get("area_reason")),
    "attest": lambda rid, actor, form: transitions.attest(rid, actor, form.get("signed_name"), form.get("method", "")),
    "submit": lambda rid, actor, form: transitions.submit(rid, actor),
    "decide": lambda rid, actor, form: transitions.decide(
        rid, actor, form.get("outcome", ""), form.get("reason"), grant=terms_from(form),
    ),
    "register": lambda rid, actor, form: transitions.complete_registration(rid, actor, form.get("notes")),
    "deliver": lambda rid, actor, form: transitions.deliver(rid, actor, form.get("what"), Handover(
        what=form.get("what"), amount=form.get("amount"), received_by=form.get("received_by"),
        relation=form.get("receiver_relation"), witness=form.get("witness"), scan=request.files.get("receipt_scan"),
        items=quantities_from(form, DELIVER_FIELD) if form.get("item_lines") else None,
    )),
    "ask_missing": lambda rid, actor, form: missing_items.ask(
        rid, actor, [int(value) for value in form.getlist("asked_item") if value.isdigit()], form.get("note"),
    ),
    "withdraw": lambda rid, actor, form: transitions.end_early(rid, actor, RequestStatus.withdrawn, form.get("reason")),
    "cancel": lambda rid, actor, form: transitions.end_early(rid, actor, RequestStatus.cancelled, form.get("reason")),
}

