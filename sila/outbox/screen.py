"""The outbox: every message to applicants, what became of it, and the staff's call list.

Messages are written by the workflow and sent by `flask notifications send`;
nothing here edits them. Staff send a failed one again after fixing the
contact, and tick off the calls owed to applicants who prefer a phone call.
"""
from __future__ import annotations

from typing import Any

from flask_admin.actions import action
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SilaModelView, choice_filter
from admin.steps import StepsMixin
from models.enums import ContactMethod, NotificationEvent, NotificationStatus
from models.notification import Notification
from sila.core.masking import masked, needs_mask
from sila.core.mobile import national_format
from sila.core.vocabulary import PERSON
from sila.outbox import staff_steps as outbox

SHORT = 80


def _recipient(_view: Any, _context: Any, model: Notification, _name: str) -> Markup:
    """A mobile as staff dial it (05…), an address as typed; either kept left to right inside the Arabic row."""
    shown = model.recipient if model.method == ContactMethod.email else national_format(model.recipient)
    if needs_mask(current_user.role):
        shown = masked(shown, 4, 2) if model.method == ContactMethod.email else masked(shown, 2, 2)
    return Markup('<span class="sila-ltr" dir="ltr">{}</span>').format(shown)


def _short(_view: Any, _context: Any, model: Notification, name: str) -> str:
    text = getattr(model, name) or ""
    return text if len(text) <= SHORT else text[:SHORT] + "…"


class OutboxView(StepsMixin, SilaModelView):
    area = "outbox"
    steps = {
        "retry": lambda nid, actor, form: outbox.retry(nid, actor),
        "called": lambda nid, actor, form: outbox.mark_called(nid, actor),
    }
    enum_columns = {"event": NotificationEvent, "method": ContactMethod, "status": NotificationStatus}
    allow_create = False
    allow_edit = False
    column_list = ("created_at", "applicant", "event", "method", "recipient", "status", "attempts", "last_error", "sent_at")
    column_details_list = (
        "created_at", "applicant", "request_id", "event", "method", "recipient", "subject", "body",
        "status", "attempts", "last_error", "next_attempt_at", "sent_at",
    )
    column_formatters = {"recipient": _recipient, "last_error": _short}
    column_default_sort = ("id", True)
    column_filters = (
        choice_filter(Notification.status, _l("Status"), NotificationStatus),
        choice_filter(Notification.method, _l("Contact method"), ContactMethod),
        choice_filter(Notification.event, _l("Event"), NotificationEvent),
        "created_at",
    )
    column_labels = {
        "created_at": _l("Queued on"),
        "applicant": PERSON,
        "request_id": _l("Request"),
        "event": _l("Event"),
        "method": _l("Contact method"),
        "recipient": _l("Recipient"),
        "subject": _l("Subject"),
        "body": _l("Message"),
        "status": _l("Status"),
        "attempts": _l("Attempts"),
        "last_error": _l("Last error"),
        "next_attempt_at": _l("Next attempt"),
        "sent_at": _l("Sent on"),
    }

    def is_action_allowed(self, name: str) -> bool:
        return self._writable() and super().is_action_allowed(name)

    @action("retry", _l("Send again"), _l("Queue the selected failed messages to be sent again?"))
    def action_retry(self, ids: list[str]) -> None:
        self.take_bulk("retry", ids, _l("Queued again: %(count)s message(s)."))

    @action("called", _l("Mark as called"), _l("Mark the selected calls as made?"))
    def action_called(self, ids: list[str]) -> None:
        self.take_bulk("called", ids, _l("Marked as called: %(count)s."))
