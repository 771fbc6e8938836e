"""Charging a delivery to its funding source, which never goes below zero.

The charge is one conditional UPDATE (spent + amount only where it still fits
the budget): two staff charging the last riyals at once are ordered by the
database's row lock, and the second's condition no longer holds, so exactly
one succeeds and the other is told why in Arabic. The CHECK constraint on the
table stands behind it for any other writer.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.base import db
from models.enums import FundingKind
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.scoring import NeedCategory
from sila.core.errors import InvalidValue, Refused
from sila.core.money import riyals


def check_terms(source: FundingSource) -> None:
    """A budget below what is already spent would leave the source under zero; a period must run forwards."""
    if source.spent is not None and source.budget < source.spent:
        raise InvalidValue(_("The budget cannot be less than what is already spent (%(spent)s).",
                             spent=riyals(source.spent)))
    if source.starts_on and source.ends_on and source.ends_on < source.starts_on:
        raise InvalidValue(_("The period ends before it starts."))


def zakat_eligible(request: ServiceRequest) -> bool:
    """Whether the file's needs category, as scored on this request, is one the admin marked zakat-eligible."""
    if not request.needs_category:
        return False
    return db.session.scalar(
        db.select(NeedCategory.id).where(
            NeedCategory.name == request.needs_category,
            NeedCategory.zakat_eligible.is_(True),
            (NeedCategory.service_type_id == request.service_type_id) | NeedCategory.service_type_id.is_(None),
        ).limit(1)
    ) is not None


def check_usable(source: FundingSource | None, request: ServiceRequest, on: date) -> FundingSource:
    """The source may pay for this request on this day, or Refused saying why."""
    if source is None:
        raise Refused(_l("Choose the funding source this aid is charged to."))
    if not source.is_active:
        raise Refused(_("The funding source “%(name)s” is not active.", name=source.name))
    if (source.starts_on and on < source.starts_on) or (source.ends_on and on > source.ends_on):
        raise Refused(_("The funding source “%(name)s” is outside its period.", name=source.name))
    if source.kind == FundingKind.zakat and not zakat_eligible(request):
        raise Refused(_(
            "Zakat funds may only be charged to files of a zakat-eligible needs category; "
            "this request's category is “%(category)s”.",
            category=request.needs_category or _("not scored"),
        ))
    return source


def charge(source_id: int | None, amount: Decimal, request: ServiceRequest, on: date) -> FundingSource:
    """Take `amount` from the source inside the caller's unit of work, or Refused with nothing taken."""
    source = db.session.get(FundingSource, source_id) if source_id else None
    check_usable(source, request, on)
    taken = db.session.execute(
        db.update(FundingSource)
        .where(FundingSource.id == source.id, FundingSource.budget - FundingSource.spent >= amount)
        .values(spent=FundingSource.spent + amount)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        db.session.refresh(source)
        raise Refused(_(
            "The funding source “%(name)s” has only %(left)s left; %(amount)s cannot be charged to it.",
            name=source.name, left=riyals(source.remaining), amount=riyals(amount),
        ))
    db.session.refresh(source)
    return source
