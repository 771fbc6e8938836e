"""The whole request path through the screens, as the people who take each step."""
from __future__ import annotations

import re

import pytest

from models import AuditEntry, Decision, ServiceRequest, User
from models.base import db
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request


def _step(client, view: str, request: ServiceRequest, step: str, data: dict | None = None) -> str:
    page = f"/admin/{view}/details/?id={request.id}"
    response = post_form(client, f"/admin/{view}/step/{request.id}/{step}", data or {}, token_from=page,
                         follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _ticks(request: ServiceRequest) -> dict:
    form = {"item": [str(item.id) for item in request.service_type.required_items]}
    for item in request.service_type.required_items:
        form[f"supplied-{item.id}"] = "y"
        form[f"matched-{item.id}"] = "y"
    return form


def _logout(client) -> None:
    post_form(client, "/logout", {})


@pytest.mark.parametrize("preset", ["rakeen", "health_coop"])
def test_staff_committee_staff_take_a_request_from_receiving_to_delivery(app, client, request, preset):
    request.getfixturevalue(preset)
    applicant = make_applicant()
    login(client, "staff")
    channel_id = db.session.scalar(db.text("SELECT id FROM channels ORDER BY position LIMIT 1"))
    service_id = db.session.scalar(db.text("SELECT id FROM service_types ORDER BY position LIMIT 1"))
    response = post_form(client, "/admin/requests/new/", {
        "applicant": str(applicant.id), "service_type": str(service_id), "channel": str(channel_id),
        "details": "يحتاج إعانة",
    })
    assert response.status_code == 302
    req = db.session.scalar(db.select(ServiceRequest))
    assert req.status == "received" and req.received_by.username == "staff"

    page = _step(client, "requests", req, "verify")
    assert "لم تُقدَّم جميع البنود" in page
    assert db.session.get(ServiceRequest, req.id).status == "received"

    _step(client, "requests", req, "checklist", _ticks(req))
    assert "تم التحقق" in _step(client, "requests", req, "verify", {"notes": "طابقت الأصل"})
    printable = client.get(f"/admin/requests/attestation/{req.id}").get_data(as_text=True)
    assert "أقر" in printable and applicant.national_id in printable
    _step(client, "requests", req, "attest", {"signed_name": applicant.full_name, "method": "paper_scan"})
    page = _step(client, "requests", req, "submit")
    assert db.session.get(ServiceRequest, req.id).status == "submitted"
    assert "رُفع الطلب" in page or "لجنة البحث" in page
    _logout(client)

    login(client, "committee")
    queue = client.get("/admin/committee_queue/").get_data(as_text=True)
    assert req.number in queue
    details = client.get(f"/admin/committee_queue/details/?id={req.id}").get_data(as_text=True)
    assert "طابقت الأصل" in details and 'name="outcome"' in details
    assert 'name="supplied-' in details and "disabled" in details
    _step(client, "committee_queue", req, "decide", {"outcome": "accepted"})
    assert db.session.get(ServiceRequest, req.id).status == "accepted"
    _logout(client)

    login(client, "staff")
    _step(client, "requests", req, "register", {"notes": "اكتمل ملف التسجيل"})
    _step(client, "requests", req, "deliver", {"what": "تذكرة حج وسكن"})
    done = db.session.get(ServiceRequest, req.id)
    assert done.status == "closed" and done.delivered_by.username == "staff"
    timeline = client.get(f"/admin/requests/details/?id={req.id}").get_data(as_text=True)
    for words in ("استلام الطلب", "تذكرة حج وسكن", "1448"):
        assert words in timeline
    actions = list(db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.entity_type == "request", AuditEntry.entity_id == req.id)
    ))
    assert actions == ["create", "checklist", "verify", "attest", "submit", "decide", "register", "deliver"]


def test_the_committee_member_who_submitted_cannot_decide_and_is_told_why(rakeen, client):
    member = db.session.scalar(db.select(User).where(User.username == "committee"))
    req = make_request("submitted", submitted_by_id=member.id)
    login(client, "committee")
    details = client.get(f"/admin/committee_queue/details/?id={req.id}").get_data(as_text=True)
    assert "تعارض مصالح" in details and 'name="outcome"' not in details
    page = _step(client, "committee_queue", req, "decide", {"outcome": "accepted"})
    assert "تعارض مصالح" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Decision)) == 0


def test_rejection_without_a_reason_is_refused_in_arabic(rakeen, client):
    req = make_request("submitted")
    login(client, "committee")
    page = _step(client, "committee_queue", req, "decide", {"outcome": "rejected", "reason": ""})
    assert "يجب ذكر السبب" in page
    assert db.session.get(ServiceRequest, req.id).status == "submitted"


def test_staff_cannot_decide_and_the_committee_cannot_verify(rakeen, client):
    req = make_request("submitted")
    login(client, "staff")
    assert "لا يسمح" in _step(client, "requests", req, "decide", {"outcome": "accepted"})
    _logout(client)
    other = make_request("received")
    login(client, "committee")
    response = post_form(client, f"/admin/requests/step/{other.id}/verify", {})
    assert response.status_code == 403
    assert db.session.get(ServiceRequest, other.id).status == "received"


def test_bulk_verify_reports_each_request(rakeen, client):
    ready, not_ready = make_request(), make_request()
    login(client, "staff")
    _step(client, "requests", ready, "checklist", _ticks(ready))
    response = post_form(client, "/admin/requests/action/", {"action": "verify", "rowid": [ready.id, not_ready.id]},
                         token_from="/admin/requests/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert ready.number in page and not_ready.number in page
    assert db.session.get(ServiceRequest, ready.id).status == "verified"
    assert db.session.get(ServiceRequest, not_ready.id).status == "received"


def test_editing_an_attested_request_voids_the_attestation_and_says_so(rakeen, client):
    from tests.requests.test_workflow import walk_to

    req = walk_to("attested")
    login(client, "staff")
    form = client.get(f"/admin/requests/edit/?id={req.id}").get_data(as_text=True)
    version = re.search(r'name="seen_version"[^>]*value="(\d+)"', form).group(1)
    response = post_form(client, f"/admin/requests/edit/?id={req.id}", {
        "applicant": str(req.applicant_id), "service_type": str(req.service_type_id),
        "channel": str(req.channel_id), "details": "تفاصيل جديدة", "seen_version": version,
    }, follow_redirects=True)
    assert "أُلغي الإقرار" in response.get_data(as_text=True) or "الإقرار" in response.get_data(as_text=True)
    fresh = db.session.get(ServiceRequest, req.id)
    assert fresh.status == "verified" and fresh.details == "تفاصيل جديدة"


def test_a_stale_form_does_not_overwrite_a_newer_save(rakeen, client):
    req = make_request(details="الأصل")
    login(client, "staff")
    form = client.get(f"/admin/requests/edit/?id={req.id}").get_data(as_text=True)
    version = re.search(r'name="seen_version"[^>]*value="(\d+)"', form).group(1)
    req.details = "حفظ زميل"
    db.session.commit()
    response = post_form(client, f"/admin/requests/edit/?id={req.id}", {
        "applicant": str(req.applicant_id), "service_type": str(req.service_type_id),
        "channel": str(req.channel_id), "details": "إدخالي أنا", "seen_version": version,
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "إدخالي أنا" in page and "شخص آخر" in page
    assert db.session.get(ServiceRequest, req.id).details == "حفظ زميل"


def test_a_submitted_request_can_no_longer_be_edited(rakeen, client):
    req = make_request("submitted", details="كما رُفع")
    login(client, "staff")
    form = client.get(f"/admin/requests/edit/?id={req.id}").get_data(as_text=True)
    version = re.search(r'name="seen_version"[^>]*value="(\d+)"', form).group(1)
    post_form(client, f"/admin/requests/edit/?id={req.id}", {
        "applicant": str(req.applicant_id), "service_type": str(req.service_type_id),
        "channel": str(req.channel_id), "details": "تعديل متأخر", "seen_version": version,
    })
    assert db.session.get(ServiceRequest, req.id).details == "كما رُفع"


def test_every_change_to_an_applicant_is_audited_field_by_field(rakeen, client):
    applicant = make_applicant(city="جدة")
    login(client, "staff")
    form = client.get(f"/admin/applicants/edit/?id={applicant.id}").get_data(as_text=True)
    version = re.search(r'name="seen_version"[^>]*value="(\d+)"', form).group(1)
    data = {field: getattr(applicant, field) or "" for field in (
        "national_id", "first_name", "father_name", "grandfather_name", "family_name", "gender",
        "mobile", "preferred_contact")}
    response = post_form(client, f"/admin/applicants/edit/?id={applicant.id}",
                         {**data, "city": "مكة المكرمة", "seen_version": version})
    assert response.status_code == 302
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.entity_type == "applicant"))
    assert (entry.entity_type, entry.field, entry.old_value, entry.new_value) == ("applicant", "city", "جدة", "مكة المكرمة")
    assert entry.actor.username == "staff" and entry.ip
