"""Demo vouchers: the in-kind catalogue, and a family granted a food basket from it with its voucher issued.

Built through the real steps after `demo_aid.load_demo_aid` (the committee's
acceptance with catalogue items, the registration, the voucher), so the
`outlet` login can redeem it. Does nothing once the catalogue has items, or
without the demo's funding sources and an in-kind service.
"""
from __future__ import annotations

from decimal import Decimal

from models.applicant import Applicant
from models.base import db
from models.catalogue import CatalogueItem
from models.channel import Channel
from models.enums import AidKind, FileStatus, RequestStatus
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.service_type import ServiceType
from models.user import User
from sila.aid.grants import GrantTerms
from sila.aid.vouchers import issue
from sila.branches.scope import branch_ids
from sila.requests import transitions
from sila.settings.presets.demo_aid import DONOR

FOOD_BASKET = "سلة غذائية"
CATALOGUE = ((FOOD_BASKET, "سلة", "350"), ("حقيبة مدرسية", "حقيبة", "120"), ("بطانية شتوية", "قطعة", "80"))


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def load_demo_vouchers() -> int:
    """The catalogue and one food-basket voucher issued; how many vouchers (0 when already there)."""
    goods = db.session.scalar(
        db.select(ServiceType).where(ServiceType.aid_kind == AidKind.in_kind).order_by(ServiceType.position)
    )
    donor = db.session.scalar(db.select(FundingSource).where(FundingSource.name == DONOR))
    staff = _user("staff")
    if goods is None or donor is None or staff is None or db.session.scalar(db.select(CatalogueItem.id).limit(1)):
        return 0
    items = [CatalogueItem(name=name, unit=unit, unit_value=Decimal(value)) for name, unit, value in CATALOGUE]
    db.session.add_all(items)
    db.session.commit()
    branches = branch_ids(staff)
    family = db.session.scalar(
        db.select(Applicant)
        .where(Applicant.file_status == FileStatus.active, Applicant.branch_id.in_(sorted(branches or ())))
        .order_by(Applicant.id.desc()).limit(1)
    )
    if family is None:
        return 0
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    request = ServiceRequest(
        applicant=family, service_type=goods, channel=channel, status=RequestStatus.submitted,
        details="سلة غذائية من المتجر الشريك", received_by_id=staff.id, verified_by_id=staff.id,
        submitted_by_id=_user("staff2").id, needs_category="أ",
    )
    db.session.add(request)
    db.session.commit()
    terms = GrantTerms(funding_source_id=donor.id, items=((items[0].id, 1),))
    transitions.decide(request.id, _user("committee"), "accepted", grant=terms)
    transitions.complete_registration(request.id, staff)
    issue(request.id, staff)
    return 1
