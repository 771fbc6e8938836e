"""Asking the applicant online for the documents his request still lacks, and taking them from the portal.

Staff choose the checklist's document items and write a note; the applicant
gets a message with a link to his file (always sent: it is essential, so a
preference for phone calls becomes an SMS and his opt-out of group messages
does not apply), signs in and uploads each item. The file passes the same
content checks as every upload and ticks the item as supplied on the
checklist; matching it against the original stays with staff. No visit, no
phone call. Every step here is one transaction with its audit entry.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.base import db, utcnow
from models.enums import AttachmentKind, ContactMethod, NotificationEvent, RequiredItemKind, Role
from models.missing_items import AskedItem, MissingItemsAsk
from models.request import Attachment, ItemCheck, ServiceRequest
from models.user import User
from sila.attachments import storage
from sila.core.audit.recorder import record
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_request
from sila.outbox.queue import queue_notification
from sila.portal.uploads import Upload
from sila.requests.checklist import EDITABLE, checks_by_item

MAX_NOTE = 1000
MY_FILE_PATH = "/my-file"


def askable_items(request: ServiceRequest) -> list:
    """The request's document items not yet matched against the original: the ones worth asking for."""
    checks = checks_by_item(request)
    return [
        item for item in request.service_type.required_items
        if item.kind == RequiredItemKind.document and not (item.id in checks and checks[item.id].matched)
    ]


def portal_link() -> str:
    return f"{(current_app.config.get('SILA_PUBLIC_URL') or '').rstrip('/')}{MY_FILE_PATH}"


def ask(request_id: int, actor: User, item_ids: list[int], note: str | None) -> MissingItemsAsk:
    """Record the ask and queue its message; refused in Arabic when nothing askable was chosen."""
    with committed():
        request = locked_request(request_id)
        require_role(actor, Role.staff)
        if request.status not in EDITABLE:
            raise Refused(_l("Missing documents can only be asked for before verification."))
        askable = {item.id: item for item in askable_items(request)}
        chosen = [askable[item_id] for item_id in dict.fromkeys(item_ids) if item_id in askable]
        if not chosen or len(chosen) != len(set(item_ids)):
            raise Refused(_l("Choose at least one of this request's documents that is not matched yet."))
        text = (note or "").strip() or None
        if text and len(text) > MAX_NOTE:
            raise Refused(_l("The note is too long (at most 1000 characters)."))
        missing = MissingItemsAsk(request_id=request.id, note=text, asked_by_id=actor.id)
        db.session.add(missing)
        db.session.flush()
        for item in chosen:
            db.session.add(AskedItem(ask_id=missing.id, request_id=request.id, required_item_id=item.id))
        names = "، ".join(item.name for item in chosen)
        message = queue_notification(
            request, NotificationEvent.missing_items, items=names, note=text or "", link=portal_link(),
        )
        if message.method == ContactMethod.phone:
            message.method, message.recipient = ContactMethod.sms, request.applicant.mobile
        record("ask_missing_items", "request", request.id, note=names, actor_id=actor.id)
    return missing


@dataclass(frozen=True)
class Outstanding:
    """One document asked of the applicant, as his portal page lists it."""

    asked_item_id: int
    request_number: str
    item: str
    note: str | None
    supplied: bool


def asked_of(applicant: Applicant) -> list[Outstanding]:
    """Every item asked on his requests still open to documents, supplied or not, newest ask first."""
    rows = db.session.execute(
        db.select(AskedItem, MissingItemsAsk, ServiceRequest)
        .join(MissingItemsAsk, MissingItemsAsk.id == AskedItem.ask_id)
        .join(ServiceRequest, ServiceRequest.id == AskedItem.request_id)
        .where(ServiceRequest.applicant_id == applicant.id, ServiceRequest.status.in_(EDITABLE))
        .order_by(MissingItemsAsk.id.desc(), AskedItem.id)
    ).all()
    return [
        Outstanding(asked.id, request.number, asked.required_item.name, missing.note, asked.supplied_at is not None)
        for asked, missing, request in rows
    ]


def open_item(applicant: Applicant, asked_item_id: int) -> AskedItem | None:
    """The asked item when it is his and still waits for a file; None for any other number alike."""
    return db.session.scalar(
        db.select(AskedItem).join(ServiceRequest, ServiceRequest.id == AskedItem.request_id)
        .where(
            AskedItem.id == asked_item_id, AskedItem.supplied_at.is_(None),
            ServiceRequest.applicant_id == applicant.id, ServiceRequest.status.in_(EDITABLE),
        )
    )


def supply(applicant: Applicant, asked_item_id: int, upload: Upload) -> AskedItem:
    """Attach his checked file to the asked item and tick it supplied, awaiting staff matching.

    A second tab sending the same item loses to the first: the item is claimed
    by a conditional UPDATE, and the loser's stored file is removed again.
    """
    stored_name = storage.save(upload.data, upload.file_type.extension)
    try:
        with committed():
            asked = open_item(applicant, asked_item_id)
            if asked is None:
                raise Refused(_l("This document is no longer asked for."))
            request = locked_request(asked.request_id)
            attachment = Attachment(
                request_id=request.id, applicant_id=applicant.id, required_item_id=asked.required_item_id,
                kind=AttachmentKind.required_item, original_name=upload.name, stored_name=stored_name,
                content_type=upload.file_type.content_type, size_bytes=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(), uploaded_by_id=None,
            )
            db.session.add(attachment)
            db.session.flush()
            claimed = db.session.execute(
                db.update(AskedItem).where(AskedItem.id == asked.id, AskedItem.supplied_at.is_(None))
                .values(supplied_at=utcnow(), attachment_id=attachment.id)
                .execution_options(synchronize_session=False)
            ).rowcount
            if claimed != 1:
                raise Refused(_l("This document is no longer asked for."))
            check = checks_by_item(request).get(asked.required_item_id)
            if check is None:
                check = ItemCheck(request=request, required_item_id=asked.required_item_id, matched=False)
                db.session.add(check)
            check.supplied = True
            check.checked_at = utcnow()
            record("supply_missing_item", "request", request.id, note=upload.name)
    except BaseException:
        storage.remove(stored_name)
        raise
    db.session.refresh(asked)
    return asked


@dataclass(frozen=True)
class AskedLine:
    item: str
    supplied_on: object
    attachment_id: int | None
    matched: bool


@dataclass(frozen=True)
class AskSummary:
    asked_on: object
    asked_by: str | None
    note: str | None
    lines: list[AskedLine]


def asks_on(request: ServiceRequest) -> list[AskSummary]:
    """The request page's record of what was asked online and what came back, newest first."""
    checks = checks_by_item(request)
    asks = db.session.scalars(
        db.select(MissingItemsAsk).where(MissingItemsAsk.request_id == request.id).order_by(MissingItemsAsk.id.desc())
    )
    return [
        AskSummary(
            missing.created_at, missing.asked_by.full_name if missing.asked_by else None, missing.note,
            [
                AskedLine(
                    asked.required_item.name, asked.supplied_at, asked.attachment_id,
                    bool(asked.supplied_at and asked.required_item_id in checks and checks[asked.required_item_id].matched),
                )
                for asked in missing.items
            ],
        )
        for missing in asks
    ]
