"""The request screen's step buttons and bulk actions, wired to the workflow.

Views only translate a click into a workflow call and its outcome into a
message; who may do what, and when, is the workflow's to decide.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from models.enums import RequestStatus
from sila.core.refusal import Refused
from sila.requests import transitions
from sila.requests.checklist import save_checklist

DONE = {
    "checklist": _l("The checklist was saved."),
    "verify": _l("The request was verified and signed off."),
    "attest": _l("The attestation was recorded."),
    "submit": _l("The request was submitted to the research committee."),
    "decide": _l("The decision was recorded."),
    "register": _l("Registration was completed."),
    "deliver": _l("The service delivery was recorded and the request closed."),
    "withdraw": _l("The request was withdrawn."),
    "cancel": _l("The request was cancelled."),
}


def _ticks(form: MultiDict) -> dict[int, tuple[bool, bool]]:
    items = {int(value) for value in form.getlist("item") if value.isdigit()}
    return {
        item: (form.get(f"supplied-{item}") == "y", form.get(f"matched-{item}") == "y")
        for item in items
    }


STEPS: dict[str, Callable[[int, Any, MultiDict], object]] = {
    "checklist": lambda rid, actor, form: save_checklist(rid, actor, _ticks(form)),
    "verify": lambda rid, actor, form: transitions.verify(rid, actor, form.get("notes")),
    "attest": lambda rid, actor, form: transitions.attest(rid, actor, form.get("signed_name"), form.get("method", "")),
    "submit": lambda rid, actor, form: transitions.submit(rid, actor),
    "decide": lambda rid, actor, form: transitions.decide(rid, actor, form.get("outcome", ""), form.get("reason")),
    "register": lambda rid, actor, form: transitions.complete_registration(rid, actor, form.get("notes")),
    "deliver": lambda rid, actor, form: transitions.deliver(rid, actor, form.get("what")),
    "withdraw": lambda rid, actor, form: transitions.end_early(rid, actor, RequestStatus.withdrawn, form.get("reason")),
    "cancel": lambda rid, actor, form: transitions.end_early(rid, actor, RequestStatus.cancelled, form.get("reason")),
}


def take_step(step: str, request_id: int, form: MultiDict) -> bool:
    """Run one step for the current user and flash its outcome."""
    if step not in STEPS:
        flash(_("Unknown step."), "error")
        return False
    try:
        STEPS[step](request_id, current_user._get_current_object(), form)
    except Refused as refusal:
        flash(str(refusal), "error")
        return False
    flash(str(DONE[step]), "success")
    return True


def take_bulk(step: str, ids: Iterable[str]) -> None:
    """A bulk action: each request on its own, then one report of what was done and refused."""
    done, refused = [], []
    actor = current_user._get_current_object()
    for raw in ids:
        number = f"{int(raw):07d}"
        try:
            STEPS[step](int(raw), actor, MultiDict())
            done.append(number)
        except Refused as refusal:
            refused.append(f"{number}: {refusal}")
    if done:
        flash(_("Done for %(count)s request(s): %(numbers)s", count=len(done), numbers="، ".join(done)), "success")
    for line in refused:
        flash(_("Refused — %(reason)s", reason=line), "error")
