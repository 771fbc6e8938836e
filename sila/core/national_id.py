"""Saudi national ID and iqama numbers.

Ten digits, the first 1 for a citizen or 2 for a resident, and a Luhn check
over all ten. People type Arabic-Indic digits, so those are accepted.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sila.core.arabic import ascii_digits
from sila.core.errors import InvalidValue


def _luhn_total(digits: str) -> int:
    """The Luhn sum: digits in odd places from the left (1st, 3rd, …) doubled, their digits added."""
    total = 0
    for position, char in enumerate(digits):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return total


def check_digit(first_nine: str) -> str:
    """The tenth digit that makes `first_nine` a valid ID (demo data and tests make IDs with it)."""
    return str((10 - _luhn_total(first_nine) % 10) % 10)


def clean_national_id(raw: str | None) -> str:
    """The stored form of an ID, or InvalidValue with the Arabic reason."""
    value = ascii_digits((raw or "").strip()).replace(" ", "")
    if not value:
        raise InvalidValue(_l("The national ID or iqama number is required."))
    if not value.isdigit() or len(value) != 10:
        raise InvalidValue(_l("The national ID or iqama number must be exactly 10 digits."))
    if value[0] not in "12":
        raise InvalidValue(
            _l("The national ID must start with 1 (citizen) or 2 (resident, iqama).")
        )
    if _luhn_total(value) % 10:
        raise InvalidValue(
            _l("This national ID or iqama number is not valid: please check its digits.")
        )
    return value
