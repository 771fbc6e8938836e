"""Hijri (Umm al-Qura) beside Gregorian, in both directions.

Staff read and type dates in either calendar. A typed year between 1343 and
1500 is Hijri, a year from 1900 on is Gregorian; hijridate covers
1343–1500 AH (1 Aug 1924 – 16 Nov 2077), and outside it we say so clearly.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from flask_babel import format_date, format_time, get_locale, get_timezone, to_user_timezone
from flask_babel import lazy_gettext as _l
from hijridate import Gregorian, Hijri

from sila.core.arabic import ascii_digits
from sila.core.errors import InvalidValue

_PARTS = re.compile(r"^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})$")
_HIJRI_YEARS = range(1343, 1501)


@lru_cache(maxsize=8192)
def to_hijri(value: date) -> Hijri | None:
    """The Umm al-Qura date; cached because lists and exports ask for the same days again and again."""
    try:
        return Gregorian(value.year, value.month, value.day).to_hijri()
    except (ValueError, OverflowError):
        return None


def hijri_text(value: date) -> str:
    """'17 رجب 1442 هـ' in Arabic, '17 Rajab 1442 AH' in English."""
    hijri = to_hijri(value)
    if hijri is None:
        return ""
    if str(get_locale()) == "ar":
        return f"{hijri.day} {hijri.month_name('ar')} {hijri.year} هـ"
    return f"{hijri.day} {hijri.month_name('en')} {hijri.year} AH"


def business_zone() -> tzinfo:
    """The association's time zone (`SILA_TIMEZONE`): the one its days begin and end in, as dates are shown."""
    return get_timezone()


def today() -> date:
    """The association's calendar day: due dates, ages and deadlines count in it, whatever the server's zone."""
    return datetime.now(business_zone()).date()


def local_day(value: date | datetime) -> date:
    """The calendar day in the association's time zone (stored times are UTC)."""
    return to_user_timezone(value).date() if isinstance(value, datetime) else value


def clock(value: datetime | None) -> str:
    """The time of day in the association's time zone."""
    return format_time(value, "HH:mm") if value else ""


def dual_date(value: date | datetime | None) -> str:
    """The Hijri date beside the Gregorian one, as every screen shows dates."""
    if value is None:
        return ""
    day = local_day(value)
    gregorian = format_date(day, "d MMMM y")
    hijri = hijri_text(day)
    return f"{hijri} ({gregorian})" if hijri else gregorian


def hijri_suffix() -> str:
    """What follows a Hijri date in the user's language: هـ, or AH."""
    return "هـ" if str(get_locale()) == "ar" else "AH"


def in_zone(value: datetime, zone: tzinfo) -> datetime:
    """A stored instant in the association's time zone: stored times are UTC (naive ones from SQLite too)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)


def dual_date_short(value: date | datetime | None) -> str:
    """The compact form for table cells: 09/06/1448 هـ · 19/11/2026."""
    return short_dates()(value)


def short_dates() -> Callable[[date | datetime | None], str]:
    """`dual_date_short` with the time zone and the Hijri suffix read once, for a page of cells."""
    zone, suffix = get_timezone(), hijri_suffix()

    def short(value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = in_zone(value, zone).date()
        hijri = to_hijri(value)
        gregorian = value.strftime("%d/%m/%Y")
        if hijri is None:
            return gregorian
        return f"{hijri.day:02d}/{hijri.month:02d}/{hijri.year} {suffix} · {gregorian}"

    return short


def parse_date(raw: str | None) -> date | None:
    """A date typed in either calendar, day-first or year-first."""
    text = ascii_digits((raw or "").strip())
    if not text:
        return None
    match = _PARTS.match(text)
    if not match:
        raise InvalidValue(
            _l("Enter the date as day/month/year, in Hijri (e.g. 17/07/1442) or Gregorian (e.g. 01/03/2021).")
        )
    first, month, last = (int(part) for part in match.groups())
    year, day = (first, last) if len(match.group(1)) > 2 else (last, first)
    if year in _HIJRI_YEARS:
        try:
            return Hijri(year, month, day).to_gregorian()
        except (ValueError, OverflowError) as exc:
            raise InvalidValue(_l("This Hijri date does not exist in the Umm al-Qura calendar.")) from exc
    if year < 1343 or 1500 < year < 1900:  # no Gregorian date before 1900 is plausible here either
        raise InvalidValue(
            _l("Hijri dates are supported from 1343 to 1500 AH; enter older dates in Gregorian.")
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidValue(_l("This date does not exist.")) from exc
