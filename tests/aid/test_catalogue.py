"""In-kind aid from the admin's catalogue: granted by item and quantity, valued at their sum, delivered within them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models import AidDelivery, AidGrant, CatalogueItem, FundingSource, GrantItem, ServiceRequest
from models.base import db
from sila.aid.deliveries import Handover
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import SIGNED, first_service, make_source
from tests.aid.vouchers_helpers import catalogue_item, granted_items
from tests.conftest import login, post_form
from tests.factories import make_request
from tests.requests.test_workflow import user


def test_a_grant_of_catalogue_items_is_worth_their_sum_at_the_days_unit_values(rakeen):
    basket, blanket = catalogue_item(), catalogue_item("بطانية شتوية", "قطعة", "80")
    request = granted_items((basket, 2), (blanket, 3))
    grant = db.session.scalar(db.select(AidGrant).filter_by(request_id=request.id))
    assert grant.amount == Decimal("940.00")
    assert "سلة غذائية × 2 سلة" in grant.description and "بطانية شتوية × 3 قطعة" in grant.description
    basket.unit_value = Decimal("400")
    db.session.commit()
    lines = db.session.scalars(db.select(GrantItem).filter_by(grant_id=grant.id).order_by(GrantItem.id)).all()
    assert [(line.quantity, line.unit_value) for line in lines] == [(2, Decimal("350.00")), (3, Decimal("80.00"))]


def test_a_delivery_beyond_the_items_granted_is_refused_in_arabic_and_nothing_is_taken(rakeen):
    source = make_source("5000")
    request = granted_items((catalogue_item(), 2), source=source)
    line = db.session.scalar(db.select(GrantItem))
    with pytest.raises(Refused, match="سلة غذائية") as refused:
        transitions.deliver(request.id, user("staff"), None, Handover(**SIGNED, items={line.id: 3}))
    assert "2" in str(refused.value)
    db.session.refresh(source)
    assert source.spent == Decimal("0.00")
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 0

    transitions.deliver(request.id, user("staff"), None, Handover(**SIGNED, items={line.id: 2}))
    db.session.refresh(source)
    db.session.refresh(line)
    assert source.spent == Decimal("700.00") and line.delivered == 2
    delivery = db.session.scalar(db.select(AidDelivery))
    assert delivery.amount == Decimal("700.00") and "سلة غذائية" in delivery.description
    assert db.session.get(ServiceRequest, request.id).status == "closed"


def test_the_committee_grants_items_on_the_decision_form(rakeen, client):
    first_service("in_kind")
    source = make_source("5000")
    basket = catalogue_item()
    request = make_request("submitted")
    login(client, "committee")
    page = f"/admin/committee_queue/details/?id={request.id}"
    assert f'name="grant_item-{basket.id}"' in client.get(page).get_data(as_text=True)
    response = post_form(client, f"/admin/committee_queue/step/{request.id}/decide", {
        "outcome": "accepted", f"grant_item-{basket.id}": "٣", "grant_source": str(source.id),
    }, token_from=page)
    assert response.status_code == 302
    grant = db.session.scalar(db.select(AidGrant).filter_by(request_id=request.id))
    assert grant.amount == Decimal("1050.00")
    assert db.session.scalar(db.select(GrantItem.quantity)) == 3


def test_managers_keep_the_catalogue_and_staff_may_not(rakeen, client):
    login(client, "manager")
    response = post_form(client, "/admin/catalogue/new/", {
        "name": "حقيبة مدرسية", "unit": "حقيبة", "unit_value": "120", "is_active": "y",
    }, token_from="/admin/catalogue/new/")
    assert response.status_code == 302
    assert db.session.scalar(db.select(CatalogueItem.unit_value).filter_by(name="حقيبة مدرسية")) == Decimal("120.00")
    refused = post_form(client, "/admin/catalogue/new/", {"name": "بلا قيمة", "unit": "قطعة", "unit_value": "0"},
                        token_from="/admin/catalogue/new/")
    assert refused.status_code == 200 and "أكبر من صفر" in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(CatalogueItem).filter_by(name="بلا قيمة")) is None
    staff = login(client.application.test_client(), "staff")
    assert staff.get("/admin/catalogue/").status_code == 403
    assert db.session.scalar(db.select(FundingSource.id)) is None
