"""Requests with aid: a service type of a kind, a funding source, a request accepted with a grant."""
from __future__ import annotations

from decimal import Decimal

from models import FundingSource, ServiceRequest, ServiceType
from models.base import db
from sila.aid.deliveries import Handover
from sila.aid.grants import GrantTerms
from sila.requests import transitions
from tests.factories import make_request
from tests.requests.test_workflow import user

# What staff type when handing aid over in person: the applicant signed, a colleague witnessed.
SIGNED = {"received_by": "محمد", "relation": "self", "witness": "سعد الشاهد"}
IN_HAND = Handover(**SIGNED)


def first_service(kind: str) -> ServiceType:
    """The service make_request uses, declared of this aid kind."""
    service = db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))
    service.aid_kind = kind
    db.session.commit()
    return service


def make_source(budget: str = "10000", kind: str = "donor", name: str = "متبرع: مؤسسة الخير") -> FundingSource:
    source = FundingSource(name=name, kind=kind, budget=Decimal(budget))
    db.session.add(source)
    db.session.commit()
    return source


def granted(kind: str, amount: str | None, instalments: int = 1, source: FundingSource | None = None,
            description: str | None = None, register: bool = True, **request_fields: object) -> ServiceRequest:
    """A request accepted by the committee with this grant and, unless told otherwise, registered."""
    first_service(kind)
    request = make_request("submitted", **request_fields)
    terms = GrantTerms(
        amount=Decimal(amount) if amount else None, instalments=instalments, description=description,
        funding_source_id=source.id if source else None,
    )
    transitions.decide(request.id, user("committee"), "accepted", grant=terms)
    if register:
        transitions.complete_registration(request.id, user("staff"))
    db.session.refresh(request)
    return request
