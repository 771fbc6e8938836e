"""The contacts log: every inquiry, suggestion and complaint, its answer and its follow-up.

Logging a contact and every later step go through sila/contacts/rules.py; this
screen only turns the form and the step forms into those calls. A logged
contact is not edited: what changes afterwards (answer, owner, due date,
status, outcome) changes through a step, each with its audit entry.
"""
from __future__ import annotations

from typing import Any

from flask import flash
from flask_admin.contrib.sqla.filters import BaseSQLAFilter, IntEqualFilter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms.validators import NumberRange, Optional

from admin.base import SilaModelView, choice_filter, relation_filter
from admin.export import ExportMixin
from admin.steps import Step, StepButtonsMixin
from forms.dual_date import DualDateField
from models.channel import Channel
from models.contact import Contact
from models.enums import ContactKind, FollowUpStatus, Role
from models.user import User
from sila.branches.pickers import branch_filter
from sila.branches.representatives import is_representative
from sila.contacts import rules as contacts
from sila.core.dates import today
from sila.core.errors import Refused
from sila.core.vocabulary import PERSON

STEPS: dict[str, Step] = {
    "answer": lambda cid, actor, form: contacts.answer(cid, actor, form.get("answer"), form.get("minutes_spent")),
    "assign": lambda cid, actor, form: contacts.assign(cid, actor, _int(form.get("owner"))),
    "set_due": lambda cid, actor, form: contacts.set_due(cid, actor, form.get("due_on")),
    "start_study": lambda cid, actor, form: contacts.start_study(cid, actor),
    "close": lambda cid, actor, form: contacts.close(cid, actor, form.get("outcome")),
}
DONE = {
    "answer": _l("The answer was recorded and the contact closed."),
    "assign": _l("The owner was set."),
    "set_due": _l("The due date was set."),
    "start_study": _l("The follow-up is now under study."),
    "close": _l("The follow-up was closed with its outcome."),
}
SHORT = 120


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _short(_view: Any, _context: Any, model: Contact, name: str) -> str:
    text = getattr(model, name) or ""
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def _owner(_view: Any, _context: Any, model: Contact, _name: str) -> str:
    return model.owner.full_name if model.owner else ""


def _overdue(_view: Any, _context: Any, model: Contact, _name: str) -> Markup | str:
    if not contacts.is_overdue(model, today()):
        return ""
    return Markup('<span class="badge badge-danger sila-overdue">{}</span>').format(_("Overdue"))


class StaffOwners:
    """The owner filter's options, read when the page renders: relations staff only."""

    def __bool__(self) -> bool:
        return True

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([(str(user.id), user.full_name) for user in contacts.staff_owners()])


class OverdueFilter(BaseSQLAFilter):
    """Suggestions and complaints still open after their due date, as the dashboard counts them."""

    def __init__(self, name: object) -> None:
        super().__init__(Contact.due_on, name, options=(("1", _l("Yes")),))

    def apply(self, query, value, alias=None):  # type: ignore[no-untyped-def]
        return query.filter(contacts.overdue_condition(today()))

    def operation(self) -> object:
        return _l("equals")


class ContactView(StepButtonsMixin, ExportMixin, SilaModelView):
    area = "contacts"
    steps = STEPS
    done = DONE
    enum_columns = {"kind": ContactKind, "status": FollowUpStatus}
    details_template = "admin/contact_details.html"
    column_list = (
        "created_at", "kind", "channel", "summary", "answer", "minutes_spent", "status", "owner", "due_on", "overdue",
    )
    column_formatters = {"summary": _short, "answer": _short, "owner": _owner, "overdue": _overdue}
    column_default_sort = ("created_at", True)
    column_filters = (
        choice_filter(Contact.kind, _l("Kind"), ContactKind),
        choice_filter(Contact.status, _l("Follow-up status"), FollowUpStatus),
        IntEqualFilter(Contact.owner_id, _l("Owner"), options=StaffOwners()),
        OverdueFilter(_l("Overdue")),
        relation_filter(Contact.channel_id, _l("Channel"), Channel),
        "created_at",
        branch_filter(Contact.branch_id),
        "due_on",
    )
    column_searchable_list = ("summary", "contact_name")
    column_labels = {
        "created_at": _l("Date"),
        "kind": _l("Kind"),
        "channel": _l("Channel"),
        "applicant": PERSON,
        "contact_name": _l("Name (if not registered)"),
        "contact_mobile": _l("Mobile (if not registered)"),
        "summary": _l("Summary"),
        "answer": _l("Answer given"),
        "minutes_spent": _l("Minutes spent"),
        "status": _l("Follow-up status"),
        "outcome": _l("Outcome"),
        "owner": _l("Owner"),
        "due_on": _l("Due date"),
        "overdue": _l("Overdue"),
        "staff": _l("Recorded by"),
        "closed_at": _l("Closed on"),
    }
    allow_edit = False
    form_columns = (
        "kind", "channel", "applicant", "contact_name", "contact_mobile", "summary",
        "answer", "minutes_spent", "owner", "due_on",
    )
    form_overrides = {"due_on": DualDateField}
    form_args = {
        "minutes_spent": {
            "validators": [Optional(), NumberRange(min=0, max=1440, message=_l("Enter minutes between 0 and 1440."))]
        },
        "owner": {
            "query_factory": lambda: User.query.filter(User.role == Role.staff, User.is_active.is_(True)),
            "blank_text": "—",
        },
        "due_on": {"label": _l("Due date (suggestions and complaints)")},
    }
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}

    def create_model(self, form: Any) -> Contact | bool:
        """The workflow is the only way a contact comes to be."""
        try:
            return contacts.log(
                current_user._get_current_object(),
                kind=form.kind.data,
                channel_id=form.channel.data.id if "channel" in form and form.channel.data else None,
                summary=form.summary.data,
                answer=form.answer.data,
                minutes_spent=form.minutes_spent.data,
                applicant_id=form.applicant.data.id if form.applicant.data else None,
                contact_name=form.contact_name.data,
                contact_mobile=form.contact_mobile.data,
                owner_id=form.owner.data.id if form.owner.data else None,
                due_on=form.due_on.data,
            )
        except Refused as refusal:
            flash(str(refusal), "error")
            return False

    def create_form(self, obj=None):  # type: ignore[no-untyped-def]
        """A representative's contacts come through the representatives' channel (`log` sets it): no choice."""
        form = super().create_form(obj)
        if is_representative(current_user):
            del form.channel
        return form

    def get_save_return_url(self, model: Contact, is_created: bool = False) -> str:
        return self.get_url(".details_view", id=model.id)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            model = kwargs["model"]
            kwargs["steps"] = contacts.available_steps(model, current_user._get_current_object())
            kwargs["owners"] = contacts.staff_owners()
            kwargs["overdue"] = contacts.is_overdue(model, today())
        return super().render(template, **kwargs)
