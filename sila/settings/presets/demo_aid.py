"""Demo aid: funding sources, a demo family granted six monthly instalments of SAR 500 and a food basket.

Built through the real steps (the committee's acceptance with its grant, the
registration) after `presets.demo.load_demo_requests`, so the month's batch
can be prepared, approved by a second manager and paid from the demo logins.
Does nothing once a funding source exists, without demo files, or for a preset without cash aid.
"""
from __future__ import annotations

from decimal import Decimal

from models.applicant import Applicant
from models.base import db
from models.channel import Channel
from models.enums import AidKind, FileStatus, FundingKind, RequestStatus
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.scoring import NeedCategory
from models.service_type import ServiceType
from models.user import User
from sila.aid.grants import GrantTerms
from sila.requests import transitions

DONOR = "متبرع: مؤسسة الخير الوقفية"
# A valid Saudi IBAN (its check digits hold) for the demo family's transfers.
DEMO_IBAN = "SA0380000000608010167519"


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _service(kind: str) -> ServiceType | None:
    return db.session.scalar(db.select(ServiceType).where(ServiceType.aid_kind == kind).order_by(ServiceType.position))


def load_demo_aid() -> int:
    """The demo's funding sources and two accepted, registered requests ready to deliver; how many requests."""
    cash, goods = _service(AidKind.cash), _service(AidKind.in_kind)
    family = db.session.scalar(
        db.select(Applicant).where(Applicant.file_status == FileStatus.active).order_by(Applicant.id).limit(1)
    )
    if cash is None or goods is None or family is None or db.session.scalar(db.select(FundingSource.id).limit(1)):
        return 0
    donor = FundingSource(name=DONOR, kind=FundingKind.donor, budget=Decimal("60000"))
    db.session.add_all([
        donor,
        FundingSource(name="صندوق الزكاة", kind=FundingKind.zakat, budget=Decimal("40000")),
        FundingSource(name="الصدقة العامة", kind=FundingKind.sadaqa, budget=Decimal("15000")),
    ])
    neediest = db.session.scalar(db.select(NeedCategory).where(NeedCategory.name == "أ"))
    if neediest is not None:
        neediest.zakat_eligible = True
    family.iban = DEMO_IBAN
    db.session.commit()
    grants = (
        (cash, GrantTerms(Decimal("500"), 6, "إعانة شهرية للأسرة لستة أشهر", donor.id)),
        (goods, GrantTerms(Decimal("350"), 1, "سلة غذائية شهرية", donor.id)),
    )
    staff, staff2, member = _user("staff"), _user("staff2"), _user("committee")
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    for service, terms in grants:
        request = ServiceRequest(
            applicant=family, service_type=service, channel=channel, status=RequestStatus.submitted,
            details=terms.description, received_by_id=staff.id, verified_by_id=staff.id, submitted_by_id=staff2.id,
            needs_category="أ",
        )
        db.session.add(request)
        db.session.commit()
        transitions.decide(request.id, member, "accepted", grant=terms)
        transitions.complete_registration(request.id, staff)
    return len(grants)
