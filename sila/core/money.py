"""Riyal amounts as people type them (Arabic-Indic digits, a comma for thousands), kept exact as Decimal."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from sila.core.arabic import ascii_digits
from sila.core.errors import InvalidValue

# Far above any aid a committee grants, and within Numeric(12, 2).
MAX_AMOUNT = Decimal("9999999999.99")


def parse_riyals(raw: str | Decimal | int | None) -> Decimal | None:
    """A positive amount with at most two decimals (halalas), None when left empty."""
    if raw is None or isinstance(raw, (Decimal, int)):
        value = None if raw is None else Decimal(raw)
    else:
        text = ascii_digits(raw).replace("٫", ".").replace("٬", "").replace(",", "").strip()
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise InvalidValue(_l("Write the amount in riyals, for example 500 or 250.50.")) from exc
    if value is None:
        return None
    if not value.is_finite() or value <= 0 or value > MAX_AMOUNT:
        raise InvalidValue(_l("The amount must be more than zero riyals."))
    if value != value.quantize(Decimal("0.01")):
        raise InvalidValue(_l("An amount has at most two decimals (halalas)."))
    return value.quantize(Decimal("0.01"))


def riyals(value: Decimal | None) -> str:
    """An amount as shown to people: thousands grouped, two decimals, and the currency."""
    return "" if value is None else _("%(amount)s SAR", amount=f"{value:,.2f}")
