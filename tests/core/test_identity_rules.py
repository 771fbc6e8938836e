"""The rules every entry path shares: national IDs, mobiles, dates, Arabic text."""
from __future__ import annotations

from datetime import date

import pytest

from sila.core.arabic import normalize
from sila.core.dates import dual_date, parse_date
from sila.core.errors import InvalidValue
from sila.core.mobile import clean_mobile, national_format
from sila.core.national_id import clean_national_id


@pytest.mark.parametrize("raw", ["1000000008", "١٠٠٠٠٠٠٠٠٨", " 1000000008 "])
def test_valid_national_id_is_accepted_in_either_digit_script(app, raw):
    assert clean_national_id(raw) == "1000000008"


@pytest.mark.parametrize(
    "raw, words",
    [
        ("1000000000", "غير صحيح"),
        ("3000000007", "يبدأ"),
        ("12345", "10"),
        ("10000000a8", "10"),
        ("", "مطلوب"),
    ],
)
def test_invalid_national_id_is_refused_with_an_arabic_reason(app, raw, words):
    with app.test_request_context(), pytest.raises(InvalidValue) as refusal:
        clean_national_id(raw)
    with app.test_request_context():
        assert words in str(refusal.value)


@pytest.mark.parametrize("raw", ["0551234567", "+966551234567", "٠٥٥١٢٣٤٥٦٧", "966551234567"])
def test_saudi_mobile_is_stored_in_e164(app, raw):
    assert clean_mobile(raw) == "+966551234567"
    assert national_format("+966551234567") == "0551234567"


@pytest.mark.parametrize("raw", ["0112345678", "055123", "+201001234567", "hello"])
def test_non_mobile_numbers_are_refused(app, raw):
    with pytest.raises(InvalidValue):
        clean_mobile(raw)


def test_hijri_and_gregorian_dates_both_parse(app):
    assert parse_date("17/07/1442") == date(2021, 3, 1)
    assert parse_date("1442/07/17") == date(2021, 3, 1)
    assert parse_date("01/03/2021") == date(2021, 3, 1)
    assert parse_date("٢٠٢١-٠٣-٠١") == date(2021, 3, 1)
    assert parse_date("") is None


def test_dates_outside_the_umm_al_qura_range_get_a_clear_message(app):
    with app.test_request_context():
        with pytest.raises(InvalidValue) as refusal:
            parse_date("01/01/1320")
        assert "1343" in str(refusal.value)
        with pytest.raises(InvalidValue):
            parse_date("31/02/2021")
        assert parse_date("01/01/1920") == date(1920, 1, 1)


def test_dates_show_hijri_beside_gregorian(app):
    with app.test_request_context():
        shown = dual_date(date(2021, 3, 1))
    assert "1442" in shown and "2021" in shown and "رجب" in shown


@pytest.mark.parametrize(
    "typed, stored",
    [("أحمد", "احمد"), ("إحمد", "احمد"), ("آمنة", "امنه"), ("فاطمة", "فاطمه"), ("مُحَمَّد", "محمد"),
     ("مصطفى", "مصطفي"), ("عبـــدالله", "عبدالله"), ("  سارة   الزهراني ", "ساره الزهراني"), ("١٢٣", "123")],
)
def test_arabic_normalization_matches_every_spelling(typed, stored):
    assert normalize(typed) == stored


def test_times_are_shown_in_riyadh_time(app):
    from datetime import UTC, datetime

    from sila.core.dates import clock

    late_evening_utc = datetime(2021, 2, 28, 22, 30, tzinfo=UTC)
    with app.test_request_context():
        assert "2021" in dual_date(late_evening_utc) and "مارس" in dual_date(late_evening_utc)
        assert clock(late_evening_utc) == "01:30"
