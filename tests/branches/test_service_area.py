"""The service area: an applicant outside it is warned about at registration and verification, staff
proceed only with a reason, recorded in the audit log and read by the committee on the request."""
from __future__ import annotations

import pytest

from models import Applicant, AuditEntry, Branch, ServiceRequest
from models.base import db
from sila.branches import service_area
from sila.core.errors import InvalidValue
from sila.requests import transitions
from tests.applicants.test_applicants import VALID
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request
from tests.portal.door import applied
from tests.portal.test_portal import _valid
from tests.requests.test_workflow import tick_all, user

OUTSIDE = "تبوك"
REASON = "يقيم مؤقتًا في تبوك ويراجع مستشفى مكة للعلاج"


def _main() -> Branch:
    return db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))


@pytest.fixture()
def area(rakeen) -> Branch:  # type: ignore[no-untyped-def]
    """The rakeen main office in Makkah also serves Taif and Al-Jumum; Jeddah has an inactive branch."""
    main = _main()
    main.served_areas = "الطائف\nالجموم، الكامل"
    db.session.add(Branch(name="فرع جدة المغلق", city="جدة", served_areas="رابغ", is_active=False))
    db.session.commit()
    return main


def test_the_area_is_what_the_active_branches_serve_in_any_spelling(area):
    assert not service_area.outside("مكه المكرمه"), "the normalized form matches"
    assert not service_area.outside(" الطائف ")
    assert not service_area.outside("الكامل"), "a comma separates places too"
    assert service_area.outside("جدة"), "an inactive branch serves nobody"
    assert service_area.outside(OUTSIDE)
    assert not service_area.outside(""), "no city: nothing to judge"
    assert "تبوك" in service_area.warning(OUTSIDE) and "خارج نطاق خدمة الجمعية" in service_area.warning(OUTSIDE)


def test_without_any_served_place_nobody_is_outside(rakeen):
    _main().city = None
    db.session.commit()
    assert not service_area.outside(OUTSIDE)


def test_a_missing_reason_is_refused_in_arabic(area):
    with pytest.raises(InvalidValue) as refused:
        service_area.reason_to_proceed(OUTSIDE, "  ")
    assert "اكتب سبب المتابعة" in str(refused.value)
    assert service_area.reason_to_proceed("الطائف", "لا شيء") is None, "inside the area no reason is kept"


def test_registering_an_applicant_outside_the_area_without_a_reason_is_refused_beside_the_field(area, client):
    login(client, "staff")
    response = post_form(client, "/admin/applicants/new/", {**VALID, "city": OUTSIDE})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "خارج نطاق خدمة الجمعية" in page and "اكتب سبب المتابعة" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Applicant)) == 0


def test_registering_an_applicant_outside_the_area_with_a_reason_records_it(area, client):
    login(client, "staff")
    response = post_form(
        client, "/admin/applicants/new/", {**VALID, "city": OUTSIDE, "outside_area_reason": REASON},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "خارج نطاق خدمة الجمعية" in response.get_data(as_text=True), "the warning stays visible after saving"
    applicant = db.session.scalar(db.select(Applicant))
    assert applicant.outside_area_reason == REASON
    assert db.session.scalar(db.select(AuditEntry.new_value).where(
        AuditEntry.entity_type == "applicant", AuditEntry.field == "outside_area_reason"
    )) == REASON


def test_an_applicant_inside_the_area_needs_no_reason(area, client):
    login(client, "staff")
    assert post_form(client, "/admin/applicants/new/", {**VALID, "city": "الطائف"}).status_code == 302


def test_the_file_page_shows_the_warning_and_the_reason_only_outside_the_area(area, client):
    outside = make_applicant(city=OUTSIDE, outside_area_reason=REASON)
    inside = make_applicant(city="الطائف")
    login(client, "staff")
    page = client.get(f"/admin/applicants/details/?id={outside.id}").get_data(as_text=True)
    assert 'id="service-area"' in page and OUTSIDE in page and REASON in page
    page = client.get(f"/admin/applicants/details/?id={inside.id}").get_data(as_text=True)
    assert 'id="service-area"' not in page


def _outside_request() -> ServiceRequest:
    request = make_request(applicant=make_applicant(city=OUTSIDE, outside_area_reason="سبب التسجيل"))
    tick_all(request, user("staff"))
    return request


def test_verifying_outside_the_area_without_a_reason_is_refused_in_arabic(area, client):
    request = _outside_request()
    login(client, "staff")
    page = client.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert "خارج نطاق خدمة الجمعية" in page and 'name="area_reason"' in page
    response = post_form(client, f"/admin/requests/step/{request.id}/verify", {"area_reason": ""}, follow_redirects=True)
    assert "اكتب سبب المتابعة" in response.get_data(as_text=True)
    db.session.refresh(request)
    assert request.status == "received" and request.outside_area_reason is None


def test_verifying_outside_the_area_with_a_reason_records_it_and_the_committee_reads_it(area, client):
    request = _outside_request()
    login(client, "staff")
    post_form(client, f"/admin/requests/step/{request.id}/verify", {"area_reason": REASON})
    db.session.refresh(request)
    assert request.status == "verified" and request.outside_area_reason == REASON
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.entity_type == "request", AuditEntry.entity_id == request.id, AuditEntry.action == "outside_area"
    ))
    assert entry.new_value == REASON and entry.actor_id == user("staff").id

    transitions.attest(request.id, user("staff"), request.applicant.full_name, "on_screen")
    transitions.submit(request.id, user("staff"))
    committee = login(client.application.test_client(), "committee")
    page = committee.get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert "خارج نطاق خدمة الجمعية" in page
    assert REASON in page and "سبب التسجيل" in page


def test_a_bulk_verify_refuses_a_request_outside_the_area(area):
    request = _outside_request()
    with pytest.raises(transitions.Refused):
        transitions.verify(request.id, user("staff"))
    assert transitions.verify(request.id, user("staff"), area_reason=REASON).status == "verified"


def test_the_portal_warns_an_applicant_outside_the_area_without_naming_his_city(area, client):
    response = applied(client, _valid(city=OUTSIDE))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "خارج نطاق خدمة الجمعية" in page and OUTSIDE not in page
    inside = client.application.test_client()
    response = applied(inside, _valid())
    assert "خارج نطاق خدمة الجمعية" not in inside.get(response.headers["Location"]).get_data(as_text=True)
