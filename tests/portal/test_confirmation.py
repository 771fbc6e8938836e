"""A new application confirms its mobile with a code before it is received."""
from __future__ import annotations

import re
from datetime import timedelta

from models import Applicant, HeldApplication, Notification, PortalCode, RequestTally, ServiceRequest
from models.base import db, utcnow
from sila.core.masking import masked
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from sila.portal.sign_in import MAX_TRIES
from tests.factories import make_applicant
from tests.portal.door import confirm, hold
from tests.portal.test_portal import _valid

NEUTRAL = "هذا الرمز غير صحيح أو لم يعد صالحًا"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _count(model: type) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _tallied() -> int:
    return db.session.scalar(db.select(db.func.coalesce(db.func.sum(RequestTally.requests), 0)))


def test_an_application_is_no_request_until_its_mobile_is_confirmed(rakeen, client):
    before = _tallied()
    response, code = hold(client, _valid())
    assert response.headers["Location"].endswith("/apply/confirm")
    page = client.get("/apply/confirm").get_data(as_text=True)
    assert "لا يُستلم طلبك إلا بعد إدخال الرمز" in page
    assert (_count(ServiceRequest), _count(Applicant), _count(Notification), _tallied()) == (0, 0, 0, before)

    received = confirm(client, code)
    assert received.status_code == 302 and received.headers["Location"].endswith("/apply/received")
    request = db.session.scalar(db.select(ServiceRequest))
    assert request.status == "received" and _tallied() == before + 1
    assert request.number in client.get("/apply/received").get_data(as_text=True)
    assert _count(HeldApplication) == 0


def test_the_code_goes_to_the_typed_mobile_and_no_outbox_row_keeps_it(rakeen, client, caplog):
    known = make_applicant(mobile="0559876543")
    caplog.set_level("INFO", logger="sila.notifications")
    _, code = hold(client, _valid(national_id=known.national_id, mobile="0561112233"))
    line = [record.getMessage() for record in caplog.records if code in record.getMessage()][0]
    assert f"(apply_code) to {masked('+966561112233', 4, 2)}: " in line
    assert _count(Notification) == 0


def test_wrong_expired_and_used_codes_get_one_neutral_answer_and_receive_nothing(rakeen, client):
    _, code = hold(client, _valid())
    wrong = confirm(client, _wrong(code))
    assert wrong.status_code == 200 and NEUTRAL in wrong.get_data(as_text=True)
    assert _count(ServiceRequest) == 0

    db.session.execute(db.update(PortalCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    expired = confirm(client, code)
    assert expired.status_code == 200 and NEUTRAL in expired.get_data(as_text=True)
    assert _count(ServiceRequest) == 0


def test_five_wrong_tries_spend_the_code(rakeen, client):
    _, code = hold(client, _valid())
    for _attempt in range(MAX_TRIES):
        confirm(client, _wrong(code))
    late = confirm(client, code)
    assert NEUTRAL in late.get_data(as_text=True) and _count(ServiceRequest) == 0


def test_a_known_and_an_unknown_national_id_get_the_same_page(rakeen, client, app):
    known = make_applicant(mobile="0559876543")
    pages = []
    for national_id in (known.national_id, _valid()["national_id"]):
        other = app.test_client()
        response, code = hold(other, _valid(national_id=national_id))
        assert response.headers["Location"].endswith("/apply/confirm") and code is not None
        pages.append(re.sub(r'value="[^"]+"', "", other.get("/apply/confirm").get_data(as_text=True)))
    assert pages[0] == pages[1]


def test_asking_for_codes_is_throttled_per_typed_mobile(rakeen, client, app):
    app.config["SILA_PORTAL_CODE_LIMIT_PER_MOBILE"] = "2 per hour"
    statuses = [hold(app.test_client(), _valid(mobile="0561112233"))[0].status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_the_daily_job_prunes_unconfirmed_applications_and_dead_codes(rakeen, client, app):
    hold(client, _valid())
    hold(app.test_client(), _valid())
    _, code = hold(app.test_client(), _valid())
    db.session.execute(db.update(PortalCode).values(expires_at=utcnow() - timedelta(hours=2)))
    db.session.commit()
    assert run_job(job_named(app.config, "prune_portal"), utcnow()) is True
    assert (_count(HeldApplication), _count(PortalCode)) == (0, 0)
    assert _count(ServiceRequest) == 0
