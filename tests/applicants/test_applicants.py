"""Staff register applicants; bad IDs, mobiles and dates are refused beside the field."""
from __future__ import annotations

from datetime import date

import pytest

from models import Applicant
from models.base import db
from tests.conftest import login, post_form

VALID = {
    "national_id": "1000000008",
    "first_name": "فاطمة",
    "father_name": "عبدالله",
    "grandfather_name": "صالح",
    "family_name": "الغامدي",
    "gender": "female",
    "mobile": "0551234567",
    "preferred_contact": "sms",
    "birth_date": "",
}


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Applicant))


def _field_error(page: str, text: str) -> bool:
    return text in page and ("invalid-feedback" in page or "help-block" in page or "text-danger" in page)


def test_staff_registers_an_applicant_with_arabic_digits_and_a_hijri_birth_date(rakeen, client):
    login(client, "staff")
    data = {**VALID, "national_id": "١٠٠٠٠٠٠٠٠٨", "mobile": "٠٥٥١٢٣٤٥٦٧", "birth_date": "15/09/1405"}
    response = post_form(client, "/admin/applicants/new/", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    applicant = db.session.scalar(db.select(Applicant))
    assert applicant.national_id == "1000000008"
    assert applicant.mobile == "+966551234567"
    assert applicant.birth_date == date(1985, 6, 3)
    assert applicant.name_search == "فاطمه عبدالله صالح الغامدي"
    details = client.get(f"/admin/applicants/details/?id={applicant.id}").get_data(as_text=True)
    assert "1405" in details and "1985" in details


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("national_id", "1000000000", "غير صحيح"),
        ("national_id", "12345", "10"),
        ("mobile", "0112345678", "05XXXXXXXX"),
        ("birth_date", "30/02/2021", "التاريخ"),
    ],
)
def test_invalid_values_are_refused_with_an_arabic_message_and_nothing_saved(rakeen, client, field, value, message):
    login(client, "staff")
    response = post_form(client, "/admin/applicants/new/", {**VALID, field: value})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _field_error(page, message), page[page.find("<form"):][:4000]
    assert value in page
    assert _count() == 0


def test_the_same_national_id_cannot_be_registered_twice(rakeen, client):
    login(client, "staff")
    assert post_form(client, "/admin/applicants/new/", VALID).status_code == 302
    response = post_form(client, "/admin/applicants/new/", {**VALID, "mobile": "0561234567"})
    assert response.status_code == 200
    assert _count() == 1


def test_search_finds_a_name_whatever_its_hamza_spelling(rakeen, client):
    login(client, "staff")
    post_form(client, "/admin/applicants/new/", {**VALID, "first_name": "أحمد", "gender": "male"})
    page = client.get("/admin/applicants/?search=احمد").get_data(as_text=True)
    assert "أحمد" in page and "0551234567" in page
    page = client.get("/admin/applicants/?search=خالد").get_data(as_text=True)
    assert "أحمد" not in page


def test_a_same_mobile_or_same_spelled_name_is_flagged_as_a_possible_duplicate(rakeen, client):
    login(client, "staff")
    post_form(client, "/admin/applicants/new/", VALID)
    response = post_form(client, "/admin/applicants/new/",
                         {**VALID, "national_id": "1000000016", "first_name": "فاطمه", "mobile": "0561234567"},
                         follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "تكرار" in page and "1000000008" in page
    assert _count() == 2
    response = post_form(client, "/admin/applicants/new/",
                         {**VALID, "national_id": "1000000024", "first_name": "نورة", "mobile": "0591234567"},
                         follow_redirects=True)
    assert "تكرار" not in response.get_data(as_text=True)
