"""WTForms adapters for the domain's cleaning functions.

The domain decides what a valid ID, mobile or date is; forms only put its
Arabic message next to the field and keep the cleaned value.
"""
from __future__ import annotations

from collections.abc import Callable

from wtforms import Field, Form
from wtforms.validators import StopValidation

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
