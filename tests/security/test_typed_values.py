"""Values no person would type on purpose: refused beside the field in Arabic, or neutralised, never saved cut short."""
from __future__ import annotations

import re

import pytest

from models import Applicant, Contact, User
from models.base import db
from tests.conftest import login, post_form
from tests.security.snapshot import unchanged

NEW = "/admin/applicants/new/"
APPLICANT = {
    "national_id": "1000000008", "first_name": "محمد", "father_name": "علي", "grandfather_name": "صالح",
    "family_name": "الحربي", "gender": "male", "mobile": "0551234567", "preferred_contact": "sms",
}
FIELD_ERRORS = re.compile(r'class="form-text text-danger[^"]*">(.*?)</ul>', re.S)
ARABIC = re.compile("[\u0600-\u06ff]")


def _errors(page: str) -> str:
    return " ".join(FIELD_ERRORS.findall(page))


def _refused_in_arabic(response, *expected: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    errors = _errors(response.get_data(as_text=True))
    assert errors and ARABIC.search(errors), "the refusal must be an Arabic message beside the field"
    assert not re.search(r"\b(Field|cannot|Invalid|Not a valid)\b", errors)
    for text in expected:
        assert text in errors


BAD_APPLICANTS = {
    "first name one letter past its column": ({"first_name": "م" * 61}, "60"),
    "city one letter past its column": ({"city": "ج" * 101}, "100"),
    "address one letter past its column": ({"address": "ش" * 301}, "300"),
    "e-mail past its column": ({"email": "a" * 250 + "@x.sa"}, "254"),
    "national ID of nine digits": ({"national_id": "100000000"}, "10"),
    "national ID with a wrong check digit": ({"national_id": "1000000009"}, ""),
    "national ID starting with 3": ({"national_id": "3000000006"}, "1"),
    "national ID with letters": ({"national_id": "10000O0008"}, ""),
    "national ID with SQL": ({"national_id": "1' OR '1'='1"}, ""),
    "landline instead of a mobile": ({"mobile": "0112345678"}, ""),
    "foreign mobile": ({"mobile": "+14155550123"}, ""),
    "mobile of letters": ({"mobile": "05five-five"}, ""),
    "Hijri month 13": ({"birth_date": "01/13/1442"}, ""),
    "Hijri year before 1343": ({"birth_date": "01/01/1200"}, "1343"),
    "31 February": ({"birth_date": "31/02/2021"}, ""),
    "Gregorian year 99999": ({"birth_date": "01/01/99999"}, ""),
    "a date that is words": ({"birth_date": "<script>"}, ""),
}


@pytest.mark.parametrize("case", sorted(BAD_APPLICANTS))
def test_a_bad_value_is_refused_beside_the_field_and_nothing_is_saved(rakeen, client, case):
    override, expected = BAD_APPLICANTS[case]
    login(client, "staff")
    with unchanged():
        response = post_form(client, NEW, {**APPLICANT, **override}, token_from=NEW)
    _refused_in_arabic(response, *([expected] if expected else []))


def test_an_overlong_contact_name_is_refused_and_not_cut_short(rakeen, client):
    login(client, "staff")
    form = {"kind": "inquiry", "channel": "1", "summary": "استفسار", "status": "open", "contact_name": "ن" * 201}
    with unchanged():
        response = post_form(client, "/admin/contacts/new/", form, token_from="/admin/contacts/new/")
    _refused_in_arabic(response, "200")
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0


def test_an_overlong_username_is_refused(rakeen, client):
    login(client, "admin")
    form = {"username": "u" * 81, "full_name": "مستخدم", "role": "staff", "is_active": "y",
            "new_password": "a-long-enough-password"}
    with unchanged():
        response = post_form(client, "/admin/users/new/", form, token_from="/admin/users/new/")
    _refused_in_arabic(response, "80")


def _saved_applicant() -> Applicant:
    return db.session.scalar(db.select(Applicant).where(Applicant.national_id == APPLICANT["national_id"]))


@pytest.mark.parametrize(("typed", "kept"), [
    ("مح\x00مد", "محمد"),
    ("محمد\u202eدمحم", "محمددمحم"),
    ("\u2067سارة\u2069", "سارة"),
    ("فهد\x1b[31m", "فهد[31m"),
], ids=["NUL", "right-to-left override", "isolate", "terminal escape"])
def test_hidden_controls_in_a_name_are_dropped_before_saving(rakeen, client, typed, kept):
    login(client, "staff")
    response = post_form(client, NEW, {**APPLICANT, "first_name": typed}, token_from=NEW)
    assert response.status_code == 302
    assert _saved_applicant().first_name == kept


def test_a_nul_in_notes_is_dropped_and_line_breaks_kept(rakeen, client):
    login(client, "staff")
    post_form(client, NEW, {**APPLICANT, "notes": "سطر\x00 أول\r\nسطر ثان"}, token_from=NEW)
    assert _saved_applicant().notes.replace("\r\n", "\n") == "سطر أول\nسطر ثان"


def test_a_password_is_kept_exactly_as_typed(rakeen, client):
    login(client, "admin")
    form = {"username": "newuser", "full_name": "مستخدم", "role": "staff", "is_active": "y",
            "new_password": "long-pass\u202ephrase-2026"}
    post_form(client, "/admin/users/new/", form, token_from="/admin/users/new/")
    created = db.session.scalar(db.select(User).where(User.username == "newuser"))
    assert created.check_password("long-pass\u202ephrase-2026")
