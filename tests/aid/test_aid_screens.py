"""The committee grants through its decision form and staff deliver through the request page, in Arabic."""
from __future__ import annotations

from decimal import Decimal

from models import AidGrant, Instalment, ServiceRequest
from models.base import db
from sila.requests import transitions
from tests.aid.helpers import first_service, make_source
from tests.conftest import login, post_form
from tests.factories import make_request
from tests.requests.test_workflow import user


def test_the_committee_grants_six_instalments_on_its_form_and_staff_deliver_the_first(rakeen, app):
    first_service("cash")
    source = make_source("5000")
    request = make_request("submitted")
    member = login(app.test_client(), "committee")
    page = f"/admin/committee_queue/details/?id={request.id}"
    form = member.get(page).get_data(as_text=True)
    assert 'id="grant-fields"' in form and "مؤسسة الخير" in form
    response = post_form(member, f"/admin/committee_queue/step/{request.id}/decide", {
        "outcome": "accepted", "reason": "", "grant_amount": "٥٠٠", "grant_instalments": "6",
        "grant_source": str(source.id), "grant_description": "إعانة شهرية",
    }, token_from=page)
    assert response.status_code == 302
    grant = db.session.scalar(db.select(AidGrant))
    assert (grant.amount, grant.instalments, grant.funding_source_id) == (Decimal("500.00"), 6, source.id)

    transitions.complete_registration(request.id, user("staff"))
    staff = login(app.test_client(), "staff")
    page = f"/admin/requests/details/?id={request.id}"
    shown = staff.get(page).get_data(as_text=True)
    assert "الدفعة 1 من 6" in shown and shown.count('data-instalment="due"') == 6
    post_form(staff, f"/admin/requests/step/{request.id}/deliver", {
        "what": "", "received_by": "محمد", "receiver_relation": "self", "witness": "سعد الشاهد",
    }, token_from=page)
    shown = staff.get(page).get_data(as_text=True)
    assert "سُجّل التسليم" in shown and shown.count('data-instalment="due"') == 5
    assert db.session.scalar(db.select(db.func.count(Instalment.id)).filter_by(status="delivered")) == 1
    assert db.session.get(ServiceRequest, request.id).status == "registered"


def test_a_bad_amount_on_the_decision_form_is_refused_in_arabic_and_nothing_is_decided(rakeen, app):
    first_service("cash")
    source = make_source()
    request = make_request("submitted")
    member = login(app.test_client(), "committee")
    page = f"/admin/committee_queue/details/?id={request.id}"
    shown = post_form(member, f"/admin/committee_queue/step/{request.id}/decide", {
        "outcome": "accepted", "grant_amount": "-5", "grant_source": str(source.id),
    }, token_from=page, follow_redirects=True).get_data(as_text=True)
    assert "يجب أن يكون المبلغ أكثر من صفر" in shown
    assert db.session.get(ServiceRequest, request.id).status == "submitted"


def test_a_budget_below_what_is_already_spent_is_refused_in_arabic_and_kept(rakeen, app):
    source = make_source("1000")
    source.spent = Decimal("600")
    db.session.commit()
    manager = login(app.test_client(), "manager")
    page = f"/admin/funding_sources/edit/?id={source.id}"
    shown = post_form(manager, page, {
        "name": source.name, "kind": "donor", "budget": "500", "starts_on": "", "ends_on": "", "is_active": "y",
        "notes": "",
    }, token_from=page, follow_redirects=True).get_data(as_text=True)
    assert "لا يمكن أن تقل الميزانية عما صُرف منها" in shown
    db.session.expire_all()
    assert db.session.get(type(source), source.id).budget == Decimal("1000.00")
