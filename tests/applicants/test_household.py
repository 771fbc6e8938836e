"""The applicant's file: household figures computed from its rows, file status that holds submission."""
from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from models import Applicant, AuditEntry, HouseholdMember, IncomeSource
from models.base import db
from sila.applicants.file_status import set_file_status
from sila.core.errors import Refused
from sila.requests import transitions
from tests.conftest import login, post_form
from tests.factories import make_applicant, valid_national_id
from tests.requests.test_workflow import user, walk_to


class FormFields(HTMLParser):
    """The values a browser would send back from the page's first form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "file", "checkbox"):
            self.fields[name] = attributes.get("value", "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and ("selected" in attributes or self.select not in self.fields):
            self.fields[self.select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data


def _edit_form(client, applicant: Applicant) -> dict:  # type: ignore[no-untyped-def]
    parser = FormFields()
    parser.feed(client.get(f"/admin/applicants/edit/?id={applicant.id}").get_data(as_text=True))
    return {name: value for name, value in parser.fields.items() if not name.startswith("_")}


def test_staff_add_members_and_income_and_see_the_figures(rakeen, client):
    applicant = make_applicant()
    login(client, "staff")
    form = _edit_form(client, applicant)
    form.update({
        "members-0-relation": "son", "members-0-full_name": "سعد محمد علي الحربي", "members-0-national_id": "",
        "members-0-gender": "male", "members-0-birth_date": "01/01/1440", "members-0-health": "disabled",
        "members-0-monthly_income": "0",
        "members-1-relation": "spouse", "members-1-full_name": "نورة صالح الحربي",
        "members-1-national_id": valid_national_id(),
        "members-1-gender": "female", "members-1-birth_date": "", "members-1-health": "healthy",
        "members-1-monthly_income": "1500",
        "incomes-0-kind": "social_security", "incomes-0-amount": "1200", "incomes-0-note": "",
        "housing": "rented", "housing_rent": "18000", "housing_condition": "poor",
    })
    response = client.post(f"/admin/applicants/edit/?id={applicant.id}", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(HouseholdMember.id))) == 2
    page = client.get(f"/admin/applicants/details/?id={applicant.id}").get_data(as_text=True)
    assert re.search(r'data-figure="size">3<', page)
    assert re.search(r'data-figure="total">2,700.00 ', page)
    assert re.search(r'data-figure="per-person">900.00 ', page)


def test_a_bad_member_id_is_refused_beside_the_field_and_nothing_saved(rakeen, client):
    applicant = make_applicant()
    login(client, "staff")
    form = _edit_form(client, applicant)
    form.update({
        "members-0-relation": "son", "members-0-full_name": "سعد", "members-0-national_id": "1000000000",
        "members-0-gender": "male", "members-0-health": "healthy", "members-0-monthly_income": "0",
        "incomes-0-kind": "salary", "incomes-0-amount": "-5",
    })
    response = client.post(f"/admin/applicants/edit/?id={applicant.id}", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "رقم الهوية أو الإقامة هذا غير صحيح" in page
    assert db.session.scalar(db.select(db.func.count(HouseholdMember.id))) == 0
    assert db.session.scalar(db.select(db.func.count(IncomeSource.id))) == 0


@pytest.mark.parametrize("status", ["suspended", "blocked", "closed"])
def test_a_held_file_cannot_go_to_the_committee(rakeen, status):
    request = walk_to("attested")
    until = date.today() + timedelta(days=30) if status == "suspended" else None
    set_file_status(request.applicant_id, user("staff"), status, "false_data", until, "بيانات غير صحيحة", date.today())
    with pytest.raises(Refused) as refused:
        transitions.submit(request.id, user("staff"))
    assert str(refused.value).startswith("الملف ")
    db.session.refresh(request)
    assert request.status == "attested"
    set_file_status(request.applicant_id, user("staff"), "active", today=date.today())
    transitions.submit(request.id, user("staff"))
    db.session.refresh(request)
    assert request.status == "submitted"


def test_setting_the_status_through_the_screen_is_audited_and_explained(rakeen, client):
    applicant = make_applicant()
    login(client, "staff")
    page = f"/admin/applicants/details/?id={applicant.id}"
    response = post_form(client, f"/admin/applicants/file-status/{applicant.id}",
                         {"status": "suspended", "reason": "other_association", "until": "01/01/2099", "note": ""},
                         token_from=page)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Applicant, applicant.id).file_status == "suspended"
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "file_status")).new_value == "suspended"
    refused = post_form(client, f"/admin/applicants/file-status/{applicant.id}",
                        {"status": "suspended", "reason": "", "until": ""}, token_from=page, follow_redirects=True)
    assert "اختر سبب" in refused.get_data(as_text=True)


def test_the_committee_sees_the_household_beside_the_request(rakeen, app):
    request = walk_to("submitted")
    db.session.add(HouseholdMember(applicant_id=request.applicant_id, relation="son", full_name="عبدالله محمد",
                                   gender="male", health="disabled", monthly_income=0))
    db.session.add(IncomeSource(applicant_id=request.applicant_id, kind="pension", amount=3000))
    db.session.commit()
    client = login(app.test_client(), "committee")
    page = client.get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert "عبدالله محمد" in page and re.search(r'data-figure="per-person">1,500.00 ', page)
    assert client.post(f"/admin/applicants/file-status/{request.applicant_id}", data={}).status_code in (400, 403)


def test_a_member_in_two_files_is_flagged(rakeen, client):
    shared_id = valid_national_id()
    first, second = make_applicant(), make_applicant(first_name="خالد")
    for owner in (first, second):
        db.session.add(HouseholdMember(applicant_id=owner.id, relation="mother", full_name="أم خالد",
                                       national_id=shared_id, gender="female", health="healthy", monthly_income=0))
    db.session.commit()
    login(client, "staff")
    page = client.get(f"/admin/applicants/details/?id={first.id}").get_data(as_text=True)
    assert "أم خالد مسجَّل أيضاً في ملف خالد" in page


@pytest.mark.parametrize("preset", ["rakeen", "health_coop"])
def test_demo_data_holds_households_visits_and_re_study_dates(app, request, preset):
    from models import HomeVisit, ServiceRequest
    from sila.settings.presets.demo import load_demo_requests
    from sila.settings.presets.demo_files import load_demo_files

    request.getfixturevalue(preset)
    load_demo_requests()
    assert load_demo_files() > 0
    assert db.session.scalar(db.select(db.func.count(HouseholdMember.id))) > 0
    assert db.session.scalar(db.select(db.func.count(HomeVisit.id))) > 0
    assert db.session.scalar(db.select(db.func.count(Applicant.id)).where(Applicant.next_restudy_on.is_(None))) == 0
    scored = db.session.scalar(db.select(db.func.count(ServiceRequest.id)).where(ServiceRequest.needs_score.is_not(None)))
    assert (scored > 0) == (preset == "rakeen")


def test_a_second_open_request_for_the_same_service_is_flagged(rakeen, client):
    from models import ServiceRequest
    from tests.factories import make_request

    first = make_request()
    login(client, "staff")
    response = post_form(client, "/admin/requests/new/", {
        "applicant": str(first.applicant_id), "service_type": str(first.service_type_id),
        "channel": str(first.channel_id), "details": "",
    }, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert f"طلب مفتوح رقم {first.number}" in page
    assert db.session.scalar(db.select(db.func.count(ServiceRequest.id))) == 2


def test_the_paper_behind_an_income_is_attached_by_staff_and_read_by_the_committee(rakeen, app):
    from io import BytesIO

    from models import Attachment
    from tests.attachments.test_attachments import tiny_pdf

    request = walk_to("submitted")
    income = IncomeSource(applicant_id=request.applicant_id, kind="salary", amount=4200)
    db.session.add(income)
    db.session.commit()
    staff = login(app.test_client(), "staff")
    details = f"/admin/applicants/details/?id={request.applicant_id}"
    response = post_form(staff, f"/admin/applicants/household-document/income/{income.id}",
                         {"file": (BytesIO(tiny_pdf()), "مسير الراتب.pdf")}, token_from=details,
                         content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(income)
    attachment = db.session.get(Attachment, income.attachment_id)
    assert attachment.original_name == "مسير الراتب.pdf" and attachment.request_id is None
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="upload", entity_id=request.applicant_id))

    refused = post_form(staff, f"/admin/applicants/household-document/income/{income.id}",
                        {"file": (BytesIO(b"<script>alert(1)</script>"), "slip.pdf")}, token_from=details,
                        content_type="multipart/form-data", follow_redirects=True)
    assert "PDF" in refused.get_data(as_text=True)
    db.session.refresh(income)
    assert income.attachment_id == attachment.id, "a refused file leaves the earlier document in place"

    member = login(app.test_client(), "committee")
    page = member.get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert f'data-document="income-{income.id}"' in page and "household-document" not in page
    assert member.get(f"/attachments/{attachment.id}").data.startswith(b"%PDF")
    assert member.post(f"/admin/applicants/household-document/income/{income.id}", data={}).status_code in (400, 403)
