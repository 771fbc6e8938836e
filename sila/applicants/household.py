"""Figures a file is judged by, always computed from its rows, never typed.

The applicant is one person of the household; members are the others living
with him. Total income adds the members' own earnings and the household's
income sources (salary, social security, citizen's account, ...).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from models.applicant import Applicant
from models.base import db
from models.enums import VisitStatus
from models.household import HouseholdMember
from models.visit import HomeVisit

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Figures:
    size: int
    total_income: Decimal
    obligations: Decimal
    income_per_person: Decimal
    disabled: int


def figures(applicant: Applicant) -> Figures:
    size = 1 + len(applicant.members)
    total = sum((member.monthly_income or Decimal(0) for member in applicant.members), Decimal(0))
    total += sum((source.amount or Decimal(0) for source in applicant.incomes), Decimal(0))
    obligations = sum((item.amount or Decimal(0) for item in applicant.obligations), Decimal(0))
    return Figures(
        size=size,
        total_income=total.quantize(CENT),
        obligations=obligations.quantize(CENT),
        income_per_person=(total / size).quantize(CENT, ROUND_HALF_UP),
        disabled=sum(1 for member in applicant.members if member.health == "disabled"),
    )


@dataclass(frozen=True)
class SharedMember:
    member: HouseholdMember
    other: Applicant


def shared_members(applicant: Applicant) -> list[SharedMember]:
    """Members whose ID also appears in another file, as a member or as an applicant: staff resolve these."""
    ids = {member.national_id: member for member in applicant.members if member.national_id}
    if not ids:
        return []
    found = [
        SharedMember(ids[national_id], other)
        for national_id, other in db.session.execute(
            db.select(HouseholdMember.national_id, Applicant)
            .join(Applicant, Applicant.id == HouseholdMember.applicant_id)
            .where(HouseholdMember.national_id.in_(ids), HouseholdMember.applicant_id != applicant.id)
        )
    ]
    found += [
        SharedMember(ids[other.national_id], other)
        for other in db.session.scalars(
            db.select(Applicant).where(Applicant.national_id.in_(ids), Applicant.id != applicant.id)
        )
    ]
    return found


def latest_visit(applicant_id: int) -> HomeVisit | None:
    """The visit report the committee reads beside the request."""
    return db.session.scalar(
        db.select(HomeVisit)
        .where(HomeVisit.applicant_id == applicant_id, HomeVisit.status == VisitStatus.done)
        .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc())
        .limit(1)
    )
