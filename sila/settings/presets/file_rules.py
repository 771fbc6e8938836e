"""Default needs-scoring rules and categories, seeded once; admins tune them afterwards.

The bands follow a published Saudi aid policy (a monthly cap of SAR 750 per
person): the lower the income per person, the more points; large households,
members with a disability, renting and poor housing add to the need.
"""
from __future__ import annotations

from decimal import Decimal

from models.base import db
from models.enums import Housing, HousingCondition, ScoreFactor
from models.organization import Organization
from models.scoring import NeedCategory, ScoreRule
from sila.settings.presets.definitions import Preset

RULES: tuple[tuple[str, int | None, int | None, str | None, int], ...] = (
    (ScoreFactor.income_per_person, None, 300, None, 40),
    (ScoreFactor.income_per_person, 300, 500, None, 30),
    (ScoreFactor.income_per_person, 500, 750, None, 20),
    (ScoreFactor.household_size, 7, None, None, 20),
    (ScoreFactor.household_size, 4, 7, None, 10),
    (ScoreFactor.disabled_members, None, None, None, 10),
    (ScoreFactor.housing, None, None, Housing.rented, 10),
    (ScoreFactor.housing_condition, None, None, HousingCondition.poor, 10),
)
CATEGORIES = (
    ("أ", 60, "الأشد حاجة: دخل الفرد دون 300 ريال مع أسرة كبيرة أو إعاقة", "تقرير زيارة منزلية حديث"),
    ("ب", 35, "حاجة متوسطة", "تعريف بالدخل الشهري"),
    ("ج", 0, "حاجة أقل أو بيانات غير مكتملة", None),
)


def seed_file_rules(preset: Preset, organization: Organization) -> None:
    """Scoring rules only for presets that score; re-study period for all. Idempotent."""
    if organization.restudy_months is None:
        organization.restudy_months = preset.restudy_months
    if organization.income_cap_per_person is None and preset.income_cap_per_person is not None:
        organization.income_cap_per_person = preset.income_cap_per_person
    if not preset.scoring_enabled or db.session.scalar(db.select(db.func.count(ScoreRule.id))):
        return
    organization.scoring_enabled = True
    for position, (factor, low, high, code, points) in enumerate(RULES, start=1):
        db.session.add(ScoreRule(
            factor=factor, low=None if low is None else Decimal(low), high=None if high is None else Decimal(high),
            code=code, points=points, position=position,
        ))
    for name, minimum, conditions, documents in CATEGORIES:
        db.session.add(NeedCategory(name=name, min_score=minimum, conditions=conditions, required_documents=documents))
