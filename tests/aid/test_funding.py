"""Every riyal is charged to one funding source, which never goes below zero; zakat only where eligible."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from models import AidDelivery, FundingSource, NeedCategory, ServiceRequest
from models.base import db
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import IN_HAND, granted, make_source
from tests.conftest import login, post_form
from tests.requests.test_concurrency import crowd, race
from tests.requests.test_workflow import user


def test_a_charge_beyond_what_is_left_is_refused_in_arabic_and_nothing_is_taken(rakeen):
    source = make_source("700")
    request = granted("cash", "500", 2, source)
    transitions.deliver(request.id, user("staff"), None, IN_HAND)
    with pytest.raises(Refused, match="200.00") as refused:
        transitions.deliver(request.id, user("staff"), None, IN_HAND)
    assert "مؤسسة الخير" in str(refused.value)
    db.session.refresh(source)
    assert source.spent == Decimal("500.00")
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1
    assert db.session.get(ServiceRequest, request.id).status == "registered"


def test_zakat_is_charged_only_to_files_of_a_zakat_eligible_category(rakeen):
    zakat = make_source("5000", kind="zakat", name="صندوق الزكاة")
    with pytest.raises(Refused, match="الزكاة"):
        granted("cash", "500", 1, zakat, needs_category="ب")
    category = db.session.scalar(db.select(NeedCategory).filter_by(name="أ"))
    category.zakat_eligible = True
    db.session.commit()
    request = granted("cash", "500", 1, zakat, needs_category="أ")
    transitions.deliver(request.id, user("staff"), None, IN_HAND)
    db.session.refresh(zakat)
    assert zakat.spent == Decimal("500.00")


def test_a_source_outside_its_period_pays_nothing(rakeen):
    source = make_source("5000")
    request = granted("in_kind", "300", source=source, description="سلة غذائية")
    source.ends_on = date.today() - timedelta(days=40)
    db.session.commit()
    with pytest.raises(Refused, match="مدته"):
        transitions.deliver(request.id, user("staff"), None, IN_HAND)


def test_two_staff_charging_the_last_riyals_at_once_exactly_one_succeeds(crowd_app):
    source = make_source("500")
    first = granted("cash", "500", 1, source)
    second = granted("cash", "500", 1, source)
    people = crowd("staff", 2)
    result = race(crowd_app, [
        (str(first.id), lambda actor: transitions.deliver(first.id, actor, None, IN_HAND), people[0]),
        (str(second.id), lambda actor: transitions.deliver(second.id, actor, None, IN_HAND), people[1]),
    ])
    assert len(result.winners) == 1 and len(result.refusals) == 1
    assert "مصدر التمويل" in str(result.refusals[0]) or "funding source" in str(result.refusals[0])
    source = db.session.get(FundingSource, source.id)
    assert source.spent == Decimal("500.00")
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1
    [(winner, _actor)] = result.winners
    statuses = {request.id: db.session.get(ServiceRequest, request.id).status for request in (first, second)}
    assert statuses[int(winner)] == "closed" and sorted(statuses.values()) == ["closed", "registered"]


def test_a_manager_keeps_funding_sources_and_cannot_set_a_budget_below_what_is_spent(rakeen, client):
    login(client, "manager")
    response = post_form(client, "/admin/funding_sources/new/", {
        "name": "برنامج كفالة الأسر", "kind": "programme", "budget": "12000", "is_active": "y",
    }, token_from="/admin/funding_sources/new/")
    assert response.status_code == 302
    source = db.session.scalar(db.select(FundingSource).filter_by(name="برنامج كفالة الأسر"))
    assert source.budget == Decimal("12000.00") and source.spent == 0
    source.spent = Decimal("3000")
    db.session.commit()
    page = post_form(client, f"/admin/funding_sources/edit/?id={source.id}", {
        "name": source.name, "kind": "programme", "budget": "2000", "is_active": "y",
    }, token_from=f"/admin/funding_sources/edit/?id={source.id}", follow_redirects=True).get_data(as_text=True)
    assert "لا يمكن أن تقل الميزانية" in page
    db.session.refresh(source)
    assert source.budget == Decimal("12000.00")
    listing = client.get("/admin/funding_sources/").get_data(as_text=True)
    assert "برنامج" in listing and "9,000.00" in listing


def test_staff_cannot_open_the_funding_sources(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/funding_sources/").status_code == 403
