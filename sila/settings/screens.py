"""The administrator's configuration screens: channels, services, documents, reasons."""
from __future__ import annotations

from flask_admin.model.form import InlineFormAdmin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from admin.base import SilaModelView
from models.base import db
from models.channel import Channel
from models.contact import Contact
from models.enums import AidKind, DocumentKind, RequiredItemKind, choices
from models.request import ServiceRequest
from models.service_type import RequiredItem
from models.survey import SurveyResponse

ORDERING_LABELS = {
    "name": _l("Name"),
    "position": _l("Order"),
    "is_active": _l("Active"),
    "created_at": _l("Created on"),
    "description": _l("Description"),
}


class ChannelView(SilaModelView):
    """Channels in use are deactivated, never deleted: history points at them."""

    area = "channels"
    allow_delete = True
    column_list = ("position", "name", "is_active")
    column_default_sort = "position"
    column_labels = {**ORDERING_LABELS, "code": _l("System code")}
    form_columns = ("name", "position", "is_active")
    column_details_exclude_list = ("code",)

    def on_model_delete(self, model: Channel) -> None:
        for table in (ServiceRequest, Contact, SurveyResponse):
            used = db.session.scalar(
                db.select(db.func.count()).select_from(table).where(table.channel_id == model.id)
            )
            if used:
                raise ValidationError(
                    _("This channel is in use and cannot be deleted; deactivate it instead.")
                )


class RequiredItemInline(InlineFormAdmin):
    form_columns = ("id", "name", "kind", "is_mandatory", "position")
    form_label = _l("Required items")
    column_labels = {
        "name": _l("Item"),
        "kind": _l("Kind"),
        "is_mandatory": _l("Mandatory"),
        "position": _l("Order"),
    }
    form_choices = {"kind": choices(RequiredItemKind)}


class ServiceTypeView(SilaModelView):
    area = "service_types"
    enum_columns = {"aid_kind": AidKind}
    column_list = ("position", "name", "aid_kind", "is_active")
    column_default_sort = "position"
    column_labels = {**ORDERING_LABELS, "required_items": _l("Required items"), "aid_kind": _l("Aid kind")}
    form_columns = ("name", "description", "aid_kind", "position", "is_active")
    inline_models = (RequiredItemInline(RequiredItem),)


class ReferenceDocumentView(SilaModelView):
    area = "documents"
    enum_columns = {"kind": DocumentKind}
    column_list = ("position", "title", "kind", "version", "is_active")
    column_default_sort = "position"
    column_labels = {
        **ORDERING_LABELS,
        "title": _l("Title"),
        "kind": _l("Kind"),
        "version": _l("Version"),
        "original_name": _l("File"),
    }
    column_details_exclude_list = ("stored_name",)
    form_columns = ("title", "kind", "version", "description", "position", "is_active")


class ReferralReasonView(SilaModelView):
    area = "referral_reasons"
    column_list = ("position", "name", "is_active")
    column_default_sort = "position"
    column_labels = ORDERING_LABELS
    form_columns = ("name", "position", "is_active")

