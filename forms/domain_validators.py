"""WTForms adapters for the domain's cleaning functions.

The domain decides what a valid ID, mobile or date is; forms only put its
Arabic message next to the field and keep the cleaned value.
"""
from __future__ import annotations

from collections.abc import Callable

from wtforms import Field, Form
from wtforms.validators import StopValidation

from sila.branches.service_area import reason_to_proceed
from sila.core.errors import InvalidValue


class Cleaned:
    """Run a domain cleaner on the field; store its result or show its message."""

    def __init__(self, cleaner: Callable[[str], str], optional: bool = False) -> None:
        self.cleaner = cleaner
        self.optional = optional

    def __call__(self, _form: Form, field: Field) -> None:
        if self.optional and not (field.data or "").strip():
            field.data = None
            return
        try:
            field.data = self.cleaner(field.data)
        except InvalidValue as exc:
            raise StopValidation(str(exc)) from exc


class ReasonOutsideArea:
    """The reason for serving an applicant outside the service area, required when the form's city lies
    outside it (sila/branches/service_area.py decides); cleared when it lies inside."""

    def __init__(self, city_field: str = "city") -> None:
        self.city_field = city_field

    def __call__(self, form: Form, field: Field) -> None:
        try:
            field.data = reason_to_proceed(form[self.city_field].data, field.data)
        except InvalidValue as exc:
            raise StopValidation(str(exc)) from exc
