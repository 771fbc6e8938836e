"""The aid dashboard's figures: what was spent against each funding source's budget, and by needs category,
branch and Hijri month.

Every figure is one aggregate query over the deliveries (each charge writes
one), read through their request so a branch-assigned user sums only his
branches; budgets and what is left are the association's own figures. Months
are Umm al-Qura: the database sums each local day (a few hundred rows a year)
and the days are folded into Hijri months here, since no database knows that
calendar.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from models.aid_delivery import AidDelivery
from models.base import db
from models.branch import Branch
from models.enums import Role
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.user import User
from sila.branches.scope import at_branches, branch_ids
from sila.core.dates import business_zone, to_hijri

ZERO = Decimal("0")


@dataclass(frozen=True)
class SourceFigure:
    name: str
    kind: str
    budget: Decimal
    spent: Decimal
    remaining: Decimal
    deliveries: int

    @property
    def used_percent(self) -> int:
        return int(self.spent * 100 / self.budget) if self.budget else 0


@dataclass(frozen=True)
class Figure:
    """One line of a breakdown: what it is, riyals spent, deliveries, families reached."""

    name: str
    spent: Decimal
    deliveries: int
    families: int | None


def scope_of(user: User) -> frozenset[int] | None:
    """The branches summed: his own for a branch-assigned user; every branch for the association-wide and for
    administrators, who read these sums (no person in them) as they read the audit log."""
    return None if user.role == Role.admin else branch_ids(user)


def _delivered(scope: frozenset[int] | None, *columns: Any) -> Any:
    query = (
        db.select(*columns, db.func.coalesce(db.func.sum(AidDelivery.amount), 0), db.func.count(AidDelivery.id))
        .join(ServiceRequest, ServiceRequest.id == AidDelivery.request_id)
        .where(AidDelivery.amount.is_not(None))
    )
    return query if scope is None else query.where(at_branches(ServiceRequest.branch_id, scope))


def _families() -> Any:
    return db.func.count(db.distinct(ServiceRequest.applicant_id))


def by_source(scope: frozenset[int] | None) -> list[SourceFigure]:
    spent = {
        source_id: (Decimal(total), count)
        for source_id, total, count in db.session.execute(
            _delivered(scope, AidDelivery.funding_source_id).group_by(AidDelivery.funding_source_id)
        )
    }
    sources = db.session.scalars(db.select(FundingSource).order_by(FundingSource.is_active.desc(), FundingSource.name))
    return [
        SourceFigure(source.name, source.kind, source.budget, *_spent_and_left(source, spent.get(source.id), scope))
        for source in sources
    ]


def _spent_and_left(source: FundingSource, row: tuple[Decimal, int] | None,
                    scope: frozenset[int] | None) -> tuple[Decimal, Decimal, int]:
    total, count = row or (ZERO, 0)
    # The association-wide figure is the source's own counter, the one every charge moves.
    spent = source.spent if scope is None else total
    return spent, source.remaining, count


def _breakdown(scope: frozenset[int] | None, key: Any) -> list[tuple[Any, Decimal, int, int]]:
    rows = db.session.execute(
        _delivered(scope, key).add_columns(_families()).group_by(key).order_by(db.func.sum(AidDelivery.amount).desc())
    )
    return [(name, Decimal(total), count, families) for name, total, count, families in rows]


def by_category(scope: frozenset[int] | None) -> list[Figure]:
    return [Figure(name or _("not scored"), total, count, families)
            for name, total, count, families in _breakdown(scope, ServiceRequest.needs_category)]


def has_branches() -> bool:
    """The branch breakdown is shown only where the association has more than its main office."""
    return (db.session.scalar(db.select(db.func.count(Branch.id)).where(Branch.is_active.is_(True))) or 0) > 1


def by_branch(scope: frozenset[int] | None) -> list[Figure]:
    names = dict(db.session.execute(db.select(Branch.id, Branch.name)).all())
    return [Figure(names.get(branch_id, ""), total, count, families)
            for branch_id, total, count, families in _breakdown(scope, ServiceRequest.branch_id)]


def _local_day() -> Any:
    """The delivery's calendar day in the association's time zone, as the database computes it."""
    if db.session.get_bind().dialect.name == "postgresql":
        return db.func.date(db.func.timezone(str(business_zone()), AidDelivery.delivered_at))
    offset = datetime.now(business_zone()).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return db.func.date(AidDelivery.delivered_at, f"{minutes:+d} minutes")


def by_hijri_month(scope: frozenset[int] | None, language: str = "ar") -> list[Figure]:
    """Newest month first. Families are not counted per month: that would need a row per family and day."""
    day = _local_day()
    months: dict[tuple[int, int], list] = {}
    names: dict[tuple[int, int], str] = {}
    for raw_day, total, count in db.session.execute(_delivered(scope, day).group_by(day)):
        hijri = to_hijri(raw_day if isinstance(raw_day, date) else date.fromisoformat(str(raw_day)))
        if hijri is None:
            continue
        key = (hijri.year, hijri.month)
        names[key] = f"{hijri.month_name('ar' if language == 'ar' else 'en')} {hijri.year}"
        month = months.setdefault(key, [ZERO, 0])
        month[0] += Decimal(total)
        month[1] += count
    return [Figure(names[key], spent, count, None) for key, (spent, count) in sorted(months.items(), reverse=True)]
