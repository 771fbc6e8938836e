"""The request path as the domain enforces it: every step, every refusal, nothing half-done."""
from __future__ import annotations

from datetime import timedelta

import pytest

from models import AuditEntry, Decision, Notification, Organization, ServiceRequest, User
from models.base import db
from sila.core.errors import Refused
from sila.requests import transitions as steps
from sila.requests.checklist import record_checks
from tests.factories import make_request


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def tick_all(request: ServiceRequest, actor: User) -> None:
    record_checks(request, actor, {item.id: (True, True) for item in request.service_type.required_items})
    db.session.commit()


def audit_actions(request: ServiceRequest) -> list[str]:
    return list(db.session.scalars(
        db.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "request", AuditEntry.entity_id == request.id)
        .order_by(AuditEntry.id)
    ))


def walk_to(status: str) -> ServiceRequest:
    """A request taken through the real steps up to `status`."""
    staff, committee = user("staff"), user("committee")
    request = make_request()
    path = ["verified", "attested", "submitted", "accepted", "registered", "closed"]
    for step in path[: path.index(status) + 1]:
        if step == "verified":
            tick_all(request, staff)
            steps.verify(request.id, staff, "طابقت الأصول")
        elif step == "attested":
            steps.attest(request.id, staff, request.applicant.full_name, "on_screen")
        elif step == "submitted":
            steps.submit(request.id, staff)
        elif step == "accepted":
            steps.decide(request.id, committee, "accepted")
        elif step == "registered":
            steps.complete_registration(request.id, staff)
        elif step == "closed":
            steps.deliver(request.id, staff, "سلة غذائية وتذكرة حج")
    db.session.refresh(request)
    return request


@pytest.mark.parametrize("preset", ["rakeen", "health_coop"])
def test_the_whole_path_from_receiving_to_delivery(app, request, preset):
    request.getfixturevalue(preset)
    done = walk_to("closed")
    assert done.status == "closed"
    assert done.verified_by.username == "staff" and done.delivery_notes == "سلة غذائية وتذكرة حج"
    assert done.earliest_answer_on - done.submitted_at.date() >= timedelta(days=13)
    assert audit_actions(done) == ["create", "verify", "attest", "submit", "decide", "register", "deliver"]
    notification = db.session.scalar(db.select(Notification).where(Notification.event == "submitted"))
    assert notification.request_id == done.id and notification.status == "pending"
    assert "لجنة البحث" in notification.body and notification.recipient == "+966551234567"


def test_verification_is_refused_until_every_item_is_supplied_and_matched(rakeen):
    staff = user("staff")
    request = make_request()
    first = request.service_type.required_items[0]
    record_checks(request, staff, {first.id: (True, False)})
    db.session.commit()
    with pytest.raises(Refused) as refusal:
        steps.verify(request.id, staff)
    assert first.name in str(refusal.value)
    db.session.refresh(request)
    assert request.status == "received" and request.verified_at is None
    assert audit_actions(request) == ["create"]


def test_steps_out_of_order_are_refused_and_change_nothing(rakeen):
    request = make_request()
    staff = user("staff")
    for step in (lambda: steps.submit(request.id, staff),
                 lambda: steps.attest(request.id, staff, "اسم", "on_screen"),
                 lambda: steps.complete_registration(request.id, staff),
                 lambda: steps.deliver(request.id, staff, "شيء")):
        with pytest.raises(Refused):
            step()
    db.session.refresh(request)
    assert request.status == "received"


def test_only_committee_members_decide_and_never_on_their_own_request(rakeen):
    request = walk_to("submitted")
    with pytest.raises(Refused, match="دور"):
        steps.decide(request.id, user("staff"), "accepted")
    member = user("committee")
    request.submitted_by_id = member.id
    db.session.commit()
    with pytest.raises(Refused, match="تعارض"):
        steps.decide(request.id, member, "accepted")
    assert steps.decide(request.id, user("committee2"), "accepted").outcome == "accepted"


@pytest.mark.parametrize("outcome", ["rejected", "returned"])
def test_reject_and_return_need_a_reason(rakeen, outcome):
    request = walk_to("submitted")
    with pytest.raises(Refused, match="سبب"):
        steps.decide(request.id, user("committee"), outcome, "  ")
    assert db.session.scalar(db.select(db.func.count()).select_from(Decision)) == 0
    steps.decide(request.id, user("committee"), outcome, "يرجى إرفاق تعريف بالراتب")
    db.session.refresh(request)
    assert request.status == outcome


def test_a_returned_request_is_verified_attested_and_submitted_again(rakeen):
    request = walk_to("submitted")
    steps.decide(request.id, user("committee"), "returned", "ما مصدر الدخل؟")
    staff = user("staff2")
    with pytest.raises(Refused):
        steps.submit(request.id, staff)
    steps.verify(request.id, staff)
    with pytest.raises(Refused):
        steps.submit(request.id, staff)
    steps.attest(request.id, staff, "محمد علي صالح الحربي", "paper_scan")
    steps.submit(request.id, staff)
    db.session.refresh(request)
    assert request.status == "submitted"


def test_the_response_period_can_never_be_set_under_two_weeks(rakeen, client):
    from sqlalchemy.exc import IntegrityError

    from tests.conftest import login, post_form

    organization = db.session.scalar(db.select(Organization))
    login(client, "admin")
    form = {"name": organization.name, "vocabulary": "beneficiary", "policy_title": "سياسة",
            "response_days": "10", "attestation_text": "أقر"}
    response = post_form(client, f"/admin/organization/edit/?id={organization.id}", form)
    assert response.status_code == 200 and "14" in response.get_data(as_text=True)
    db.session.refresh(organization)
    assert organization.response_days == 14
    organization.response_days = 10
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("status", ["withdrawn", "cancelled"])
def test_withdrawal_and_cancellation_need_a_reason_and_end_the_request(rakeen, status):
    request = walk_to("verified")
    with pytest.raises(Refused):
        steps.end_early(request.id, user("staff"), status, "")
    steps.end_early(request.id, user("staff"), status, "سافر المستفيد")
    db.session.refresh(request)
    assert request.status == status and request.closed_at is not None


def test_nothing_ends_early_after_the_decision(rakeen):
    request = walk_to("accepted")
    with pytest.raises(Refused):
        steps.end_early(request.id, user("staff"), "cancelled", "سبب")


def test_editing_after_attestation_voids_it(rakeen):
    request = walk_to("attested")
    assert steps.void_after_edit(request, user("staff")) is True
    db.session.commit()
    db.session.refresh(request)
    assert request.status == "verified"
    assert steps.active_attestation(request) is None
    with pytest.raises(Refused):
        steps.submit(request.id, user("staff"))


def test_a_withdrawal_after_submission_drops_the_unsent_message(rakeen):
    request = walk_to("submitted")
    assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == 1
    steps.end_early(request.id, user("staff"), "withdrawn", "تراجع عن الطلب")
    assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == 0


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_earliest_answer_date_counts_from_today_in_the_associations_time_zone(app, rakeen, zone):
    """UTC+14 and UTC−11 are never on the same calendar day, so a fixed zone gets one of them wrong."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app import create_app

    in_zone = create_app({**app.config, "BABEL_DEFAULT_TIMEZONE": zone})
    with in_zone.app_context():
        request = walk_to("submitted")
        local_today = datetime.now(ZoneInfo(zone)).date()
        response_days = db.session.scalar(db.select(Organization.response_days))
        assert request.earliest_answer_on == local_today + timedelta(days=response_days)
        db.session.remove()
