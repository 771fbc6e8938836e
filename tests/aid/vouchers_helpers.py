"""A request granted catalogue items (a food basket by default), accepted and registered, ready for a voucher."""
from __future__ import annotations

from decimal import Decimal

from models import CatalogueItem, FundingSource, ServiceRequest
from models.base import db
from sila.aid.grants import GrantTerms
from sila.requests import transitions
from tests.aid.helpers import first_service, make_source
from tests.factories import make_request
from tests.requests.test_workflow import user


def catalogue_item(name: str = "سلة غذائية", unit: str = "سلة", value: str = "350") -> CatalogueItem:
    item = db.session.scalar(db.select(CatalogueItem).filter_by(name=name))
    if item is None:
        item = CatalogueItem(name=name, unit=unit, unit_value=Decimal(value))
        db.session.add(item)
        db.session.commit()
    return item


def granted_items(*lines: tuple[CatalogueItem, int], source: FundingSource | None = None,
                  register: bool = True) -> ServiceRequest:
    first_service("in_kind")
    source = source or db.session.scalar(db.select(FundingSource).limit(1)) or make_source()
    lines = lines or ((catalogue_item(), 1),)
    request = make_request("submitted")
    terms = GrantTerms(funding_source_id=source.id, items=tuple((item.id, quantity) for item, quantity in lines))
    transitions.decide(request.id, user("committee"), "accepted", grant=terms)
    if register:
        transitions.complete_registration(request.id, user("staff"))
    db.session.refresh(request)
    return request
