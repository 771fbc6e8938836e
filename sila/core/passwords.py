"""What a staff password must be: long, not the username, not one everybody tries first."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sila.core.errors import InvalidValue

MIN_LENGTH = 10
COMMON = frozenset({
    "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "123123123123",
    "password", "password1", "password12", "password123", "password1234", "passw0rd123",
    "p@ssw0rd", "p@ssw0rd123", "qwertyuiop", "qwerty123456", "1q2w3e4r5t", "1qaz2wsx3edc",
    "asdfghjkl1", "iloveyou12", "welcome123", "admin12345", "administrator", "letmein123",
    "abc1234567", "abcdefghij", "987654321", "9876543210", "changeme123", "saudi12345",
    "ksa1234567", "riyadh1234", "makkah1234", "jeddah1234", "sila123456", "silasila12",
})


def check_password(password: str, username: str) -> None:
    """Refuse a weak password with the reason; a strong one passes silently."""
    if len(password) < MIN_LENGTH:
        raise InvalidValue(_l("The password must be at least 10 characters."))
    lowered = password.lower()
    if username and username.lower() in lowered:
        raise InvalidValue(_l("The password must not contain the username."))
    if lowered in COMMON or len(set(lowered)) < 4:
        raise InvalidValue(_l("This password is too easy to guess; choose another."))
