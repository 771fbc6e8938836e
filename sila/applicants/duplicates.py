"""People and requests that may already be on file.

A national ID is unique and refused outright; the rest are only warnings:
relatives share mobiles, common names repeat, and a second request for the
same service within the association's window may be legitimate.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_

from models.applicant import Applicant
from models.base import db
from models.enums import RequestStatus
from models.request import ServiceRequest
from sila.core.arabic import normalize

LIMIT = 5
FINISHED = (RequestStatus.closed, RequestStatus.rejected, RequestStatus.withdrawn, RequestStatus.cancelled)


def possible_duplicates(applicant: Applicant) -> list[Applicant]:
    name = normalize(applicant.full_name)
    return list(db.session.scalars(
        db.select(Applicant)
        .where(Applicant.id != applicant.id)
        .where(or_(Applicant.mobile == applicant.mobile, Applicant.name_search == name))
        .order_by(Applicant.id)
        .limit(LIMIT)
    ))


def repeated_requests(request: ServiceRequest, window_days: int) -> list[ServiceRequest]:
    """Other open requests of the same person for the same service, received within the window."""
    since = request.created_at - timedelta(days=window_days) if request.created_at else None
    query = (
        db.select(ServiceRequest)
        .where(
            ServiceRequest.applicant_id == request.applicant_id,
            ServiceRequest.service_type_id == request.service_type_id,
            ServiceRequest.id != request.id,
            ServiceRequest.status.not_in(FINISHED),
        )
        .order_by(ServiceRequest.id)
        .limit(LIMIT)
    )
    if since is not None:
        query = query.where(ServiceRequest.created_at >= since)
    return list(db.session.scalars(query))
