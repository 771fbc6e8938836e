"""Editing an attested file, on the form or by importing a spreadsheet: the same consequences either way."""
from __future__ import annotations

import pytest

from models import Attestation, AuditEntry, ScoreRule, ServiceRequest
from models.base import db
from sila.requests import transitions
from tests.applicants.test_household import _edit_form
from tests.applicants.test_import import _apply, _dry_run, _upload, _xlsx, waiting_room  # noqa: F401 (the import's fixture)
from tests.applicants.test_scoring import _household
from tests.conftest import login
from tests.factories import make_request
from tests.requests.test_workflow import tick_all, user


def _attested_with_a_stale_score() -> tuple[ServiceRequest, int]:
    """An attested request whose score predates a rule change: only a change to the file rescores it."""
    request = make_request()
    _household(request.applicant, income=600, size=3)
    tick_all(request, user("staff"))
    transitions.verify(request.id, user("staff"))
    transitions.attest(request.id, user("staff"), request.applicant.full_name, "on_screen")
    db.session.refresh(request)
    scored = request.needs_score
    rule = db.session.scalar(db.select(ScoreRule).where(ScoreRule.factor == "housing"))
    rule.points += 40
    db.session.commit()
    return request, scored


def _edit_city_on_the_form(client, request: ServiceRequest) -> None:  # type: ignore[no-untyped-def]
    # Jeddah lies outside the rakeen main office's service area (Makkah): staff give the reason.
    form = {**_edit_form(client, request.applicant), "city": "جدة", "outside_area_reason": "انتقل مؤقتًا لعلاج ابنه"}
    response = client.post(f"/admin/applicants/edit/?id={request.applicant_id}", data=form, follow_redirects=True)
    assert response.status_code == 200
    assert "فأُلغي الإقرار" in response.get_data(as_text=True)


def _import_city(client, request: ServiceRequest) -> None:  # type: ignore[no-untyped-def]
    applicant = request.applicant
    row = [applicant.full_name, applicant.national_id, "0551234567", "ذكر", "", "جدة", ""]
    report = _dry_run(client, _upload(client, _xlsx([row]), "people.xlsx").get_data(as_text=True))
    assert _apply(client, report.get_data(as_text=True)).status_code == 302


@pytest.mark.parametrize("edit", [_edit_city_on_the_form, _import_city], ids=["form", "import"])
def test_changing_an_attested_applicant_voids_the_attestation_and_rescores_the_request(rakeen, client, edit):
    request, scored = _attested_with_a_stale_score()
    login(client, "staff")
    edit(client, request)
    db.session.expire_all()
    request = db.session.get(ServiceRequest, request.id)
    assert request.applicant.city == "جدة"
    assert request.status == "verified"
    attestation = db.session.scalar(db.select(Attestation).where(Attestation.request_id == request.id))
    assert attestation.voided_at is not None and attestation.void_reason == "عُدّلت البيانات بعد الإقرار"
    last = db.session.execute(
        db.select(AuditEntry.action, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value, AuditEntry.actor_id)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request.id)
        .order_by(AuditEntry.id.desc()).limit(1)
    ).one()
    assert tuple(last) == ("void_attestation", "status", "attested", "verified", user("staff").id)
    assert request.needs_score == scored + 40


def test_removing_a_household_member_on_the_form_rescores_the_request_in_the_same_save(rakeen, client):
    request, scored = _attested_with_a_stale_score()
    login(client, "staff")
    form = _edit_form(client, request.applicant)
    member_fields = sorted(name for name in form if name.startswith("members-") and name.endswith("-full_name"))
    assert len(member_fields) == 2
    form[member_fields[0].replace("-full_name", "").replace("members-", "del-members-")] = "y"
    response = client.post(f"/admin/applicants/edit/?id={request.applicant_id}", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    request = db.session.get(ServiceRequest, request.id)
    assert len(request.applicant.members) == 1
    # 600 riyals for two people is 300 a person: 30 points instead of 40; rented now 50, poor 10
    assert (scored, request.needs_score) == (60, 90)
