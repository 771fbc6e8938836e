"""What a signed-in applicant reads of his own file: each request step by step, decisions and letters,
the instalments of cash aid, his aid vouchers, the messages sent to him, the data held.

Only what is his: every query is bound to the applicant of the portal session,
and a letter or export asked for by number is looked up through him, so a
number typed into the address bar of another file answers like one that does
not exist. No member of staff is named. The other household members'
personal data are shown only to the head of the household: an applicant whose
file names someone else as head sees each member by relation alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from models.aid_delivery import AidDelivery
from models.aid_grant import AidGrant, Instalment
from models.applicant import Applicant
from models.base import db
from models.committee import Decision
from models.enums import (
    DecisionOutcome,
    InstalmentStatus,
    NotificationEvent,
    NotificationStatus,
    RequestStatus,
    VoucherStatus,
    label,
)
from models.notification import Notification
from models.request import ServiceRequest
from models.voucher import Voucher
from sila.committee.letter_jobs import stored_letter
from sila.committee.letters import BEING_PREPARED, LetterNotReady, letter_file_name, letter_reference
from sila.core.audit.labels import action_label
from sila.core.audit.recorder import record
from sila.core.dates import dual_date, today
from sila.core.money import riyals
from sila.outbox.backends import CODE_EVENTS
from sila.privacy.document import Lines, dossier_pdf, readable
from sila.privacy.dossier import holds_the_household

# The request's own step columns, in the order the path takes them, and the audit action naming each.
STEPS = (
    ("verified_at", "verify"), ("submitted_at", "submit"), ("decided_at", "decide"),
    ("registered_at", "register"), ("delivered_at", "deliver"), ("closed_at", "close"),
)


@dataclass(frozen=True)
class Step:
    what: str
    on: str


@dataclass(frozen=True)
class Letter:
    decision_id: int
    outcome: str
    decided_on: str
    reason: str | None
    reference: str
    ready: bool


@dataclass(frozen=True)
class InstalmentLine:
    number: int
    due_on: str
    amount: str
    status: str


@dataclass(frozen=True)
class VoucherLine:
    value: str
    items: str | None
    valid_until: str
    status: str
    # Only while it can still be redeemed: the code he shows at the outlet, as the SMS gave it to him.
    code: str | None


@dataclass(frozen=True)
class RequestSummary:
    number: str
    service: str
    status: str
    steps: list[Step]
    earliest_answer_on: str | None
    letters: list[Letter]
    instalments: list[InstalmentLine]
    vouchers: list[VoucherLine]


def _handed(delivery: AidDelivery) -> str:
    """What he received and how he acknowledged it; never the staff member who handed it over."""
    what = " — ".join(part for part in (delivery.description, riyals(delivery.amount)) if part)
    if delivery.received_by_name:
        return _("Aid received: %(what)s, signed for by %(name)s", what=what, name=delivery.received_by_name)
    if delivery.instalment_id:
        return _("Aid transferred to your bank account: %(what)s", what=what)
    return _("Aid received: %(what)s", what=what)


def _steps(request: ServiceRequest, deliveries: list[AidDelivery]) -> list[Step]:
    done: list[tuple[datetime, str]] = [(request.created_at, _("Request received"))]
    done += [(getattr(request, column), action_label(action)) for column, action in STEPS if getattr(request, column)]
    done += [(delivery.delivered_at, _handed(delivery)) for delivery in deliveries]
    return [Step(what, dual_date(at)) for at, what in sorted(done, key=lambda pair: pair[0])]


def requests_of(applicant: Applicant) -> list[RequestSummary]:
    """His requests, newest first, with the earliest answer date while it is still ahead of him."""
    requests = list(db.session.scalars(
        db.select(ServiceRequest).where(ServiceRequest.applicant_id == applicant.id).order_by(ServiceRequest.id.desc())
    ))
    decisions = db.session.scalars(
        db.select(Decision).where(Decision.request_id.in_([request.id for request in requests])).order_by(Decision.id)
    )
    deliveries: dict[int, list[AidDelivery]] = {}
    for delivery in db.session.scalars(
        db.select(AidDelivery).where(AidDelivery.request_id.in_([request.id for request in requests]))
        .order_by(AidDelivery.id)
    ):
        deliveries.setdefault(delivery.request_id, []).append(delivery)
    letters: dict[int, list[Letter]] = {}
    for decision in decisions:
        letters.setdefault(decision.request_id, []).append(Letter(
            decision.id, label(DecisionOutcome, decision.outcome), dual_date(decision.decided_at), decision.reason,
            letter_reference(decision), decision.letter_rendered_at is not None,
        ))
    schedules = _instalments([request.id for request in requests])
    vouchers = _vouchers([request.id for request in requests])
    return [
        RequestSummary(
            number=request.number, service=request.service_type.name, status=label(RequestStatus, request.status),
            steps=_steps(request, deliveries.get(request.id, [])),
            earliest_answer_on=dual_date(request.earliest_answer_on) if request.earliest_answer_on else None,
            letters=letters.get(request.id, []), instalments=schedules.get(request.id, []),
            vouchers=vouchers.get(request.id, []),
        )
        for request in requests
    ]


def _instalments(request_ids: list[int]) -> dict[int, list[InstalmentLine]]:
    """Each request's schedule of cash instalments, in one query: what is due when, and what was paid."""
    rows = db.session.execute(
        db.select(AidGrant.request_id, Instalment).join(AidGrant, AidGrant.id == Instalment.grant_id)
        .where(AidGrant.request_id.in_(request_ids)).order_by(AidGrant.id, Instalment.number)
    ).all()
    schedules: dict[int, list[InstalmentLine]] = {}
    for request_id, instalment in rows:
        schedules.setdefault(request_id, []).append(InstalmentLine(
            instalment.number, dual_date(instalment.due_on), f"{instalment.amount:,.2f}",
            label(InstalmentStatus, instalment.status),
        ))
    return schedules


@dataclass(frozen=True)
class MessageLine:
    sent_on: str
    subject: str
    body: str


def messages_to(applicant: Applicant, limit: int = 20) -> list[MessageLine]:
    """The messages that reached him, newest first; codes are left out (their stored copy hides the code)."""
    rows = db.session.scalars(
        db.select(Notification)
        .where(
            Notification.applicant_id == applicant.id, Notification.status == NotificationStatus.sent,
            Notification.event.not_in(CODE_EVENTS),
        )
        .order_by(Notification.sent_at.desc(), Notification.id.desc()).limit(limit)
    )
    return [
        MessageLine(dual_date(row.sent_at), row.subject or label(NotificationEvent, row.event), row.body)
        for row in rows
    ]


def _vouchers(request_ids: list[int]) -> dict[int, list[VoucherLine]]:
    """Each request's vouchers, newest first, in one query; an expired one shows as such and hides its code."""
    on = today()
    lines: dict[int, list[VoucherLine]] = {}
    for voucher in db.session.scalars(
        db.select(Voucher).where(Voucher.request_id.in_(request_ids)).order_by(Voucher.id.desc())
    ):
        usable = voucher.status == VoucherStatus.issued and voucher.expires_on >= on
        status = label(VoucherStatus, voucher.status) if usable or voucher.status != VoucherStatus.issued else _("Expired")
        lines.setdefault(voucher.request_id, []).append(VoucherLine(
            riyals(voucher.value), voucher.items, dual_date(voucher.expires_on), status, voucher.code if usable else None,
        ))
    return lines


def data_held(applicant: Applicant) -> tuple[Lines, list[tuple[str, list[Lines]]]]:
    """His own data and the file's sections, read from the data-access answer so both always agree."""
    return readable(applicant, members_in_full=holds_the_household(applicant))


def own_letter(applicant: Applicant, decision_id: int) -> tuple[str, bytes] | None:
    """(file name, stored PDF) of a decision on one of his requests, recorded as downloaded; None for any other
    number. Raises LetterNotReady while the job has not rendered it."""
    decision = db.session.scalar(
        db.select(Decision).join(ServiceRequest, ServiceRequest.id == Decision.request_id)
        .where(Decision.id == decision_id, ServiceRequest.applicant_id == applicant.id)
    )
    if decision is None:
        return None
    data = stored_letter(decision.id)
    if data is None:
        raise LetterNotReady(str(BEING_PREPARED))
    record("letter_download", "request", decision.request_id, note=letter_reference(decision))
    db.session.commit()
    return letter_file_name(decision.id), data


def data_export(applicant: Applicant) -> bytes:
    """The data-access answer staff would hand him, taken by himself; audited like theirs."""
    data = dossier_pdf(applicant, members_in_full=holds_the_household(applicant))
    record("data_export", "applicant", applicant.id, note="portal")
    db.session.commit()
    return data
