"""The policy's seven handling steps as guarded transitions of a request.

received → verified → attested → submitted → accepted / rejected / returned;
accepted → registered → closed (service delivered); returned → verified again;
withdrawn or cancelled, with a reason, from any state before the decision.

Every function here takes the request by id, locks it, checks who is acting
and what must already be true, changes it, writes exactly one audit entry and
commits — or changes nothing and raises `Refused` with the reason in Arabic.
Screens, bulk actions, the portal, the CLI and tests all come through here.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.base import db, utcnow
from models.committee import Decision
from models.enums import (
    BEFORE_DECISION,
    AttestationMethod,
    DecisionOutcome,
    NotificationEvent,
    NotificationStatus,
    RequestStatus,
    Role,
    label,
)
from models.notification import Notification
from models.organization import MIN_RESPONSE_DAYS, Organization
from models.request import Attestation, ServiceRequest
from models.user import User
from sila.aid.deliveries import Handover, hand_over
from sila.aid.grants import GrantTerms, record_grant
from sila.aid.receipts import describe_receipt
from sila.applicants.file_status import held_reason
from sila.applicants.restudy import next_date as next_restudy_date
from sila.applicants.scoring import refresh as refresh_score
from sila.branches import service_area
from sila.branches.representatives import through_representative
from sila.committee.letter_jobs import queue_letter
from sila.core.audit.recorder import record
from sila.core.dates import parse_date, today
from sila.core.errors import InvalidValue, Refused
from sila.core.mobile import clean_mobile
from sila.core.national_id import clean_national_id
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_request
from sila.outbox.queue import queue_notification
from sila.requests.checklist import missing_items
from sila.surveys.invitations import invite as invite_to_survey

EDITABLE = frozenset({RequestStatus.received, RequestStatus.verified, RequestStatus.attested, RequestStatus.returned})
MAX_TEXT = 4000


def _require_status(request: ServiceRequest, allowed: frozenset[str] | set[str]) -> None:
    if request.status not in allowed:
        raise Refused(_(
            "This step is not possible while the request is “%(status)s”.",
            status=label(RequestStatus, request.status),
        ))


def required_text(value: str | None, message: object) -> str:
    text = (value or "").strip()
    if not text:
        raise Refused(message)
    if len(text) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return text


def required_day(value: date | str | None, message: object) -> date:
    """A date typed in either calendar (or already a date), refused with `message` when missing."""
    try:
        day = value if isinstance(value, date) else parse_date(value)
    except InvalidValue as exc:
        raise Refused(exc.message) from exc
    if day is None:
        raise Refused(message)
    return day


def _optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return text or None


def _move(request: ServiceRequest, new_status: str, action: str, actor: User | None, note: str | None = None) -> None:
    old = request.status
    request.status = new_status
    record(action, "request", request.id, field="status", old=old, new=new_status, note=note,
           actor_id=actor.id if actor else None)


def active_attestation(request: ServiceRequest) -> Attestation | None:
    return db.session.scalar(
        db.select(Attestation)
        .where(Attestation.request_id == request.id, Attestation.voided_at.is_(None))
        .order_by(Attestation.signed_at.desc())
        .limit(1)
    )


def _void(request: ServiceRequest, reason: str) -> bool:
    attestation = active_attestation(request)
    if attestation is None:
        return False
    attestation.voided_at = utcnow()
    attestation.void_reason = reason
    return True


def verify(request_id: int, actor: User, notes: str | None = None, area_reason: str | None = None) -> ServiceRequest:
    """Step 2: every required item supplied and matched, the applicant's data valid, and a reason given
    when his city lies outside the service area (the committee reads it on the request)."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, {RequestStatus.received, RequestStatus.returned})
        missing = missing_items(request)
        if missing:
            raise Refused(_(
                "Not every required item is supplied and matched against the original: %(items)s.",
                items="، ".join(item.name for item in missing),
            ))
        try:
            clean_national_id(request.applicant.national_id)
            clean_mobile(request.applicant.mobile)
        except InvalidValue as exc:
            raise Refused(_("The applicant's data are not valid: %(reason)s", reason=str(exc))) from exc
        try:
            request.outside_area_reason = service_area.reason_to_proceed(request.applicant.city, area_reason)
        except InvalidValue as exc:
            raise Refused(exc.message) from exc
        if request.outside_area_reason:
            service_area.record_reason("request", request.id, request.outside_area_reason, actor.id)
        request.verified_at = utcnow()
        request.verified_by_id = actor.id
        request.verification_notes = _optional_text(notes)
        _move(request, RequestStatus.verified, "verify", actor, request.verification_notes)
        if request.applicant.next_restudy_on is None:
            request.applicant.next_restudy_on = next_restudy_date(today())
        refresh_score(request)
    return request


def _signed(request: ServiceRequest, witness: User | None, signed_name: str | None, method: str) -> Attestation:
    """The organization's attestation text as the applicant signed it, added to the open unit of work."""
    name = required_text(signed_name, _l("Write the applicant's name as signed."))
    if method not in {m.value for m in AttestationMethod}:
        raise Refused(_l("Choose how the attestation was signed."))
    organization = db.session.scalar(db.select(Organization).limit(1))
    attestation = Attestation(
        request_id=request.id, text=organization.attestation_text, signed_name=name[:250],
        method=method, witness_id=witness.id if witness else None,
    )
    db.session.add(attestation)
    return attestation


def attest(request_id: int, actor: User, signed_name: str | None, method: str) -> Attestation:
    """Step 4: the applicant signs that the data are true; the staff member witnesses."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, {RequestStatus.verified})
        attestation = _signed(request, actor, signed_name, method)
        _move(request, RequestStatus.attested, "attest", actor, attestation.signed_name)
    return attestation


def accept_on_portal(request: ServiceRequest, signed_name: str) -> Attestation:
    """The applicant accepts the attestation himself as he applies on the portal, with no witness.

    Runs inside the application's unit of work. The request stays received:
    staff still verify it and have the attestation signed before the committee.
    """
    attestation = _signed(request, None, signed_name, AttestationMethod.portal)
    record("attest", "request", request.id, note=attestation.signed_name)
    return attestation


def receive(request: ServiceRequest, actor: User | None) -> None:
    """Step 1: a new request in the received state, the applicant told it arrived.

    `actor` is the staff member at the counter or the branch's representative (whose
    requests come through the representatives' channel), or None when the applicant sent
    it himself through the portal. Runs inside the caller's unit of work, which commits it.
    """
    if actor is not None:
        require_role(actor, Role.staff, Role.representative)
        through_representative(actor, request)
        request.received_by_id = actor.id
    request.status = RequestStatus.received
    db.session.flush()
    queue_notification(request, NotificationEvent.received)


def submit(request_id: int, actor: User) -> ServiceRequest:
    """Step 5: to the research committee, telling the applicant the earliest answer date."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, {RequestStatus.attested})
        held = held_reason(request.applicant, today())
        if held:
            raise Refused(held)
        refresh_score(request)
        if active_attestation(request) is None:
            raise Refused(_l("The applicant's attestation is missing or was voided; record it again."))
        organization = db.session.scalar(db.select(Organization).limit(1))
        if organization.response_days < MIN_RESPONSE_DAYS:
            raise Refused(_l("The response period cannot be less than 14 days (two weeks)."))
        request.submitted_at = utcnow()
        request.submitted_by_id = actor.id
        request.earliest_answer_on = today() + timedelta(days=organization.response_days)
        _move(request, RequestStatus.submitted, "submit", actor, request.earliest_answer_on.isoformat())
        queue_notification(request, NotificationEvent.submitted)
    return request


def decide(
    request_id: int, actor: User, outcome: str, reason: str | None = None, *, meeting_id: int | None = None,
    counted_by: User | None = None, grant: GrantTerms | None = None,
) -> Decision:
    """Step 6: a committee member accepts, rejects or returns; never on his own file.

    A meeting's vote comes through here too, naming the meeting it was taken at
    and who counted the votes: he, not the member it is decided in the name of,
    is the audit entry's actor, since he is the one who pressed the button.
    An acceptance may carry what was granted (amount, instalments, source),
    recorded in the same transaction.
    """
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.committee)
        _require_status(request, {RequestStatus.submitted})
        if outcome not in {o.value for o in DecisionOutcome}:
            raise Refused(_l("Choose accept, reject or return."))
        if actor.id in (request.verified_by_id, request.submitted_by_id):
            raise Refused(_l(
                "You verified or submitted this request, so you cannot decide on it (conflict of interest)."
            ))
        if outcome == DecisionOutcome.accepted:
            reason = _optional_text(reason)
        else:
            reason = required_text(reason, _l("A reason is required to reject or return a request."))
        decision = Decision(
            request_id=request.id, outcome=outcome, reason=reason, decided_by_id=actor.id, meeting_id=meeting_id,
        )
        db.session.add(decision)
        request.decided_at = utcnow()
        if outcome == DecisionOutcome.returned:
            _void(request, _("Returned by the committee"))
        _move(request, outcome, "decide", counted_by or actor, reason)
        if outcome == DecisionOutcome.accepted and grant is not None:
            record_grant(request, actor, grant, pressed_by=counted_by)
        db.session.flush()
        queue_notification(request, NotificationEvent.decided, decision=decision)
        queue_letter(decision)
    return decision


def complete_registration(request_id: int, actor: User, notes: str | None = None) -> ServiceRequest:
    """Step 6 of the policy: registration completed once the request is accepted."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, {RequestStatus.accepted})
        request.registered_at = utcnow()
        request.registered_by_id = actor.id
        _move(request, RequestStatus.registered, "register", actor, _optional_text(notes))
    return request


def deliver(request_id: int, actor: User, what: str | None, handover: Handover | None = None) -> ServiceRequest:
    """Step 7: the service delivered (what, when, by whom), charged to its source within the grant.

    A service, in-kind aid and the last instalment of cash aid close the
    request; an earlier instalment is recorded and the request stays open.
    """
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, {RequestStatus.registered})
        _handed_over(request, actor, handover or Handover(what=what))
    return request


def pay_instalment(request_id: int, actor: User, instalment_id: int) -> ServiceRequest:
    """One line of a disbursement batch the bank paid: the same delivery, taken by who marked the batch paid.

    The batch tells each beneficiary what was paid in one message; no "service ready" here.
    """
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.manager, Role.treasurer)
        _require_status(request, {RequestStatus.registered})
        _handed_over(request, actor, Handover(instalment_id=instalment_id, by_bank_transfer=True))
    return request


def _handed_over(request: ServiceRequest, actor: User, handover: Handover) -> None:
    delivery, finished = hand_over(request, actor, handover)
    if not handover.by_bank_transfer:
        queue_notification(request, NotificationEvent.service_ready)
    note = " — ".join(part for part in (delivery.description, describe_receipt(delivery)) if part)
    if not finished:
        record("deliver_instalment", "request", request.id, note=note, actor_id=actor.id)
        return
    request.delivery_notes = delivery.description
    request.delivered_at = request.closed_at = utcnow()
    request.delivered_by_id = actor.id
    _move(request, RequestStatus.closed, "deliver", actor, note)
    invite_to_survey(request)


def close_by_voucher(request: ServiceRequest, outlet: User, notes: str) -> None:
    """A voucher redeemed at a partner outlet delivered the in-kind aid: the request closes, in the
    redemption's unit of work (sila/aid/vouchers.py) on the locked request, with its one audit entry."""
    _require_status(request, {RequestStatus.registered})
    request.delivery_notes = notes
    request.delivered_at = request.closed_at = utcnow()
    request.delivered_by_id = outlet.id
    _move(request, RequestStatus.closed, "deliver", outlet, notes)
    invite_to_survey(request)


def end_early(request_id: int, actor: User, status: str, reason: str | None) -> ServiceRequest:
    """Withdrawn (the applicant's wish) or cancelled (the association's), before the decision.

    Messages not yet sent about this request are dropped: the applicant must
    not hear it went to the committee after he withdrew it.
    """
    if status not in (RequestStatus.withdrawn, RequestStatus.cancelled):
        raise Refused(_l("Unknown step."))
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        _require_status(request, BEFORE_DECISION)
        request.cancel_reason = required_text(reason, _l("A reason is required."))
        request.closed_at = utcnow()
        db.session.execute(
            db.delete(Notification)
            .where(Notification.request_id == request.id, Notification.status == NotificationStatus.pending)
        )
        _move(request, status, "withdraw" if status == RequestStatus.withdrawn else "cancel", actor, request.cancel_reason)
    return request


def void_after_edit(request: ServiceRequest, actor: User | None) -> bool:
    """Data changed after the attestation: it no longer covers them, so it is voided.

    Called inside the edit's own transaction; the request returns to verified
    and must be attested again before it can go to the committee.
    """
    if request.status != RequestStatus.attested:
        return False
    _void(request, _("The data were edited after the attestation"))
    _move(request, RequestStatus.verified, "void_attestation", actor)
    return True
