"""The needs score and category of a file, from the rules admins configured.

One function computes them with the breakdown of which rule gave how many
points; requests keep what was computed for them. Scores are refreshed only
when the file changes or is re-studied, and only on requests not yet decided,
so a change to the rules never silently rewrites a decision's basis. The score
informs the committee; it never decides.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _

from models.applicant import Applicant
from models.base import db
from models.enums import BEFORE_DECISION, Housing, HousingCondition, ScoreFactor, label
from models.organization import Organization
from models.request import ServiceRequest
from models.scoring import NeedCategory, ScoreRule
from sila.applicants.household import Figures, figures

# The factors whose rules match a stored code rather than a range: the breakdown names the code by its label.
CODED_FACTORS = {ScoreFactor.housing: Housing, ScoreFactor.housing_condition: HousingCondition}


@dataclass(frozen=True)
class Score:
    points: int
    category: str | None
    breakdown: list[tuple[str, int]]


def _in_range(value: Decimal | int, rule: ScoreRule) -> bool:
    return (rule.low is None or value >= rule.low) and (rule.high is None or value < rule.high)


def _rule_points(rule: ScoreRule, applicant: Applicant, found: Figures) -> int:
    factor = rule.factor
    if factor == ScoreFactor.income_per_person:
        return rule.points if _in_range(found.income_per_person, rule) else 0
    if factor == ScoreFactor.household_size:
        return rule.points if _in_range(found.size, rule) else 0
    if factor == ScoreFactor.disabled_members:
        return rule.points * found.disabled
    if factor == ScoreFactor.housing:
        return rule.points if applicant.housing and applicant.housing == rule.code else 0
    if factor == ScoreFactor.housing_condition:
        return rule.points if applicant.housing_condition and applicant.housing_condition == rule.code else 0
    return 0


def _rule_title(rule: ScoreRule) -> str:
    title = label(ScoreFactor, rule.factor)
    if rule.code and rule.factor in CODED_FACTORS:
        return f"{title}: {label(CODED_FACTORS[rule.factor], rule.code)}"
    if rule.low is not None or rule.high is not None:
        low = "" if rule.low is None else f"{rule.low:g}"
        high = "" if rule.high is None else f"{rule.high:g}"
        return f"{title} [{low} – {high})"
    return title


def compute(applicant: Applicant, service_type_id: int) -> Score:
    found = figures(applicant)
    rules = db.session.scalars(
        db.select(ScoreRule)
        .where(ScoreRule.is_active.is_(True))
        .where((ScoreRule.service_type_id == service_type_id) | ScoreRule.service_type_id.is_(None))
        .order_by(ScoreRule.position, ScoreRule.id)
    ).all()
    breakdown = []
    for rule in rules:
        points = _rule_points(rule, applicant, found)
        if points:
            breakdown.append((_rule_title(rule), points))
    total = sum(points for _title, points in breakdown)
    category = db.session.scalar(
        db.select(NeedCategory.name)
        .where((NeedCategory.service_type_id == service_type_id) | NeedCategory.service_type_id.is_(None))
        .where(NeedCategory.min_score <= total)
        .order_by(NeedCategory.min_score.desc())
        .limit(1)
    )
    return Score(total, category, breakdown)


def eligibility_warning(applicant: Applicant, organization: Organization | None) -> str | None:
    """The published caps a file breaks, for staff at verification and for the committee."""
    if organization is None or organization.income_cap_per_person is None:
        return None
    per_person = figures(applicant).income_per_person
    if per_person > organization.income_cap_per_person:
        return _(
            "Income per person (%(value)s riyals) is above the cap of %(cap)s riyals.",
            value=f"{per_person:,.2f}", cap=f"{organization.income_cap_per_person:,.2f}",
        )
    return None


def refresh(request: ServiceRequest) -> None:
    """Store the current score and warning on a request that is not yet decided."""
    if request.status not in BEFORE_DECISION:
        return
    organization = db.session.scalar(db.select(Organization).limit(1))
    with force_locale("ar"):
        request.eligibility_warning = eligibility_warning(request.applicant, organization)
        if organization is None or not organization.scoring_enabled:
            return
        score = compute(request.applicant, request.service_type_id)
    request.needs_score = score.points
    request.needs_category = score.category
    request.score_breakdown = json.dumps(score.breakdown, ensure_ascii=False)


def refresh_file(applicant: Applicant) -> None:
    """After a change to the file: every undecided request of it follows."""
    for request in db.session.scalars(
        db.select(ServiceRequest).where(
            ServiceRequest.applicant_id == applicant.id, ServiceRequest.status.in_(BEFORE_DECISION)
        )
    ):
        refresh(request)
