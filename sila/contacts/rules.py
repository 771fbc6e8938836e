"""The contacts log and the follow-up of suggestions and complaints, as guarded steps.

Every contact is logged with its channel, kind, summary, the answer given and
the minutes spent. Inquiries and follow-up calls are closed as soon as they
carry an answer: logged with one they are closed at once, logged without one
(a question sent through the portal, say) they stay open until staff record
the answer. Suggestions and complaints have a life of their own:
open → under study → closed. Studying one needs an owner (a relations staff
member) and a due date; closing needs the outcome and is the owner's to do,
so that every closed suggestion names who answered for it.

Like the request's transitions, each step locks the contact, checks who is
acting and what must already be true, changes it, writes exactly one audit
entry and commits — or changes nothing and raises `Refused`.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.sql.elements import ColumnElement

from models.applicant import Applicant
from models.base import db, utcnow
from models.channel import Channel
from models.contact import Contact
from models.enums import ContactKind, FollowUpStatus, Role, label
from models.user import User
from sila.branches.representatives import is_representative, representatives_channel, require_branch
from sila.branches.scope import home_branch_id, may_reach
from sila.core.audit.recorder import record
from sila.core.dates import dual_date, today
from sila.core.errors import InvalidValue, Refused
from sila.core.mobile import clean_mobile
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.requests.transitions import MAX_TEXT, required_day, required_text

FOLLOWED = frozenset({ContactKind.suggestion, ContactKind.complaint})
# A correction is applied on the file through the usual (audited) screens; its answer tells the applicant so.
ANSWERED_AT_ONCE = frozenset({ContactKind.inquiry, ContactKind.follow_up, ContactKind.correction})
STILL_OPEN = frozenset({FollowUpStatus.open, FollowUpStatus.under_study})
MAX_MINUTES = 1440
MAX_NAME = 200
CONTACT_HANDLED = _l("This contact was just handled by someone else. Reload it to see its current state.")


def _locked(contact_id: int) -> Contact:
    return locked_row(Contact, contact_id, _l("This contact does not exist."))


def _require_status(contact: Contact, allowed: frozenset[str]) -> None:
    if contact.status not in allowed:
        raise Refused(_(
            "This step is not possible while the follow-up is “%(status)s”.",
            status=label(FollowUpStatus, contact.status),
        ))


def _require_followed(contact: Contact) -> None:
    if contact.kind not in FOLLOWED:
        raise Refused(_l("Only suggestions and complaints are followed up; an inquiry is closed by its answer."))


def _change(contact: Contact, **values: object) -> None:
    """Write only if the row is still as it was read (SQLite has no row locks; see sila.referrals.rules)."""
    same_owner = Contact.owner_id.is_(None) if contact.owner_id is None else Contact.owner_id == contact.owner_id
    result = db.session.execute(
        update(Contact)
        .where(Contact.id == contact.id, Contact.status == contact.status, same_owner)
        .values(**values)
    )
    if result.rowcount != 1:
        raise Refused(CONTACT_HANDLED)


def _owner(owner_id: int | None) -> User:
    owner = db.session.get(User, owner_id) if owner_id else None
    if owner is None or not owner.is_active or owner.role != Role.staff:
        raise Refused(_l("Choose an active relations staff member as the owner."))
    return owner


def _due_date(value: date | str | None) -> date:
    """A due date typed in either calendar; today or later, since a follow-up cannot start late."""
    due = required_day(value, _l("Enter the due date."))
    if due < today():
        raise Refused(_l("The due date cannot be in the past."))
    return due


def _minutes(value: int | str | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or int(text) > MAX_MINUTES:
        raise Refused(_l("Enter minutes between 0 and 1440."))
    return int(text)


def _optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(_l("The text is too long (at most 4000 characters)."))
    return text or None


def _name(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_NAME:
        raise Refused(_l("The name is too long (at most 200 characters)."))
    return text or None


def _mobile(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    try:
        return clean_mobile(value)
    except InvalidValue as exc:
        raise Refused(exc.message) from exc


def log(
    actor: User | None,
    kind: str,
    channel_id: int | None,
    summary: str | None,
    answer: str | None = None,
    minutes_spent: int | str | None = None,
    applicant_id: int | None = None,
    contact_name: str | None = None,
    contact_mobile: str | None = None,
    owner_id: int | None = None,
    due_on: date | str | None = None,
) -> Contact:
    """Staff log a contact; an inquiry or a follow-up call logged with its answer is closed at once.

    `actor` is the staff member or the branch's representative (whose contacts come through the
    representatives' channel), or None when the person sent it himself through the portal.
    """
    with committed():
        if actor is not None:
            require_role(actor, Role.staff, Role.representative)
        if is_representative(actor):
            require_branch(actor)
            channel_id = representatives_channel().id
        if kind not in set(ContactKind):
            raise Refused(_l("Choose the kind of contact."))
        channel = db.session.get(Channel, channel_id) if channel_id else None
        if channel is None:
            raise Refused(_l("Choose the channel."))
        if applicant_id is not None and db.session.get(Applicant, applicant_id) is None:
            raise Refused(_l("This applicant does not exist."))
        if applicant_id is not None and actor is not None and not may_reach(Applicant, applicant_id, actor):
            raise Refused(_l("This file belongs to another branch."))
        text = required_text(summary, _l("Write a summary of the contact."))
        reply = _optional_text(answer)
        closed = kind in ANSWERED_AT_ONCE and reply is not None
        followed = kind in FOLLOWED
        contact = Contact(
            kind=kind, channel_id=channel.id, summary=text, answer=reply, minutes_spent=_minutes(minutes_spent),
            applicant_id=applicant_id, branch_id=home_branch_id(actor),
            contact_name=_name(contact_name), contact_mobile=_mobile(contact_mobile),
            staff_id=actor.id if actor else None,
            owner_id=_owner(owner_id).id if followed and owner_id else None,
            due_on=_due_date(due_on) if followed and due_on else None,
            status=FollowUpStatus.closed if closed else FollowUpStatus.open,
            closed_at=utcnow() if closed else None,
        )
        db.session.add(contact)
        db.session.flush()
        record("log", "contact", contact.id, field="status", new=contact.status, note=kind,
               actor_id=actor.id if actor else None)
    return contact


def answer(contact_id: int, actor: User, text: str | None, minutes_spent: int | str | None = None) -> Contact:
    """Staff record the answer to an open inquiry or follow-up call, which closes it."""
    with committed():
        contact = _locked(contact_id)
        require_role(actor, Role.staff)
        if contact.kind not in ANSWERED_AT_ONCE:
            raise Refused(_l("A suggestion or a complaint is closed with its outcome, not with an answer."))
        _require_status(contact, frozenset({FollowUpStatus.open}))
        reply = required_text(text, _l("Write the answer given."))
        values: dict[str, object] = {"answer": reply, "status": FollowUpStatus.closed, "closed_at": utcnow()}
        minutes = _minutes(minutes_spent)
        if minutes is not None:
            values["minutes_spent"] = minutes
        _change(contact, **values)
        record("answer", "contact", contact.id, field="status", old=FollowUpStatus.open,
               new=FollowUpStatus.closed, note=reply, actor_id=actor.id)
    return contact


def assign(contact_id: int, actor: User, owner_id: int | None) -> Contact:
    """Staff give a suggestion or complaint still being followed up to an owner."""
    with committed():
        contact = _locked(contact_id)
        require_role(actor, Role.staff)
        _require_followed(contact)
        _require_status(contact, STILL_OPEN)
        owner = _owner(owner_id)
        if owner.id == contact.owner_id:
            raise Refused(_l("This follow-up already belongs to this staff member."))
        old = contact.owner_id
        _change(contact, owner_id=owner.id)
        record("assign", "contact", contact.id, field="owner_id", old=old, new=owner.id, actor_id=actor.id)
    return contact


def set_due(contact_id: int, actor: User, due_on: date | str | None) -> Contact:
    """Staff set or move the date by which the suggestion or complaint must be closed."""
    with committed():
        contact = _locked(contact_id)
        require_role(actor, Role.staff)
        _require_followed(contact)
        _require_status(contact, STILL_OPEN)
        due = _due_date(due_on)
        old = contact.due_on
        _change(contact, due_on=due)
        record("set_due", "contact", contact.id, field="due_on", old=old, new=due, note=dual_date(due),
               actor_id=actor.id)
    return contact


def start_study(contact_id: int, actor: User) -> Contact:
    """An open suggestion or complaint goes under study once it has an owner and a due date."""
    with committed():
        contact = _locked(contact_id)
        require_role(actor, Role.staff)
        _require_followed(contact)
        _require_status(contact, frozenset({FollowUpStatus.open}))
        if contact.owner_id is None or contact.due_on is None:
            raise Refused(_l("Give the follow-up an owner and a due date before studying it."))
        _change(contact, status=FollowUpStatus.under_study)
        record("start_study", "contact", contact.id, field="status", old=FollowUpStatus.open,
               new=FollowUpStatus.under_study, actor_id=actor.id)
    return contact


def close(contact_id: int, actor: User, outcome: str | None) -> Contact:
    """The owner closes a suggestion or complaint under study, saying what came of it."""
    with committed():
        contact = _locked(contact_id)
        require_role(actor, Role.staff)
        _require_followed(contact)
        _require_status(contact, frozenset({FollowUpStatus.under_study}))
        if contact.owner_id != actor.id:
            raise Refused(_l("Only the owner of this follow-up can close it; assign it to yourself first."))
        result = required_text(outcome, _l("Write the outcome before closing."))
        _change(contact, status=FollowUpStatus.closed, outcome=result, closed_at=utcnow())
        record("close", "contact", contact.id, field="status", old=FollowUpStatus.under_study,
               new=FollowUpStatus.closed, note=result, actor_id=actor.id)
    return contact


def overdue_condition(today: date) -> ColumnElement[bool]:
    """A suggestion or complaint still open after its due date: the list filter and the dashboard share it."""
    return (
        Contact.kind.in_(FOLLOWED)
        & Contact.status.in_(STILL_OPEN)
        & Contact.due_on.is_not(None)
        & (Contact.due_on < today)
    )


def is_overdue(contact: Contact, today: date) -> bool:
    return (
        contact.kind in FOLLOWED and contact.status in STILL_OPEN
        and contact.due_on is not None and contact.due_on < today
    )


def available_steps(contact: Contact, actor: User) -> list[str]:
    """The step forms to offer; each step still checks everything itself when taken."""
    if actor.role != Role.staff:
        return []
    if contact.kind in ANSWERED_AT_ONCE:
        return ["answer"] if contact.status == FollowUpStatus.open else []
    if contact.status not in STILL_OPEN:
        return []
    steps = ["assign", "set_due"]
    if contact.status == FollowUpStatus.open:
        steps.append("start_study")
    elif contact.owner_id == actor.id:
        steps.append("close")
    return steps


def staff_owners() -> list[User]:
    """Who may own a follow-up: active relations staff, by name."""
    return list(db.session.scalars(
        db.select(User).where(User.role == Role.staff, User.is_active.is_(True)).order_by(User.full_name)
    ))
