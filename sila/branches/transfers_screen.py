"""File transfers between branches: each branch sees the ones it sent and the ones it receives.

Asking is on the file's page (the applicants screen); answering is here, as a
bulk action on the list or a button with a note on the transfer's page. The
rules are sila/branches/transfers.py's; this screen only calls them.
"""
from __future__ import annotations

from typing import Any

from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SilaModelView, choice_filter
from admin.steps import Step, StepButtonsMixin
from models.enums import TransferOutcome
from models.file_transfer import FileTransfer
from sila.branches import transfers
from sila.branches.scope import at_branches, branch_ids
from sila.core.vocabulary import PERSON

STEPS: dict[str, Step] = {
    "accept": lambda tid, actor, form: transfers.accept(tid, actor, form.get("note")),
    "decline": lambda tid, actor, form: transfers.decline(tid, actor, form.get("note")),
}
DONE = {
    "accept": _l("The transfer was accepted: the file is now at your branch."),
    "decline": _l("The transfer was declined: the file stays at its branch."),
}
BULK_DONE = _l("Done for %(count)s transfer(s).")


class DirectionFilter(BaseSQLAFilter):
    """Incoming (to one of my branches) or outgoing (from one of them)."""

    def __init__(self, name: object) -> None:
        super().__init__(FileTransfer.to_branch_id, name, options=(("in", _l("Incoming")), ("out", _l("Outgoing"))))

    def apply(self, query, value, alias=None):  # type: ignore[no-untyped-def]
        ids = branch_ids(current_user._get_current_object())
        if ids is None:
            return query
        column = FileTransfer.to_branch_id if value == "in" else FileTransfer.from_branch_id
        return query.filter(at_branches(column, ids))

    def operation(self) -> object:
        return _l("equals")


class FileTransferView(StepButtonsMixin, SilaModelView):
    area = "transfers"
    steps = STEPS
    done = DONE
    allow_create = False
    allow_edit = False
    enum_columns = {"outcome": TransferOutcome}
    details_template = "admin/transfer_details.html"
    column_list = ("applicant", "from_branch", "to_branch", "reason", "requested_by", "requested_at", "outcome",
                   "answered_by", "answered_at")
    column_details_list = column_list + ("answer_note",)
    column_default_sort = ("requested_at", True)
    column_filters = (
        DirectionFilter(_l("Direction")),
        choice_filter(FileTransfer.outcome, _l("Outcome"), TransferOutcome),
        "requested_at",
    )
    column_labels = {
        "applicant": PERSON,
        "from_branch": _l("From branch"),
        "to_branch": _l("To branch"),
        "reason": _l("Reason for the transfer"),
        "requested_by": _l("Asked by"),
        "requested_at": _l("Requested on"),
        "outcome": _l("Outcome"),
        "answered_by": _l("Answered by"),
        "answered_at": _l("Answered on"),
        "answer_note": _l("Answer note"),
    }

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            kwargs["may_answer"] = transfers.may_answer(kwargs["model"], current_user._get_current_object())
        return super().render(template, **kwargs)

    @action("accept", _l("Accept the transfer"), _l("Accept the selected transfers into your branch?"))
    def action_accept(self, ids: list[str]) -> None:
        self.take_bulk("accept", ids, BULK_DONE)

    @action("decline", _l("Decline the transfer"), _l("Decline the selected transfers?"))
    def action_decline(self, ids: list[str]) -> None:
        self.take_bulk("decline", ids, BULK_DONE)
