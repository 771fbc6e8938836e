"""The applicant's own door: a one-time code by SMS opens a short portal session on his file."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from models import AuditEntry, Notification, PortalCode
from models.base import db
from sila.portal.sign_in import MAX_TRIES
from tests.conftest import csrf_token
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.door import ask, code_sent, enter, sign_in

NEUTRAL = "هذا الرمز غير صحيح أو لم يعد صالحًا"
SENT_IF_MATCH = "إذا طابقت هذه البيانات ملفًا لدى الجمعية"


@pytest.fixture()
def applicant(rakeen):  # type: ignore[no-untyped-def]
    person = make_applicant(national_id=valid_national_id(), mobile="0551234567")
    make_request(applicant=person)
    return person


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_right_code_opens_the_applicants_own_file(applicant, client, caplog):
    sign_in(client, caplog, applicant)
    page = client.get("/my-file").get_data(as_text=True)
    assert applicant.full_name in page
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "portal_sign_in"))
    assert entry.entity_id == applicant.id and entry.actor_id is None


def test_the_code_goes_by_sms_to_the_mobile_on_file_and_the_outbox_keeps_it_hidden(applicant, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    ask(client, applicant.national_id, "+966551234567")
    code = code_sent(caplog)
    message = db.session.scalar(db.select(Notification).where(Notification.event == "sign_in_code"))
    assert message.method == "sms" and message.recipient == applicant.mobile and message.status == "sent"
    assert code not in message.body and "••••••" in message.body
    stored = db.session.scalar(db.select(PortalCode))
    assert code not in stored.code_hash and len(stored.code_hash) == 64


def test_unknown_id_and_wrong_mobile_get_the_same_answer_as_a_file_and_no_message(applicant, client, caplog):
    pages = []
    for national_id, mobile in ((applicant.national_id, "0551234567"), (valid_national_id(), "0551234567"),
                                (applicant.national_id, "0559876543")):
        response = ask(client, national_id, mobile)
        assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in/code")
        page = client.get("/sign-in/code").get_data(as_text=True)
        pages.append(re.sub(r'value="[^"]+"', "", page))
    assert pages[0] == pages[1] == pages[2]
    assert SENT_IF_MATCH in pages[0]
    assert db.session.scalar(db.select(db.func.count()).select_from(Notification)
                             .where(Notification.event == "sign_in_code")) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(PortalCode)) == 3


def test_any_code_for_details_without_a_file_gets_the_neutral_answer(applicant, client):
    ask(client, valid_national_id())
    page = enter(client, "123456").get_data(as_text=True)
    assert NEUTRAL in page
    assert client.get("/my-file").status_code == 302


def test_a_wrong_code_an_expired_code_and_a_used_code_get_the_same_neutral_answer(app, applicant, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    ask(client, applicant.national_id)
    code = code_sent(caplog)
    wrong = enter(client, _wrong(code))
    assert wrong.status_code == 200 and NEUTRAL in wrong.get_data(as_text=True)

    row = db.session.scalar(db.select(PortalCode))
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    expired = enter(client, code)
    assert expired.status_code == 200 and NEUTRAL in expired.get_data(as_text=True)

    ask(client, applicant.national_id)
    fresh = code_sent(caplog)
    pending = db.session.scalars(db.select(PortalCode.id).order_by(PortalCode.id.desc())).first()
    assert enter(client, fresh).status_code == 302
    other = app.test_client()
    with other.session_transaction() as session:
        session["portal_code_id"] = pending
    reused = enter(other, fresh)
    assert reused.status_code == 200 and NEUTRAL in reused.get_data(as_text=True)
    assert other.get("/my-file").status_code == 302

def test_after_five_wrong_tries_even_the_right_code_is_refused(applicant, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    ask(client, applicant.national_id)
    code = code_sent(caplog)
    for _ in range(MAX_TRIES):
        assert NEUTRAL in enter(client, _wrong(code)).get_data(as_text=True)
    page = enter(client, code).get_data(as_text=True)
    assert NEUTRAL in page
    assert client.get("/my-file").status_code == 302


def test_asking_again_retires_the_earlier_code(applicant, client, caplog):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    ask(client, applicant.national_id)
    first = code_sent(caplog)
    pending = db.session.scalar(db.select(PortalCode.id))
    ask(client, applicant.national_id)
    with client.session_transaction() as session:
        session["portal_code_id"] = pending
    assert NEUTRAL in enter(client, first).get_data(as_text=True)


def test_an_invalid_id_is_refused_in_arabic_beside_the_field_and_nothing_is_written(applicant, client):
    response = ask(client, "1234567890")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="national_id-error"' in page and "رقم الهوية" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PortalCode)) == 0


@pytest.mark.parametrize("setting, vary", [
    ("SILA_PORTAL_CODE_LIMIT_PER_ID", "mobile"),
    ("SILA_PORTAL_CODE_LIMIT_PER_MOBILE", "national_id"),
    ("SILA_PORTAL_CODE_LIMIT_PER_IP", "both"),
])
def test_asking_for_codes_is_throttled_per_id_per_mobile_and_per_address(app, applicant, client, setting, vary):
    app.config[setting] = "2 per hour"
    mobiles = iter(["0551111111", "0552222222", "0553333333"])
    for attempt in range(3):
        national_id = valid_national_id() if vary in ("national_id", "both") else applicant.national_id
        mobile = next(mobiles) if vary in ("mobile", "both") else applicant.mobile
        response = ask(client, national_id, mobile)
        assert response.status_code == (429 if attempt == 2 else 302)
    assert "أرسلت هذا النموذج مرات كثيرة" in response.get_data(as_text=True)


def test_the_session_ends_after_the_idle_minutes(applicant, client, caplog):
    sign_in(client, caplog, applicant)
    row = db.session.scalar(db.select(PortalCode).where(PortalCode.used_at.is_not(None)))
    row.last_seen_at = row.last_seen_at - timedelta(minutes=16)
    db.session.commit()
    response = client.get("/my-file")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")


def test_signing_out_ends_the_session_even_for_a_copied_cookie(app, applicant, client, caplog):
    sign_in(client, caplog, applicant)
    with client.session_transaction() as session:
        copied = dict(session)
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/my-file")})
    thief = app.test_client()
    with thief.session_transaction() as session:
        session.update(copied)
    assert thief.get("/my-file").status_code == 302


def test_my_file_without_signing_in_goes_to_the_sign_in_page(rakeen, client):
    response = client.get("/my-file")
    assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")
