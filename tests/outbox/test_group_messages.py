"""Messages to a group: the preview's count is the count sent, opted-out applicants are skipped, essential
messages still reach them, sending is throttled and audited without names."""
from __future__ import annotations

import logging

import pytest

from models import AuditEntry, Branch, GroupMessage, Notification, ServiceType
from models.base import db
from sila.core.dates import today
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.door import sign_in

URL = "/admin/group_messages/"


def _service() -> ServiceType:
    return db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))


@pytest.fixture()
def beneficiaries(rakeen):  # type: ignore[no-untyped-def]
    """Three active beneficiaries of the first service (one opted out), one only applying, one closed file."""
    people = [make_applicant(national_id=valid_national_id(), first_name=name) for name in ("سالم", "فهد", "هند")]
    for person in people:
        make_request("accepted", applicant=person)
    people[2].declines_group_messages = True
    make_request("received", applicant=make_applicant(national_id=valid_national_id(), first_name="ريم"))
    closed = make_applicant(national_id=valid_national_id(), first_name="خالد", file_status="closed")
    make_request("registered", applicant=closed)
    db.session.commit()
    return people


def _group() -> str:
    return f"service_type:{_service().id}"


def _messages() -> list[Notification]:
    return list(db.session.scalars(db.select(Notification).where(Notification.event == "group_message")))


def test_the_preview_counts_whom_the_message_reaches_and_sends_nothing(beneficiaries, client):
    login(client, "staff")
    page = post_form(client, URL, {"group": _group(), "body": "موعد توزيع السلال يوم الخميس"}, token_from=URL)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="group-preview"' in text
    assert "ستصل هذه الرسالة إلى 2 مستفيد، ولن تصل إلى 1" in text
    assert _messages() == []


def test_sending_queues_one_message_per_consenting_beneficiary_and_records_counts_only(beneficiaries, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    login(client, "staff")
    response = post_form(client, URL + "send", {"group": _group(), "body": "موعد توزيع السلال يوم الخميس"},
                         token_from=URL, follow_redirects=True)
    assert "أُدرجت الرسالة في الرسائل الصادرة إلى 2 مستفيد" in response.get_data(as_text=True)
    sent = _messages()
    assert sorted(message.applicant_id for message in sent) == sorted(person.id for person in beneficiaries[:2])
    assert {message.body for message in sent} == {"موعد توزيع السلال يوم الخميس"}
    record = db.session.scalar(db.select(GroupMessage))
    assert (record.recipients, record.declined) == (2, 1)
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "group_message"))
    assert entry.note == "service_type recipients=2 declined=1"
    lines = " ".join(line.getMessage() for line in caplog.records)
    assert all(person.first_name not in lines and person.mobile not in lines for person in beneficiaries)


def test_an_opted_out_applicant_still_gets_the_essential_missing_documents_message(beneficiaries, app):
    opted_out = beneficiaries[2]
    request = make_request("received", applicant=opted_out)
    item = next(item for item in request.service_type.required_items if item.kind == "document")
    staff = login(app.test_client(), "staff")
    post_form(staff, f"/admin/requests/step/{request.id}/ask_missing", {"asked_item": str(item.id)},
              token_from=f"/admin/requests/details/?id={request.id}")
    message = db.session.scalar(db.select(Notification).where(Notification.event == "missing_items"))
    assert message.applicant_id == opted_out.id and message.status == "pending"


def test_each_staff_member_may_send_only_a_few_groups_an_hour(beneficiaries, client, app):
    app.config["SILA_GROUP_MESSAGE_LIMIT"] = "1 per hour"
    login(client, "staff")
    first = post_form(client, URL + "send", {"group": _group(), "body": "رسالة أولى"}, token_from=URL)
    second = post_form(client, URL + "send", {"group": _group(), "body": "رسالة ثانية"}, token_from=URL)
    assert (first.status_code, second.status_code) == (302, 429)
    assert db.session.scalar(db.select(db.func.count()).select_from(GroupMessage)) == 1


def test_a_large_group_is_spread_over_the_minutes(beneficiaries, client, app):
    app.config["SILA_GROUP_MESSAGES_PER_MINUTE"] = 1
    login(client, "staff")
    post_form(client, URL + "send", {"group": _group(), "body": "رسالة"}, token_from=URL)
    due = sorted(message.next_attempt_at for message in _messages())
    assert due[1] > due[0]


def test_an_empty_message_or_an_unknown_group_is_refused_in_arabic(beneficiaries, client):
    login(client, "staff")
    empty = post_form(client, URL + "send", {"group": _group(), "body": "  "}, token_from=URL)
    assert empty.status_code == 400 and "اكتب نص الرسالة" in empty.get_data(as_text=True)
    unknown = post_form(client, URL + "send", {"group": "service_type:99999", "body": "رسالة"}, token_from=URL)
    assert unknown.status_code == 400 and "اختر المجموعة المرسل إليها" in unknown.get_data(as_text=True)
    assert _messages() == []


def test_a_branchs_staff_reach_only_their_branchs_files(rakeen, client):
    other = Branch(name="فرع جدة", city="جدة", is_active=True, is_main=False)
    db.session.add(other)
    db.session.commit()
    ours = make_applicant(national_id=valid_national_id(), next_restudy_on=today())
    make_applicant(national_id=valid_national_id(), next_restudy_on=today(), branch=other)
    login(client, "staff")
    page = client.get(URL).get_data(as_text=True)
    assert f'value="branch:{other.id}"' not in page
    post_form(client, URL + "send", {"group": "restudy_due:", "body": "موعد التحديث"}, token_from=URL)
    assert [message.applicant_id for message in _messages()] == [ours.id]
    refused = post_form(client, URL + "send", {"group": f"branch:{other.id}", "body": "رسالة"}, token_from=URL)
    assert refused.status_code == 400


def test_roles_outside_the_messages_area_cannot_open_or_send(beneficiaries, client):
    login(client, "researcher")
    assert client.get(URL).status_code == 403
    assert post_form(client, URL + "send", {"group": _group(), "body": "رسالة"}).status_code == 403
    assert _messages() == []


def test_the_applicant_opts_out_on_his_file_and_the_change_is_audited(rakeen, client, caplog):
    person = make_applicant(national_id=valid_national_id(), mobile="0551234567")
    make_request("accepted", applicant=person)
    sign_in(client, caplog, person)
    response = post_form(client, "/my-file/messages", {"declines": "y"}, token_from="/my-file", follow_redirects=True)
    assert "لن تصلك الرسائل العامة بعد الآن" in response.get_data(as_text=True)
    db.session.expire_all()
    assert person.declines_group_messages is True
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.entity_type == "applicant", AuditEntry.field == "declines_group_messages",
    ))
    assert entry.entity_id == person.id and entry.actor_id is None


def test_staff_record_the_opt_out_on_the_file_without_voiding_its_attestation(rakeen, client):
    from models import Attestation
    from sila.requests import transitions
    from tests.applicants.test_household import _edit_form
    from tests.requests.test_workflow import tick_all, user

    request = make_request()
    tick_all(request, user("staff"))
    transitions.verify(request.id, user("staff"))
    transitions.attest(request.id, user("staff"), request.applicant.full_name, "on_screen")
    login(client, "staff")
    form = {**_edit_form(client, request.applicant), "declines_group_messages": "y", "notes": ""}
    response = client.post(f"/admin/applicants/edit/?id={request.applicant_id}", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert request.applicant.declines_group_messages is True and request.status == "attested"
    assert db.session.scalar(db.select(Attestation).where(Attestation.request_id == request.id)).voided_at is None
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.field == "declines_group_messages"))
    assert entry.actor_id == user("staff").id and entry.new_value == "True"
