"""Letters and messages (settings): the admin rewords the fixed set of texts, nothing more.

Rows are the decision outcomes and notification events, seeded by the preset,
so there is no create or delete. Each save is checked against the placeholders
that text may use, and the refusal is shown beside the field.
"""
from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms.validators import DataRequired, Length

from admin.base import SilaModelView
from models.enums import DecisionOutcome, NotificationEvent, TemplateKind, label
from models.text_template import TextTemplate
from sila.core.errors import InvalidValue
from sila.settings.texts.placeholders import allowed_placeholders, check_text

PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
KEY_ENUMS = {TemplateKind.letter: DecisionOutcome, TemplateKind.message: NotificationEvent}


def key_label(model: TextTemplate) -> str:
    """The decision or event a text belongs to, as people call it."""
    return label(KEY_ENUMS[model.kind], model.key)


def _key_formatter(_view: Any, _context: Any, model: TextTemplate, _name: str) -> str:
    return key_label(model)


def _text_formatter(_view: Any, _context: Any, model: TextTemplate, name: str) -> Markup:
    """The text as typed, its placeholders set apart as code so they read as fields, not words."""
    lines = []
    for line in (getattr(model, name) or "").splitlines():
        parts = PLACEHOLDER.split(line)
        lines.append(Markup("").join(
            Markup('<code dir="auto">{}</code>').format(part) if index % 2 else part for index, part in enumerate(parts)
        ))
    return Markup("<br>").join(lines)


class TextTemplateView(SilaModelView):
    area = "text_templates"
    enum_columns = {"kind": TemplateKind}
    allow_create = False
    allow_delete = False
    allow_export = False
    edit_template = "admin/text_template_edit.html"
    column_list = ("kind", "key", "subject", "updated_at", "updated_by")
    column_details_list = ("kind", "key", "subject", "body", "updated_at", "updated_by")
    column_default_sort = [("kind", False), ("id", False)]
    column_formatters = {"key": _key_formatter, "subject": _text_formatter}
    column_formatters_detail = {"key": _key_formatter, "subject": _text_formatter, "body": _text_formatter}
    column_sortable_list = ("kind", "updated_at")
    column_labels = {
        "kind": _l("Kind"),
        "key": _l("Used for"),
        "subject": _l("Subject"),
        "body": _l("Text"),
        "updated_at": _l("Updated on"),
        "updated_by": _l("Updated by"),
    }
    form_columns = ("subject", "body")
    form_args = {
        "subject": {"validators": [Length(max=200)]},
        "body": {"validators": [DataRequired(), Length(max=8000)]},
    }
    form_widget_args = {"body": {"rows": 10}}

    def edit_form(self, obj: TextTemplate | None = None):  # type: ignore[no-untyped-def]
        form = super().edit_form(obj)
        form.sila_text = (obj.kind, obj.key) if obj is not None else None
        return form

    def validate_form(self, form: Any) -> bool:
        """Unknown placeholders and stray braces, beside the field that holds them."""
        valid = super().validate_form(form)
        target = getattr(form, "sila_text", None)
        if not valid or target is None:
            return valid
        for field in (form.subject, form.body):
            try:
                check_text(*target, field.data)
            except InvalidValue as exc:
                field.errors = [*field.errors, str(exc)]
                valid = False
        return valid

    def on_model_change(self, form: Any, model: TextTemplate, is_created: bool) -> None:
        model.subject = (model.subject or "").strip() or None
        model.updated_by_id = current_user.id

    def render(self, template: str, **kwargs: Any) -> str:
        model = kwargs.get("model")
        if template == self.edit_template and model is not None:
            kwargs.update(
                placeholders=allowed_placeholders(model.kind, model.key),
                kind_label=label(TemplateKind, model.kind),
                key_label=key_label(model),
            )
        return super().render(template, **kwargs)
