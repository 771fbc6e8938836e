"""A date input that accepts Hijri or Gregorian and shows both."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError

from sila.core.dates import dual_date, parse_date
from sila.core.errors import InvalidValue


class DualDateField(StringField):
    """Typed as 17/07/1442 or 01/03/2021 (or year first); stored as a Gregorian date."""

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "description", _l("Hijri (e.g. 17/07/1442) or Gregorian (e.g. 01/03/2021)")
        )
        super().__init__(label, validators, **kwargs)
        self._error: str | None = None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%d/%m/%Y") if self.data else ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self._error = None
        try:
            self.data = parse_date(valuelist[0] if valuelist else "")
        except InvalidValue as exc:
            self.data = None
            self._error = str(exc)

    def pre_validate(self, form: Any) -> None:
        if self._error:
            raise ValidationError(self._error)

    @property
    def both_calendars(self) -> str:
        return dual_date(self.data) if self.data else ""
