"""Hijri (Umm al-Qura) names for the Gregorian months the charts count by.

A Gregorian month always overlaps two Hijri months, so its label names both:
'رجب – شعبان 1445', or 'ذو الحجة 1445 – محرم 1446' across a Hijri new year.
"""
from __future__ import annotations

from calendar import monthrange
from datetime import date

from hijridate import Gregorian, Hijri


def _hijri(day: date) -> Hijri | None:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None


def hijri_month_label(month: date, language: str = "ar") -> str:
    """The Hijri months a Gregorian month spans, named in Arabic (or English), with their year."""
    first = _hijri(month.replace(day=1))
    last = _hijri(month.replace(day=monthrange(month.year, month.month)[1]))
    if first is None or last is None:
        return ""
    names = "ar" if language == "ar" else "en"
    start, end = first.month_name(names), last.month_name(names)
    if (first.year, first.month) == (last.year, last.month):
        return f"{start} {first.year}"
    if first.year == last.year:
        return f"{start} – {end} {first.year}"
    return f"{start} {first.year} – {end} {last.year}"
