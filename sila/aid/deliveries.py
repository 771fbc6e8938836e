"""Handing over what was granted: one delivery, charged to its source, never beyond the grant.

Called by `transitions.deliver` inside its unit of work on the locked
request. Cash is delivered one instalment at a time (the next one due, at
its scheduled amount); in-kind aid once, up to the value granted; a service
is described in words as before. The beneficiary's acknowledgement
(sila/aid/receipts.py) is checked before anything is charged and kept on
the delivery; a batch's bank transfer needs none.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from models.aid_delivery import AidDelivery
from models.aid_grant import AidGrant, Instalment
from models.base import db
from models.enums import AidKind, InstalmentStatus, VoucherStatus
from models.request import ServiceRequest
from models.user import User
from models.voucher import Voucher
from sila.aid import catalogue
from sila.aid.funding import charge
from sila.aid.grants import grant_of
from sila.aid.receipts import CheckedReceipt, Receipt, check_receipt, keep_receipt
from sila.aid.schedule import next_due
from sila.applicants.file_status import held_reason
from sila.core.dates import today
from sila.core.errors import InvalidValue, Refused
from sila.core.money import parse_riyals, riyals

MAX_TEXT = 4000


@dataclass(frozen=True)
class Handover:
    """What the staff member typed on the delivery form."""

    what: str | None = None
    amount: str | None = None
    received_by: str | None = None
    relation: str | None = None
    witness: str | None = None
    scan: FileStorage | None = None
    # A batch pays the very instalment it holds, not whichever is due next, by bank transfer: no signature.
    instalment_id: int | None = None
    by_bank_transfer: bool = False
    # Catalogue items handed over: {grant item id: quantity}; None delivers every item still due.
    items: dict[int, int] | None = None

    def receipt(self, request: ServiceRequest) -> CheckedReceipt:
        if self.by_bank_transfer:
            return CheckedReceipt(None, None, None)
        return check_receipt(request, Receipt(self.received_by, self.relation, self.witness))


def delivered_total(request_id: int) -> Decimal:
    total = db.session.scalar(
        db.select(db.func.sum(AidDelivery.amount)).where(AidDelivery.request_id == request_id)
    )
    return Decimal(total or 0)


def _text(value: str | None, limit: int = MAX_TEXT) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return text or None


def hand_over(request: ServiceRequest, actor: User, handover: Handover) -> tuple[AidDelivery, bool]:
    """Record one delivery in the caller's unit of work; whether nothing granted is left to deliver."""
    kind = request.service_type.aid_kind
    what = _text(handover.what)
    if kind == AidKind.service:
        if not what:
            raise Refused(_l("Describe what was delivered."))
        receipt = handover.receipt(request)
        delivery = AidDelivery(request_id=request.id, description=what)
        return _kept(delivery, actor, receipt, handover.scan), True
    grant = grant_of(request.id)
    if grant is None:
        raise Refused(_l("The committee did not record what was granted, so nothing can be delivered."))
    held = held_reason(request.applicant, today())
    if held:
        raise Refused(held)
    if kind == AidKind.cash:
        return _instalment(request, actor, grant, what, handover)
    return _goods(request, actor, grant, what, handover)


def _instalment(
    request: ServiceRequest, actor: User, grant: AidGrant, what: str | None, handover: Handover,
) -> tuple[AidDelivery, bool]:
    instalment = db.session.get(Instalment, handover.instalment_id) if handover.instalment_id else next_due(grant)
    if instalment is None or instalment.grant_id != grant.id or instalment.status != InstalmentStatus.due:
        raise Refused(_l("Every instalment granted was already delivered or stopped."))
    receipt = handover.receipt(request)
    charge(grant.funding_source_id, instalment.amount, request, today())
    instalment.status = InstalmentStatus.delivered
    delivery = AidDelivery(
        request_id=request.id, instalment_id=instalment.id, amount=instalment.amount,
        description=what or _("Instalment %(number)s of %(count)s", number=instalment.number, count=grant.instalments),
        funding_source_id=grant.funding_source_id,
    )
    _kept(delivery, actor, receipt, handover.scan)
    return delivery, next_due(grant) is None


def _goods(
    request: ServiceRequest, actor: User, grant: AidGrant, what: str | None, handover: Handover,
) -> tuple[AidDelivery, bool]:
    receipt = handover.receipt(request)
    if db.session.scalar(db.select(Voucher.id).where(
        Voucher.request_id == request.id, Voucher.status == VoucherStatus.issued,
    ).limit(1)) is not None:
        raise Refused(_l("A voucher for this aid is outstanding: cancel it before delivering by hand."))
    grant_items = catalogue.items_of(grant.id)
    if grant_items:
        amount, taken = catalogue.take(grant_items, handover.items)
        what = what or taken
    else:
        try:
            amount = parse_riyals(handover.amount) or grant.amount
        except InvalidValue as exc:
            raise Refused(exc.message) from exc
    left = grant.total - delivered_total(request.id)
    if amount > left:
        raise Refused(_(
            "Only %(left)s of what was granted is left to deliver; %(amount)s is more than the committee granted.",
            left=riyals(left), amount=riyals(amount),
        ))
    charge(grant.funding_source_id, amount, request, today())
    delivery = AidDelivery(
        request_id=request.id, amount=amount, description=what or grant.description,
        funding_source_id=grant.funding_source_id,
    )
    return _kept(delivery, actor, receipt, handover.scan), True


def _kept(delivery: AidDelivery, actor: User, receipt: CheckedReceipt, scan: FileStorage | None) -> AidDelivery:
    delivery.delivered_by_id = actor.id
    db.session.add(delivery)
    db.session.flush()
    keep_receipt(delivery, receipt, scan, actor)
    return delivery


def deliveries_of(request_id: int) -> list[AidDelivery]:
    return list(db.session.scalars(
        db.select(AidDelivery).where(AidDelivery.request_id == request_id).order_by(AidDelivery.id)
    ))
