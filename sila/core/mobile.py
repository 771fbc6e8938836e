"""Saudi mobile numbers, stored in E.164 (+9665XXXXXXXX)."""
from __future__ import annotations

import phonenumbers
from flask_babel import lazy_gettext as _l

from sila.core.arabic import ascii_digits
from sila.core.errors import InvalidValue

_MESSAGE = _l("Enter a Saudi mobile number such as 05XXXXXXXX or +9665XXXXXXXX.")


def clean_mobile(raw: str | None) -> str:
    """The E.164 form of a Saudi mobile, or InvalidValue with the Arabic reason."""
    text = ascii_digits((raw or "").strip())
    if not text:
        raise InvalidValue(_l("The mobile number is required."))
    try:
        number = phonenumbers.parse(text, "SA")
    except phonenumbers.NumberParseException as exc:
        raise InvalidValue(_MESSAGE) from exc
    if (
        number.country_code != 966
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise InvalidValue(_MESSAGE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_format(e164: str | None) -> str:
    """05XXXXXXXX, the form Saudi staff read and dial."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "SA")
    return "0" + str(number.national_number)
