"""A message staff send to a group of applicants, through the outbox, with their consent.

The groups are drawn from the files staff may reach (their branches): a
service type's active beneficiaries (a request accepted or being delivered),
a needs category, a branch, or the files due for re-study within a month.
Closed, suspended and blocked files are left out. An applicant who opted out
of non-essential messages (on his file, by staff or by himself on the
portal) is counted and skipped; decisions, missing documents and codes are
essential and never look at that choice. The preview and the sending run
the same query, so the count shown is the count sent. Sending is throttled
twice: each staff member may send a few groups an hour (the screen's
limiter), and each group's messages are spread over the minutes so the outbox
never sends more than SILA_GROUP_MESSAGES_PER_MINUTE of them at once. The
audit and the log hold counts, never names.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert

from models.applicant import Applicant
from models.base import db, utcnow
from models.branch import Branch
from models.enums import ContactMethod, FileStatus, MessageGroup, NotificationEvent, RequestStatus, Role
from models.group_message import GroupMessage
from models.notification import Notification
from models.request import ServiceRequest
from models.scoring import NeedCategory
from models.service_type import ServiceType
from models.user import User
from sila.branches.scope import branch_ids, visible
from sila.core.audit.recorder import record
from sila.core.dates import today
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed
from sila.outbox.queue import contact_for

log = logging.getLogger("sila.notifications")
ACTIVE_BENEFICIARY = (RequestStatus.accepted, RequestStatus.registered)
RESTUDY_WITHIN = timedelta(days=30)
MAX_BODY = 600
DEFAULT_PER_MINUTE = 60


@dataclass(frozen=True)
class Group:
    kind: str
    value: str = ""


@dataclass(frozen=True)
class Preview:
    reached: int
    declined: int


def choices(actor: User) -> dict[str, list[tuple[str, str]]]:
    """The values each kind of group may be drawn by, as the screen offers them."""
    ids = branch_ids(actor)
    branches = db.select(Branch).where(Branch.is_active.is_(True)).order_by(Branch.id)
    if ids is not None:
        branches = branches.where(Branch.id.in_(sorted(ids)))
    return {
        MessageGroup.service_type: [
            (str(row.id), row.name) for row in db.session.scalars(db.select(ServiceType).order_by(ServiceType.position))
        ],
        MessageGroup.category: [
            (name, name) for name in dict.fromkeys(db.session.scalars(db.select(NeedCategory.name).order_by(NeedCategory.id)))
        ],
        MessageGroup.branch: [(str(row.id), row.name) for row in db.session.scalars(branches)],
        MessageGroup.restudy_due: [("", "")],
    }


def _members(group: Group, actor: User):  # type: ignore[no-untyped-def]
    """The select of the group's applicants the actor may reach; Refused for a group that is not one."""
    offered = dict(choices(actor).get(group.kind, []))
    if group.kind not in {kind.value for kind in MessageGroup} or group.value not in offered:
        raise Refused(_l("Choose the group to send to."))
    query = db.select(Applicant).where(Applicant.file_status == FileStatus.active)
    if group.kind == MessageGroup.service_type:
        query = query.where(db.exists().where(
            ServiceRequest.applicant_id == Applicant.id, ServiceRequest.service_type_id == int(group.value),
            ServiceRequest.status.in_(ACTIVE_BENEFICIARY),
        ))
    elif group.kind == MessageGroup.category:
        query = query.where(db.exists().where(
            ServiceRequest.applicant_id == Applicant.id, ServiceRequest.needs_category == group.value,
        ))
    elif group.kind == MessageGroup.branch:
        query = query.where(Applicant.branch_id == int(group.value))
    else:
        query = query.where(Applicant.next_restudy_on <= today() + RESTUDY_WITHIN)
    return visible(query, Applicant, actor)


def preview(group: Group, actor: User) -> Preview:
    members = _members(group, actor).subquery()
    reached, declined = db.session.execute(
        db.select(
            db.func.count().filter(members.c.declines_group_messages.is_(False)),
            db.func.count().filter(members.c.declines_group_messages.is_(True)),
        ).select_from(members)
    ).one()
    return Preview(reached, declined)


def _body(text: str | None) -> str:
    body = (text or "").strip()
    if not body:
        raise Refused(_l("Write the message."))
    if len(body) > MAX_BODY:
        raise Refused(_l("The message is too long (at most 600 characters)."))
    return body


def send(group: Group, text: str | None, actor: User) -> GroupMessage:
    """One outbox message per consenting member and the record of the sending, in one transaction."""
    require_role(actor, Role.staff, Role.manager)
    body = _body(text)
    per_minute = max(1, int(current_app.config.get("SILA_GROUP_MESSAGES_PER_MINUTE") or DEFAULT_PER_MINUTE))
    with committed():
        members = list(db.session.scalars(_members(group, actor).order_by(Applicant.id)))
        consenting = [member for member in members if not member.declines_group_messages]
        sending = GroupMessage(
            group_kind=group.kind, group_value=group.value or None, body=body, recipients=len(consenting),
            declined=len(members) - len(consenting), sent_by_id=actor.id,
        )
        db.session.add(sending)
        db.session.flush()
        now = utcnow()
        rows = []
        for position, member in enumerate(consenting):
            method, recipient = contact_for(member)
            if method == ContactMethod.phone:
                # A text for many is not a call list's work: those who prefer calls get it by SMS.
                method, recipient = ContactMethod.sms, member.mobile
            rows.append({
                "applicant_id": member.id, "event": NotificationEvent.group_message, "method": method,
                "recipient": recipient, "body": body, "status": "pending", "attempts": 0, "created_at": now,
                "next_attempt_at": now + timedelta(minutes=position // per_minute),
            })
        if rows:
            db.session.execute(insert(Notification), rows)
        record(
            "group_message", "group_message", sending.id, actor_id=actor.id,
            note=f"{group.kind} recipients={sending.recipients} declined={sending.declined}",
        )
    log.info("group message %s queued for %s recipients (%s opted out)", sending.id, sending.recipients, sending.declined)
    return sending
