"""What a request's page shows about its aid: the grant, the schedule, the deliveries and what is left."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.aid_delivery import AidDelivery
from models.aid_grant import AidGrant, Instalment
from models.base import db
from models.enums import AidKind, ReceiverRelation, choices
from models.funding_source import FundingSource
from models.request import ServiceRequest
from sila.aid.deliveries import delivered_total, deliveries_of
from sila.aid.grants import describe, grant_of
from sila.aid.schedule import next_due


@dataclass(frozen=True)
class AidPanel:
    kind: str
    grant: AidGrant | None
    granted: str
    schedule: list[Instalment]
    deliveries: list[AidDelivery]
    next_instalment: Instalment | None
    left: Decimal | None
    receiver_relations: list[tuple[str, object]]


def aid_panel(request: ServiceRequest) -> AidPanel:
    grant = grant_of(request.id)
    left = grant.total - delivered_total(request.id) if grant and grant.amount is not None else None
    return AidPanel(
        kind=request.service_type.aid_kind,
        grant=grant,
        granted=describe(grant) if grant else "",
        schedule=list(grant.schedule) if grant else [],
        deliveries=deliveries_of(request.id),
        next_instalment=next_due(grant) if grant and grant.kind == AidKind.cash else None,
        left=left,
        receiver_relations=choices(ReceiverRelation),
    )


def aid_received(applicant_id: int) -> list[AidDelivery]:
    """Everything handed over or transferred on the file's requests, newest first, each with its receipt."""
    return list(db.session.scalars(
        db.select(AidDelivery).join(ServiceRequest, ServiceRequest.id == AidDelivery.request_id)
        .where(ServiceRequest.applicant_id == applicant_id)
        .order_by(AidDelivery.delivered_at.desc(), AidDelivery.id.desc())
    ))


def usable_sources() -> list[FundingSource]:
    """The active sources the decision form offers; the grant step checks each against the request."""
    return list(db.session.scalars(
        db.select(FundingSource).where(FundingSource.is_active.is_(True)).order_by(FundingSource.name)
    ))
