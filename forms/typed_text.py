"""What every staff form does to typed text before validating it.

Invisible controls are dropped (NUL, which PostgreSQL refuses, and the bidi
overrides such as U+202E that make a name read as something else), and a value
longer than its column gets an Arabic message: WTForms' own Arabic catalog
leaves the plural forms past two characters empty, so "longer than 60
characters" came out in English. Only text fields are touched, and passwords are taken exactly as typed.
"""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

from sila.core.arabic import plain_text

TOO_LONG = _l("Enter at most %(max)d characters.")


def _plain(value: Any) -> Any:
    return plain_text(value) if isinstance(value, str) else value


def _translated(validator: Any) -> Any:
    if isinstance(validator, Length) and validator.message is None and validator.min < 0:
        return Length(max=validator.max, message=TOO_LONG)
    return validator


def typed_text_options(unbound_field: UnboundField, options: dict[str, Any]) -> dict[str, Any]:
    """The binding options of one form field, with the text filter and the Arabic length message."""
    if not issubclass(unbound_field.field_class, StringField) or issubclass(unbound_field.field_class, PasswordField):
        return options
    kwargs = unbound_field.kwargs
    extra: dict[str, Any] = {"filters": [*kwargs.get("filters", ()), _plain]}
    if kwargs.get("validators"):
        extra["validators"] = [_translated(validator) for validator in kwargs["validators"]]
    return {**options, **extra}
