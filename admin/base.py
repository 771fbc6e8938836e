"""The ModelView every staff screen derives from.

It wires in what each screen would otherwise repeat: the permission table
(menus, URLs and POSTs), CSRF on every form, Hijri-beside-Gregorian dates and
translated enumeration labels. Screens stay declarations.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask import abort, redirect, request, url_for
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import BaseForm
from flask_admin.model import typefmt
from flask_login import current_user
from flask_wtf import FlaskForm

from domain.dates import dual_date
from domain.permissions import can_read, can_write
from models.base import db
from models.enums import choices, label


class AdminForm(BaseForm):
    """Flask-Admin forms with the same CSRF token as every other form of the app."""

    class Meta(FlaskForm.Meta):
        pass


def _date_formatter(_view: Any, value: date, _name: str = "") -> str:
    return dual_date(value)


DATE_FORMATTERS = {datetime: _date_formatter, date: _date_formatter}


def enum_column(enum_cls: type[StrEnum]):  # type: ignore[no-untyped-def]
    """A list/detail formatter that shows the translated label of a stored code."""

    def _format(_view: Any, _context: Any, model: Any, name: str) -> str:
        return label(enum_cls, getattr(model, name))

    return _format


class SilaModelView(ModelView):
    """A staff screen guarded by one area of the permission table."""

    area: str = ""
    form_base_class = AdminForm
    page_size = 20
    can_view_details = True
    can_set_page_size = True
    details_modal = False
    create_modal = False
    edit_modal = False
    enum_columns: dict[str, type[StrEnum]] = {}

    column_type_formatters = {**typefmt.BASE_FORMATTERS, **DATE_FORMATTERS}
    column_type_formatters_detail = {**typefmt.DETAIL_FORMATTERS, **DATE_FORMATTERS}
    column_type_formatters_export = {**typefmt.EXPORT_FORMATTERS, **DATE_FORMATTERS}

    def __init__(self, model: type, **kwargs: Any) -> None:
        self.column_formatters = {
            **{name: enum_column(cls) for name, cls in self.enum_columns.items()},
            **dict(self.column_formatters or {}),
        }
        self.form_choices = {
            **{name: choices(cls) for name, cls in self.enum_columns.items()},
            **dict(self.form_choices or {}),
        }
        super().__init__(model, db.session, **kwargs)

    @property
    def _role(self) -> str | None:
        return current_user.role if current_user.is_authenticated else None

    def is_accessible(self) -> bool:
        return can_read(self._role, self.area)

    def _writable(self) -> bool:
        return can_write(self._role, self.area)

    @property
    def can_create(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_create

    @property
    def can_edit(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_edit

    @property
    def can_delete(self) -> bool:  # type: ignore[override]
        return self._writable() and self.allow_delete

    @property
    def can_export(self) -> bool:  # type: ignore[override]
        return self._role == "manager" and self.allow_export

    allow_create = True
    allow_edit = True
    allow_delete = False
    allow_export = True

    def _handle_view(self, name: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not self.is_accessible():
            abort(403)
        allowed = {
            "create_view": self.can_create,
            "edit_view": self.can_edit,
            "delete_view": self.can_delete,
            "action_view": self._writable(),
            "ajax_update": self.can_edit,
            "export": self.can_export,
        }
        if not allowed.get(name, True):
            abort(403)
        return None
