"""Vouchers: in-kind aid a beneficiary collects at a partner outlet with a code, once, before it expires.

Issuing puts what is left of an in-kind grant (its value, and its catalogue
items) on one voucher and charges the funding source there and then, as a
delivery would: from that moment the association owes the outlet that
redeems it. Cancelling gives the charge back. The outlet's redemption is one
conditional UPDATE (issued and not expired → redeemed), so of two outlets
redeeming the same code at once exactly one succeeds; it records the delivery
and closes the request in the same transaction. A voucher left unredeemed past
its last day is expired by the nightly job, which gives its charge back.

Codes come from `secrets` (twelve characters of a 32-letter alphabet without
look-alikes: 60 bits), never from the row's number, so one voucher tells
nothing about another; the outlet page is throttled against guessing
(sila/aid/outlet_page.py).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.aid_delivery import AidDelivery
from models.base import db, utcnow
from models.enums import AidKind, ContactMethod, NotificationEvent, RequestStatus, Role, TemplateKind, VoucherStatus
from models.funding_source import FundingSource
from models.notification import Notification
from models.request import ServiceRequest
from models.user import User
from models.voucher import Voucher
from sila.aid import catalogue
from sila.aid.deliveries import delivered_total
from sila.aid.funding import charge
from sila.aid.grants import grant_of
from sila.applicants.file_status import held_reason
from sila.branches.scope import may_reach
from sila.core.arabic import ascii_digits
from sila.core.audit.recorder import record
from sila.core.dates import dual_date, today
from sila.core.errors import Refused
from sila.core.money import riyals
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_request, locked_row
from sila.requests.transitions import close_by_voucher, required_text
from sila.settings.texts.store import render_text

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
DEFAULT_DAYS = 30
MAX_DAYS = 365
# How the beneficiary showed the code at the outlet: his acknowledgement of receipt.
PRESENTED = {"print": _l("The printed voucher"), "sms": _l("The text message on his phone")}
NOT_FOUND = _l("No voucher has this code. Check it and type it again.")
NOT_NOW = _l("This voucher cannot be redeemed now; the beneficiary should contact the association.")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def shown(code: str) -> str:
    """The code in groups of four, as printed and sent."""
    return "-".join(code[start:start + 4] for start in range(0, len(code), 4))


def typed(raw: str | None) -> str:
    """What an outlet typed or scanned, without dashes, spaces or case, Arabic-Indic digits read."""
    return "".join(char for char in ascii_digits(raw or "").upper() if char in ALPHABET)[:CODE_LENGTH * 2]


def outstanding(request_id: int) -> Voucher | None:
    return db.session.scalar(
        db.select(Voucher).where(Voucher.request_id == request_id, Voucher.status == VoucherStatus.issued).limit(1)
    )


def vouchers_of(request_id: int) -> list[Voucher]:
    return list(db.session.scalars(db.select(Voucher).where(Voucher.request_id == request_id).order_by(Voucher.id)))


def _reached(request_id: int, actor: User) -> None:
    if not may_reach(ServiceRequest, request_id, actor):
        raise Refused(_l("This request does not exist."))


def _expiry(expires_on: date | None) -> date:
    day = expires_on or today() + timedelta(days=DEFAULT_DAYS)
    if day < today():
        raise Refused(_l("The expiry date has already passed."))
    if day > today() + timedelta(days=MAX_DAYS):
        raise Refused(_("A voucher is valid for at most %(days)s days.", days=MAX_DAYS))
    return day


def issue(request_id: int, actor: User, expires_on: date | None = None) -> Voucher:
    """Everything left of the in-kind grant on one voucher, charged to its source, its code sent by SMS."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _reached(request_id, actor)
        grant = grant_of(request.id)
        if request.service_type.aid_kind != AidKind.in_kind or grant is None:
            raise Refused(_l("Only in-kind aid the committee granted can be issued as a voucher."))
        if request.status != RequestStatus.registered:
            raise Refused(_l("A voucher is issued once registration is completed, before delivery."))
        held = held_reason(request.applicant, today())
        if held:
            raise Refused(held)
        if outstanding(request.id) is not None:
            raise Refused(_l("A voucher for this aid is already outstanding; cancel it to issue another."))
        grant_items = catalogue.items_of(grant.id)
        value = catalogue.left_value(grant_items) if grant_items else grant.total - delivered_total(request.id)
        if value <= 0:
            raise Refused(_l("Nothing of what was granted is left to put on a voucher."))
        charge(grant.funding_source_id, value, request, today())
        voucher = Voucher(
            request_id=request.id, code=new_code(), value=value,
            items=catalogue.left_text(grant_items) if grant_items else grant.description,
            expires_on=_expiry(expires_on), funding_source_id=grant.funding_source_id, issued_by_id=actor.id,
        )
        db.session.add(voucher)
        db.session.flush()
        _send(request, voucher)
        record("voucher_issue", "request", request.id, note=_(
            "Voucher No. %(number)s: %(value)s, valid until %(day)s",
            number=voucher.id, value=riyals(value), day=dual_date(voucher.expires_on),
        ), actor_id=actor.id)
    return voucher


def _send(request: ServiceRequest, voucher: Voucher) -> Notification:
    """Always by SMS, whatever contact he prefers: the code is what he shows at the outlet."""
    with force_locale("ar"):
        subject, body = render_text(TemplateKind.message, NotificationEvent.voucher, {
            "name": request.applicant.full_name, "number": request.number, "service": request.service_type.name,
            "voucher_code": shown(voucher.code), "voucher_value": riyals(voucher.value),
            "voucher_expiry": dual_date(voucher.expires_on),
        })
    notification = Notification(
        applicant_id=request.applicant_id, request_id=request.id, event=NotificationEvent.voucher,
        method=ContactMethod.sms, recipient=request.applicant.mobile, subject=subject, body=body,
    )
    db.session.add(notification)
    return notification


def cancel(voucher_id: int, actor: User, reason: str | None) -> Voucher:
    """A voucher not yet redeemed is withdrawn and its charge given back to the funding source."""
    with committed():
        voucher = locked_row(Voucher, voucher_id, _l("This voucher does not exist."))
        require_role(actor, Role.staff)
        _reached(voucher.request_id, actor)
        why = required_text(reason, _l("A reason is required to cancel a voucher."))
        if voucher.status != VoucherStatus.issued:
            raise Refused(_l("Only a voucher not yet redeemed can be cancelled."))
        voucher.status = VoucherStatus.cancelled
        voucher.cancelled_at = utcnow()
        voucher.cancelled_by_id = actor.id
        voucher.cancel_reason = why
        _give_back(voucher)
        record("voucher_cancel", "request", voucher.request_id,
               note=_("Voucher No. %(number)s: %(reason)s", number=voucher.id, reason=why), actor_id=actor.id)
    return voucher


def _give_back(voucher: Voucher) -> None:
    """The voucher's charge returns to its funding source, in the caller's unit of work."""
    if voucher.funding_source_id:
        db.session.execute(
            db.update(FundingSource).where(FundingSource.id == voucher.funding_source_id)
            .values(spent=FundingSource.spent - voucher.value)
            .execution_options(synchronize_session=False)
        )


def release_expired(on: date | None = None) -> int:
    """Every voucher still unredeemed after its last day becomes expired, its value given back; how many.

    Run nightly (sila/jobs/duties.py), so an expired voucher no longer holds its
    source's budget until staff notice it. A voucher is valid through its expiry
    day (Riyadh), as redemption reads it, so one expiring today is left alone.
    Each voucher is one transaction around one conditional UPDATE (issued and
    past its day → expired): a second run, or a redemption at the same moment, finds
    nothing to change, and only a row this run changed gives its value back.
    Afterwards staff may issue another voucher for what is left, as after a cancel.
    """
    day = on or today()
    found = db.session.scalars(
        db.select(Voucher.id).where(Voucher.status == VoucherStatus.issued, Voucher.expires_on < day)
        .order_by(Voucher.id)
    ).all()
    released = 0
    for voucher_id in found:
        with committed():
            taken = db.session.execute(
                db.update(Voucher)
                .where(Voucher.id == voucher_id, Voucher.status == VoucherStatus.issued, Voucher.expires_on < day)
                .values(status=VoucherStatus.expired)
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:
                continue
            voucher = db.session.get(Voucher, voucher_id, populate_existing=True)
            _give_back(voucher)
            with force_locale("ar"):
                note = _("Voucher No. %(number)s expired on %(day)s unredeemed; by the system, %(value)s went back to "
                         "its funding source.", number=voucher.id, day=dual_date(voucher.expires_on),
                         value=riyals(voucher.value))
            record("voucher_expire", "request", voucher.request_id, note=note)
        released += 1
    return released


@dataclass(frozen=True)
class Seen:
    """What an outlet may see of a voucher: never whose it is, his ID or his income."""

    code: str
    value: Decimal
    items: str | None
    expires_on: date
    refusal: str | None


def find(raw_code: str | None) -> Voucher | None:
    code = typed(raw_code)
    if len(code) != CODE_LENGTH:
        return None
    return db.session.scalar(db.select(Voucher).where(Voucher.code == code))


def refusal_of(voucher: Voucher) -> str | None:
    """Why the voucher cannot be redeemed, in Arabic, or None when it can."""
    if voucher.status == VoucherStatus.cancelled:
        return _("This voucher was cancelled by the association and cannot be redeemed.")
    if voucher.status == VoucherStatus.redeemed:
        return _("This voucher was already redeemed on %(day)s; it can be redeemed only once.",
                 day=dual_date(voucher.redeemed_at))
    if voucher.status == VoucherStatus.expired or voucher.expires_on < today():
        return _("This voucher expired on %(day)s and cannot be redeemed.", day=dual_date(voucher.expires_on))
    return None


def look_up(raw_code: str | None) -> Seen | None:
    voucher = find(raw_code)
    if voucher is None:
        return None
    return Seen(shown(voucher.code), voucher.value, voucher.items, voucher.expires_on, refusal_of(voucher))


def redeem(raw_code: str | None, outlet: User, presented: str | None) -> Voucher:
    """The outlet hands over the goods: the voucher is redeemed once, the aid delivered, the request closed."""
    with committed():
        require_role(outlet, Role.outlet)
        if presented not in PRESENTED:
            raise Refused(_l("Say how the beneficiary presented the code: the printed voucher or the text message."))
        voucher = find(raw_code)
        if voucher is None:
            raise Refused(NOT_FOUND)
        refusal = refusal_of(voucher)
        if refusal:
            raise Refused(refusal)
        taken = db.session.execute(
            db.update(Voucher)
            .where(Voucher.id == voucher.id, Voucher.status == VoucherStatus.issued, Voucher.expires_on >= today())
            .values(status=VoucherStatus.redeemed, redeemed_at=utcnow(), outlet_id=outlet.id, presented=presented)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:
            db.session.refresh(voucher)
            raise Refused(refusal_of(voucher) or NOT_NOW)
        db.session.refresh(voucher)
        request = locked_request(voucher.request_id)
        if request.status != RequestStatus.registered or held_reason(request.applicant, today()):
            raise Refused(NOT_NOW)
        grant = grant_of(request.id)
        grant_items = catalogue.items_of(grant.id)
        if any(line.left for line in grant_items):
            catalogue.take(grant_items, None)
        notes = _("Voucher No. %(number)s redeemed at %(outlet)s (code presented: %(how)s): %(what)s",
                  number=voucher.id, outlet=outlet.full_name, how=PRESENTED[presented], what=voucher.items or "")
        db.session.add(AidDelivery(
            request_id=request.id, amount=voucher.value, description=notes,
            funding_source_id=voucher.funding_source_id, delivered_by_id=outlet.id,
        ))
        close_by_voucher(request, outlet, notes)
    return voucher
