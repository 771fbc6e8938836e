"""The contacts log: every inquiry, suggestion and complaint, and its answer."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import NumberRange, Optional

from admin.base import SilaModelView, choice_filter, relation_filter
from domain.vocabulary import PERSON
from forms.dual_date import DualDateField
from models.channel import Channel
from models.contact import Contact
from models.enums import ContactKind, FollowUpStatus, Role
from models.user import User


class ContactView(SilaModelView):
    area = "contacts"
    enum_columns = {"kind": ContactKind, "status": FollowUpStatus}
    column_list = ("created_at", "kind", "channel", "applicant", "contact_name", "summary", "status", "due_on")
    column_default_sort = ("created_at", True)
    column_filters = (
        choice_filter(Contact.kind, _l("Kind"), ContactKind),
        choice_filter(Contact.status, _l("Follow-up status"), FollowUpStatus),
        relation_filter(Contact.channel_id, _l("Channel"), Channel),
        "created_at",
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
        "staff": _l("Recorded by"),
        "closed_at": _l("Closed on"),
    }
    form_columns = (
        "kind", "channel", "applicant", "contact_name", "contact_mobile", "summary",
        "answer", "minutes_spent", "status", "owner", "due_on", "outcome",
    )
    form_overrides = {"due_on": DualDateField}
    form_args = {
        "minutes_spent": {
            "validators": [Optional(), NumberRange(min=0, max=1440, message=_l("Enter minutes between 0 and 1440."))]
        }
    }
    form_args["owner"] = {
        "query_factory": lambda: User.query.filter(User.role.in_((Role.staff, Role.manager)), User.is_active.is_(True)),
        "blank_text": "—",
    }
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}

    def on_model_change(self, form: Any, model: Contact, is_created: bool) -> None:
        if is_created:
            model.staff_id = current_user.id
