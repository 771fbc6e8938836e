"""Demo data: users for every role and a few hundred applicants with requests in every state.

Generated from a fixed seed, so every demo shows the same people; loaded only
into a database that has no applicants yet, so running it twice adds nothing.
"""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from functools import cache

from werkzeug.security import generate_password_hash

from models.applicant import Applicant
from models.audit import AuditEntry
from models.base import db
from models.branch import Branch, UserBranch
from models.channel import Channel
from models.committee import Committee, CommitteeMember, Decision
from models.enums import AttestationMethod, ContactMethod, DecisionOutcome, NotificationEvent, RequestStatus, Role, Vocabulary
from models.organization import Organization
from models.request import Attestation, ItemCheck, ServiceRequest
from models.service_type import ServiceType
from models.user import User
from sila.branches.scope import MAY_BE_ASSOCIATION_WIDE
from sila.settings.presets.demo_people import person

DEMO_USERS = (
    ("admin", "مدير النظام", Role.admin),
    ("manager", "هيفاء المدير", Role.manager),
    ("manager2", "سعد المدير", Role.manager),
    ("treasurer", "نورة أمينة الصندوق", Role.treasurer),
    ("staff", "سارة الموظفة", Role.staff),
    ("staff2", "خالد الموظف", Role.staff),
    ("researcher", "منيرة الباحثة", Role.researcher),
    ("committee", "عبدالله عضو اللجنة", Role.committee),
    ("committee2", "فهد عضو اللجنة", Role.committee),
    ("outlet", "تموينات البركة (متجر شريك)", Role.outlet),
)
APPLICANTS = 300

# How far along the path each demo request is, and how often.
STATUS_WEIGHTS = {
    RequestStatus.received: 20, RequestStatus.verified: 10, RequestStatus.attested: 8,
    RequestStatus.submitted: 15, RequestStatus.returned: 4, RequestStatus.accepted: 8,
    RequestStatus.rejected: 6, RequestStatus.registered: 5,
    RequestStatus.closed: 12, RequestStatus.withdrawn: 3, RequestStatus.cancelled: 2,
}
PAST_VERIFIED = {
    RequestStatus.verified, RequestStatus.attested, RequestStatus.submitted, RequestStatus.returned,
    RequestStatus.accepted, RequestStatus.rejected, RequestStatus.registered,
    RequestStatus.closed,
}
PAST_ATTESTED = PAST_VERIFIED - {RequestStatus.verified}
PAST_SUBMITTED = PAST_ATTESTED - {RequestStatus.attested}
DECIDED = {
    RequestStatus.returned: DecisionOutcome.returned,
    RequestStatus.accepted: DecisionOutcome.accepted,
    RequestStatus.rejected: DecisionOutcome.rejected,
    RequestStatus.registered: DecisionOutcome.accepted,
    RequestStatus.closed: DecisionOutcome.accepted,
}


def demo_password(username: str) -> str:
    return f"sila-demo-{username}"


@cache
def _demo_password_hash(username: str) -> str:
    """Hashed once per process: scrypt is slow by design, and a demo password is public anyway."""
    return generate_password_hash(demo_password(username), method="scrypt")


def ensure_demo_users() -> list[tuple[str, str, str]]:
    """Create the demo accounts that are missing; return (username, password, role) for all."""
    logins = []
    for username, full_name, role in DEMO_USERS:
        user = db.session.scalar(db.select(User).where(User.username == username))
        if user is None:
            user = User(username=username, full_name=full_name, role=role, session_version=1)
            user.password_hash = _demo_password_hash(username)
            db.session.add(user)
        logins.append((username, demo_password(username), role))
    db.session.flush()
    _at_the_main_office()
    committee = db.session.scalar(db.select(Committee).limit(1))
    for index, name in enumerate(("committee", "committee2")):
        member = db.session.scalar(db.select(User).where(User.username == name))
        exists = db.session.scalar(
            db.select(CommitteeMember).filter_by(committee_id=committee.id, user_id=member.id)
        )
        if exists is None:
            db.session.add(CommitteeMember(committee_id=committee.id, user_id=member.id, is_chair=index == 0))
    db.session.commit()
    return logins


def _at_the_main_office() -> None:
    """Demo staff and the researcher work at the main office; managers, the treasurer and the committee association-wide."""
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    for username, _name, role in DEMO_USERS:
        user = db.session.scalar(db.select(User).where(User.username == username))
        if role in MAY_BE_ASSOCIATION_WIDE:
            user.all_branches = True
        elif role in (Role.staff, Role.researcher) and not user.branch_links:
            user.branch_links.append(UserBranch(branch_id=main.id))


def load_demo_requests(rng: random.Random | None = None) -> int:
    """Applicants and requests in every state; does nothing if applicants exist."""
    if db.session.scalar(db.select(db.func.count()).select_from(Applicant)):
        return 0
    rng = rng or random.Random(2026)
    organization = db.session.scalar(db.select(Organization).limit(1))
    users = {u.username: u for u in db.session.scalars(db.select(User))}
    channels = db.session.scalars(db.select(Channel).order_by(Channel.position)).all()
    services = db.session.scalars(db.select(ServiceType)).all()
    now = datetime.now(UTC)
    seen_ids: set[str] = set()
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    branches = db.session.scalars(db.select(Branch).where(Branch.is_active.is_(True)).order_by(Branch.id)).all()
    created = 0
    for index in range(APPLICANTS):
        data = person(rng)
        while data["national_id"] in seen_ids:
            data = person(rng)
        seen_ids.add(data["national_id"])
        if organization.vocabulary == Vocabulary.member:
            data["membership_number"] = f"M-{1000 + index}"
        applicant = Applicant(**data, branch=branches[index % len(branches)])
        db.session.add(applicant)
        for _ in range(rng.choice((1, 1, 1, 2))):
            status = rng.choices(statuses, weights)[0]
            _add_request(rng, applicant, status, channels, services, users, organization, now)
            created += 1
    db.session.flush()
    _backdate_history()
    _queue_welcome()
    db.session.commit()
    return created


def _queue_welcome() -> None:
    """One message waiting in the outbox, so the demo shows the background sender at work within a minute."""
    from sila.outbox.queue import queue_notification

    newest = db.session.scalar(
        db.select(ServiceRequest).join(ServiceRequest.applicant)
        .where(db.func.coalesce(Applicant.preferred_contact, ContactMethod.sms) != ContactMethod.phone)
        .order_by(ServiceRequest.created_at.desc(), ServiceRequest.id.desc()).limit(1)
    )
    if newest is not None:
        queue_notification(newest, NotificationEvent.received)


def _backdate_history() -> None:
    """Demo requests were received in the past: their audit trail says so too."""
    requests = db.select(ServiceRequest.created_at).where(ServiceRequest.id == AuditEntry.entity_id).scalar_subquery()
    db.session.execute(
        db.update(AuditEntry)
        .where(AuditEntry.entity_type == "request", AuditEntry.action == "create")
        .values(at=requests)
    )



def _add_request(rng, applicant, status, channels, services, users, organization, now):  # type: ignore[no-untyped-def]
    """A request built as the workflow would have left it, with its audit trail backdated."""
    staff = users[rng.choice(("staff", "staff2"))]
    received = now - timedelta(days=rng.randrange(3, 200), hours=rng.randrange(0, 9))
    service = rng.choice(services)
    request = ServiceRequest(
        applicant=applicant, service_type=service, channel=rng.choice(channels),
        status=status, received_by=staff, created_at=received,
    )
    db.session.add(request)
    db.session.flush()
    history: list[tuple[str, str, User, datetime, str | None]] = []
    if status in PAST_VERIFIED:
        request.verified_at = received + timedelta(days=1)
        request.verified_by = staff
        for item in service.required_items:
            db.session.add(ItemCheck(
                request=request, required_item=item, supplied=True, matched=True,
                checked_by_id=staff.id, checked_at=request.verified_at,
            ))
        history.append(("verify", RequestStatus.verified, staff, request.verified_at, None))
    if status in PAST_ATTESTED:
        signed = received + timedelta(days=1, hours=1)
        db.session.add(Attestation(
            request=request, text=organization.attestation_text, signed_name=applicant.full_name,
            method=AttestationMethod.paper_scan, witness=staff, signed_at=signed,
        ))
        history.append(("attest", RequestStatus.attested, staff, signed, applicant.full_name))
    if status in PAST_SUBMITTED:
        request.submitted_at = received + timedelta(days=2)
        request.submitted_by = staff
        request.earliest_answer_on = (request.submitted_at + timedelta(days=organization.response_days)).date()
        history.append(("submit", RequestStatus.submitted, staff, request.submitted_at, None))
    if status in DECIDED:
        request.decided_at = request.submitted_at + timedelta(days=organization.response_days)
        outcome = DECIDED[status]
        reason = None if outcome == DecisionOutcome.accepted else "لم تكتمل شروط الاستحقاق"
        db.session.add(Decision(
            request=request, outcome=outcome, decided_by=users["committee"], decided_at=request.decided_at,
            reason=reason,
        ))
        history.append(("decide", outcome, users["committee"], request.decided_at, reason))
    if status in (RequestStatus.registered, RequestStatus.closed):
        request.registered_at = request.decided_at + timedelta(days=1)
        request.registered_by_id = staff.id
        history.append(("register", RequestStatus.registered, staff, request.registered_at, None))
    if status == RequestStatus.closed:
        request.delivered_at = request.closed_at = request.registered_at + timedelta(days=2)
        request.delivered_by_id = staff.id
        request.delivery_notes = "تم تقديم الخدمة"
        history.append(("deliver", RequestStatus.closed, staff, request.delivered_at, request.delivery_notes))
    if status in (RequestStatus.withdrawn, RequestStatus.cancelled):
        request.cancel_reason = "بناء على طلب المتقدم"
        request.closed_at = received + timedelta(days=3)
        action = "withdraw" if status == RequestStatus.withdrawn else "cancel"
        history.append((action, status, staff, request.closed_at, request.cancel_reason))
    previous = RequestStatus.received
    for action, new, actor, at, note in history:
        db.session.add(AuditEntry(
            action=action, entity_type="request", entity_id=request.id, field="status",
            old_value=previous, new_value=new, actor_id=actor.id, at=at, note=note,
        ))
        previous = new
