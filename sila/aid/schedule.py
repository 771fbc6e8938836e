"""The instalment schedule of cash aid, and its stop when the file is held.

A cash grant of N instalments is due monthly from the day it was granted
(one-off aid is one instalment). When the file becomes suspended, closed or
blocked its instalments not yet delivered stop, with the reason, and stay
stopped if the file is reopened: resuming aid is a new decision.
"""
from __future__ import annotations

import calendar
from datetime import date

from models.aid_grant import AidGrant, Instalment
from models.base import db
from models.enums import InstalmentStatus
from models.request import ServiceRequest


def month_after(day: date, months: int) -> date:
    """The same day `months` later, the month's last day where it is shorter (31 Jan → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def create_schedule(grant: AidGrant, first_due: date) -> list[Instalment]:
    instalments = [
        Instalment(grant_id=grant.id, number=number + 1, due_on=month_after(first_due, number), amount=grant.amount)
        for number in range(grant.instalments)
    ]
    db.session.add_all(instalments)
    return instalments


def stop_future(applicant_id: int, reason: str) -> int:
    """Stop every instalment of this file not yet delivered, in the caller's unit of work; how many."""
    grants = db.select(AidGrant.id).join(ServiceRequest, ServiceRequest.id == AidGrant.request_id).where(
        ServiceRequest.applicant_id == applicant_id
    )
    stopped = db.session.execute(
        db.update(Instalment)
        .where(Instalment.grant_id.in_(grants), Instalment.status == InstalmentStatus.due)
        .values(status=InstalmentStatus.stopped, stopped_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return stopped.rowcount or 0


def next_due(grant: AidGrant) -> Instalment | None:
    return db.session.scalar(
        db.select(Instalment).where(Instalment.grant_id == grant.id, Instalment.status == InstalmentStatus.due)
        .order_by(Instalment.number).limit(1)
    )
