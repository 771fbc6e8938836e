"""Saudi IBANs (SA + 22 characters), checked by their ISO 7064 check digits through schwifty."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from sila.core.arabic import ascii_digits
from sila.core.errors import InvalidValue


def clean_iban(raw: str | None) -> str | None:
    """The IBAN in its compact form (SA0380000000608010167519), None when left empty."""
    text = ascii_digits(raw or "").replace(" ", "").replace("-", "").upper()
    if not text:
        return None
    try:
        iban = IBAN(text)
    except SchwiftyException as exc:
        raise InvalidValue(_l("This IBAN is not valid: check its digits (SA followed by 22 digits and letters).")) from exc
    if iban.country_code != "SA":
        raise InvalidValue(_l("Transfers go to Saudi bank accounts only: the IBAN must start with SA."))
    return iban.compact
