"""Demo households, re-study dates, research teams and home visits on the demo applicants.

Every other applicant gets a household with members, income and housing; the
re-study dates spread from overdue to next year so the queue and the review
command have work; undecided requests are scored from these files.
"""
from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from models.applicant import Applicant
from models.base import db
from models.enums import Role, VisitStatus
from models.household import HouseholdMember, IncomeSource, Obligation
from models.user import User
from models.visit import HomeVisit, ResearchTeam, ResearchTeamMember
from sila.applicants.scoring import refresh_file
from sila.core.dates import today

SONS = ("عبدالله", "فيصل", "تركي", "سلطان", "نواف")
DAUGHTERS = ("ريم", "لمى", "جود", "سارة", "هيا")
INCOMES = ("salary", "social_security", "pension", "citizen_account")
FINDINGS = (
    ("شقة مستأجرة من غرفتين، تحتاج إلى صيانة", "دخل الأسرة من الضمان الاجتماعي فقط", "الأب يعاني من مرض مزمن",
     "سداد الإيجار وسلة غذائية شهرية", "نوصي بالدعم العاجل"),
    ("منزل شعبي ملك للأسرة بحالة مقبولة", "راتب تقاعدي محدود", "لا توجد حالات مرضية", "مستلزمات مدرسية للأبناء",
     "نوصي بالدعم ضمن الفئة ب"),
)


def load_demo_files(rng: random.Random | None = None) -> int:
    """Households on demo applicants; does nothing when households already exist."""
    if db.session.scalar(db.select(db.func.count(HouseholdMember.id))):
        return 0
    rng = rng or random.Random(1448)
    researcher = db.session.scalar(db.select(User).where(User.role == Role.researcher).limit(1))
    team = ResearchTeam(name="فريق البحث النسائي")
    db.session.add_all([team, ResearchTeam(name="فريق البحث الرجالي")])
    db.session.flush()
    if researcher is not None:
        db.session.add(ResearchTeamMember(team_id=team.id, user_id=researcher.id))
    applicants = db.session.scalars(db.select(Applicant).order_by(Applicant.id)).all()
    count = 0
    for index, applicant in enumerate(applicants):
        applicant.next_restudy_on = today() + timedelta(days=rng.randint(-90, 330))
        if index % 2:
            continue
        _household(rng, applicant)
        if index % 10 == 0:
            _visit(rng, applicant, team, researcher)
        count += 1
    db.session.flush()
    for applicant in applicants[::2]:
        db.session.refresh(applicant)
        refresh_file(applicant)
    db.session.commit()
    return count


def _household(rng: random.Random, applicant: Applicant) -> None:
    family = applicant.family_name
    db.session.add(HouseholdMember(
        applicant_id=applicant.id, relation="spouse", full_name=f"نورة محمد {family}",
        gender="female" if applicant.gender == "male" else "male", health="healthy", work_status="unemployed",
        marital_status="married", monthly_income=Decimal(0),
    ))
    for child in range(rng.randint(0, 5)):
        son = rng.random() < 0.5
        db.session.add(HouseholdMember(
            applicant_id=applicant.id, relation="son" if son else "daughter",
            full_name=f"{rng.choice(SONS if son else DAUGHTERS)} {applicant.first_name} {family}",
            gender="male" if son else "female", health="disabled" if rng.random() < 0.08 else "healthy",
            work_status="student" if child < 3 else "child", monthly_income=Decimal(0),
        ))
    db.session.add(IncomeSource(applicant_id=applicant.id, kind=rng.choice(INCOMES),
                                amount=Decimal(rng.choice((900, 1500, 2400, 3200, 4800, 7000)))))
    applicant.housing = rng.choice(("rented", "rented", "owned", "relatives"))
    applicant.housing_condition = rng.choice(("good", "fair", "poor"))
    if applicant.housing == "rented":
        rent = Decimal(rng.choice((12000, 18000, 24000)))
        applicant.housing_rent = rent
        db.session.add(Obligation(applicant_id=applicant.id, kind="rent", amount=(rent / 12).quantize(Decimal(1))))


def _visit(rng: random.Random, applicant: Applicant, team: ResearchTeam, researcher: User | None) -> None:
    housing, income, health, needs, recommendation = rng.choice(FINDINGS)
    visited = today() - timedelta(days=rng.randint(5, 120))
    db.session.add(HomeVisit(
        applicant_id=applicant.id, team_id=team.id, researcher_id=researcher.id if researcher else None,
        status=VisitStatus.done, scheduled_on=visited - timedelta(days=3), visited_on=visited,
        attendees="الباحثة الاجتماعية وربة الأسرة", housing_findings=housing, income_findings=income,
        health_findings=health, needs_findings=needs, recommendation=recommendation,
    ))
