"""What the committee granted is recorded at acceptance, and nothing beyond it is ever delivered."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models import AidDelivery, AidGrant, AuditEntry, FundingSource, Instalment, ServiceRequest
from models.base import db
from sila.aid.deliveries import Handover
from sila.aid.grants import GrantTerms
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import IN_HAND, first_service, granted, make_source
from tests.factories import make_request
from tests.requests.test_workflow import user


def test_six_monthly_instalments_are_delivered_one_at_a_time_and_the_last_closes_the_request(rakeen):
    source = make_source("5000")
    request = granted("cash", "500", 6, source)
    schedule = list(db.session.scalars(db.select(Instalment).order_by(Instalment.number)))
    assert [line.amount for line in schedule] == [Decimal("500.00")] * 6
    assert len({line.due_on.month for line in schedule}) == 6, "one instalment a month"

    for _month in range(5):
        transitions.deliver(request.id, user("staff"), None, IN_HAND)
        db.session.refresh(request)
        assert request.status == "registered", "the request stays open while instalments remain"
    transitions.deliver(request.id, user("staff"), None, IN_HAND)
    db.session.refresh(request)
    db.session.refresh(source)
    assert request.status == "closed"
    assert source.spent == Decimal("3000.00")
    with pytest.raises(Refused):
        transitions.deliver(request.id, user("staff"), None, IN_HAND)


def test_in_kind_aid_cannot_be_delivered_beyond_the_value_granted(rakeen):
    source = make_source("5000")
    request = granted("in_kind", "800", source=source, description="سلة غذائية وأثاث")
    with pytest.raises(Refused, match="800.00"):
        transitions.deliver(request.id, user("staff"), None,
                            Handover(amount="900", received_by="محمد علي", relation="self", witness="سعد"))
    db.session.refresh(source)
    assert source.spent == 0 and db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 0, "nothing half-saved"

    transitions.deliver(request.id, user("staff"), None,
                        Handover(amount="٨٠٠", received_by="محمد علي صالح", relation="self", witness="سعد"))
    delivery = db.session.scalar(db.select(AidDelivery))
    assert delivery.amount == Decimal("800.00") and delivery.received_by_name == "محمد علي صالح"
    assert delivery.witness_id == user("staff").id and delivery.funding_source_id == source.id


def test_in_kind_receipt_needs_the_name_the_beneficiary_signed(rakeen):
    request = granted("in_kind", "300", source=make_source(), description="جهاز طبي")
    with pytest.raises(Refused, match="وقّع|وقع|اسم"):
        transitions.deliver(request.id, user("staff"), None, Handover(amount="300"))


def test_cash_aid_accepted_without_a_grant_cannot_be_delivered(rakeen):
    first_service("cash")
    request = make_request("submitted")
    transitions.decide(request.id, user("committee"), "accepted")
    transitions.complete_registration(request.id, user("staff"))
    with pytest.raises(Refused, match="اللجنة"):
        transitions.deliver(request.id, user("staff"), "تحويل")
    assert db.session.get(ServiceRequest, request.id).status == "registered"


def test_a_grant_without_an_amount_or_source_refuses_the_whole_acceptance(rakeen):
    first_service("cash")
    request = make_request("submitted")
    with pytest.raises(Refused):
        transitions.decide(request.id, user("committee"), "accepted", grant=GrantTerms(instalments=3))
    with pytest.raises(Refused):
        transitions.decide(request.id, user("committee"), "accepted", grant=GrantTerms(amount=Decimal("500")))
    db.session.refresh(request)
    assert request.status == "submitted" and db.session.scalar(db.select(db.func.count(AidGrant.id))) == 0


def test_a_service_is_still_delivered_in_words_and_closes_the_request(rakeen):
    request = granted("service", None, description="موعد في المستشفى")
    transitions.deliver(request.id, user("staff"), "حجز موعد وإحالة إلى مقدم الخدمة")
    db.session.refresh(request)
    assert request.status == "closed" and request.delivery_notes == "حجز موعد وإحالة إلى مقدم الخدمة"


def test_the_grant_is_in_the_audit_log_and_the_acceptance_still_one_decision(rakeen):
    request = granted("cash", "500", 6, make_source(), register=False)
    grant = db.session.scalar(db.select(AuditEntry).filter_by(action="grant", entity_id=request.id))
    assert "6" in grant.note and "500.00" in grant.note and "مؤسسة الخير" in grant.note
    assert db.session.scalar(db.select(db.func.count()).select_from(FundingSource)) == 1
