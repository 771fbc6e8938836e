"""A request accepted at a committee meeting carries its grant exactly as one decided by a single member."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models import AidGrant, AuditEntry, Instalment, ServiceRequest
from models.base import db
from models.committee import AgendaItem
from sila.aid.grants import GrantTerms
from sila.committee import meetings
from sila.core.errors import Refused
from sila.requests import transitions
from tests.aid.helpers import IN_HAND, first_service, make_source
from tests.committee.test_committee import _held, _submitted, _user
from tests.conftest import login, post_form


def _accepted_at_a_meeting() -> tuple[ServiceRequest, AgendaItem]:
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "approve")
    meetings.cast_vote(item.id, second, "approve")
    return request, item


def test_a_meetings_acceptance_records_the_grant_and_its_schedule_and_aid_is_delivered(rakeen):
    first_service("cash")
    source = make_source("5000")
    request, item = _accepted_at_a_meeting()

    meetings.tally(item.id, _user("staff"), grant=GrantTerms(Decimal("400"), 3, "إعانة شهرية", source.id))

    grant = db.session.scalar(db.select(AidGrant).where(AidGrant.request_id == request.id))
    assert (grant.amount, grant.instalments, grant.funding_source_id) == (Decimal("400.00"), 3, source.id)
    assert grant.granted_by_id == _user("committee").id, "granted in the name of the member who decided"
    assert db.session.scalar(db.select(db.func.count(Instalment.id)).where(Instalment.grant_id == grant.id)) == 3
    entry = db.session.scalar(db.select(AuditEntry).where(
        AuditEntry.entity_id == request.id, AuditEntry.entity_type == "request", AuditEntry.action == "grant"))
    assert entry.actor_id == _user("staff").id, "the audit names who pressed count, as the decision's entry does"
    transitions.complete_registration(request.id, _user("staff"))
    transitions.deliver(request.id, _user("staff"), None, IN_HAND)
    db.session.refresh(source)
    assert source.spent == Decimal("400.00")


def test_a_bad_grant_at_the_count_refuses_the_whole_decision(rakeen):
    first_service("cash")
    request, item = _accepted_at_a_meeting()
    with pytest.raises(Refused):
        meetings.tally(item.id, _user("staff"), grant=GrantTerms(Decimal("400"), 3, None, None))
    assert db.session.get(ServiceRequest, request.id).status == "submitted"
    assert db.session.scalar(db.select(db.func.count(AidGrant.id))) == 0


def test_the_count_form_on_the_meeting_page_carries_the_grant(rakeen, client):
    first_service("in_kind")
    source = make_source("2000")
    request, item = _accepted_at_a_meeting()
    login(client, "staff")
    page = f"/admin/meetings/details/?id={item.meeting_id}"
    shown = client.get(page).get_data(as_text=True)
    assert f'id="grant-fields-{item.id}"' in shown and "مؤسسة الخير" in shown
    post_form(client, f"/admin/meetings/item/{item.id}/tally", {
        "grant_amount": "٣٠٠", "grant_source": str(source.id), "grant_description": "سلة غذائية",
    }, token_from=page)
    grant = db.session.scalar(db.select(AidGrant).where(AidGrant.request_id == request.id))
    assert grant is not None and grant.amount == Decimal("300.00") and grant.description == "سلة غذائية"
    assert db.session.get(ServiceRequest, request.id).status == "accepted"
