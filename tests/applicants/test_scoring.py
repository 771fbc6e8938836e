"""Needs score and category from the configured rules, with the breakdown; never rewriting decided requests."""
from __future__ import annotations

import json
from decimal import Decimal

from models import HouseholdMember, IncomeSource, ScoreRule
from models.base import db
from sila.applicants.scoring import refresh_file
from tests.conftest import login
from tests.factories import make_request
from tests.requests.test_workflow import walk_to


def _household(applicant, income: int, disabled: int = 0, size: int = 3) -> None:  # type: ignore[no-untyped-def]
    for index in range(size - 1):
        db.session.add(HouseholdMember(
            applicant_id=applicant.id, relation="son", full_name=f"ابن {index}", gender="male",
            health="disabled" if index < disabled else "healthy", monthly_income=0,
        ))
    db.session.add(IncomeSource(applicant_id=applicant.id, kind="salary", amount=income))
    applicant.housing, applicant.housing_condition = "rented", "poor"
    db.session.commit()
    db.session.refresh(applicant)


def test_score_category_and_breakdown_follow_the_rules(rakeen):
    request = make_request()
    _household(request.applicant, income=800, disabled=1, size=4)
    request = walk_to_verified(request)
    # 800 / 4 = 200 per person → 40; size 4 → 10; one disabled → 10; rented → 10; poor → 10
    assert request.needs_score == 80 and request.needs_category == "أ"
    assert sum(points for _title, points in json.loads(request.score_breakdown)) == 80
    assert request.eligibility_warning is None


def walk_to_verified(request):  # type: ignore[no-untyped-def]
    from sila.requests import transitions
    from tests.requests.test_workflow import tick_all, user

    tick_all(request, user("staff"))
    transitions.verify(request.id, user("staff"))
    db.session.refresh(request)
    return request


def test_income_above_the_cap_warns_staff_and_the_committee(rakeen, app):
    request = make_request()
    _household(request.applicant, income=9000, size=2)
    request = walk_to_verified(request)
    assert "4,500.00" in request.eligibility_warning and "750.00" in request.eligibility_warning
    from sila.requests import transitions
    from tests.requests.test_workflow import user

    transitions.attest(request.id, user("staff"), request.applicant.full_name, "on_screen")
    transitions.submit(request.id, user("staff"))
    page = login(app.test_client(), "committee").get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert 'data-warning="eligibility"' in page and "4,500.00" in page


def test_rule_changes_never_rewrite_decided_requests(rakeen):
    decided = walk_to("accepted")
    scored_at_decision = decided.needs_score
    _household(decided.applicant, income=600, size=3)
    refresh_file(decided.applicant)
    db.session.commit()
    assert db.session.get(type(decided), decided.id).needs_score == scored_at_decision
    open_request = make_request()
    _household(open_request.applicant, income=600, size=3)
    open_request = walk_to_verified(open_request)
    before = open_request.needs_score
    rule = db.session.scalar(db.select(ScoreRule).where(ScoreRule.factor == "housing"))
    rule.points = 50
    db.session.commit()
    assert db.session.get(type(open_request), open_request.id).needs_score == before
    db.session.add(IncomeSource(applicant_id=open_request.applicant_id, kind="pension", amount=Decimal(0)))
    db.session.commit()
    refresh_file(open_request.applicant)
    db.session.commit()
    assert db.session.get(type(open_request), open_request.id).needs_score == before + 40


def test_the_health_cooperative_does_not_score(health_coop):
    request = make_request()
    _household(request.applicant, income=100, size=3)
    request = walk_to_verified(request)
    assert request.needs_score is None
