"""Attaching files to requests and handing them back, and who may do which.

Views only turn a form into a call and an outcome into a message; what a file
must be, who may upload or read it and what the audit log says live here, so
every caller gets the same rules. A refused upload leaves nothing behind: the
file is written only after every check, and removed again if the database
does not take the row.
"""
from __future__ import annotations

import hashlib
import unicodedata

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from models.aid_delivery import AidDelivery
from models.base import db
from models.enums import AttachmentKind, RequestStatus, Role
from models.household import IncomeSource, Obligation
from models.referral import Referral
from models.request import Attachment, ServiceRequest
from models.service_type import RequiredItem
from models.user import User
from sila.attachments import content, storage
from sila.branches.scope import may_reach
from sila.core.audit.recorder import record
from sila.core.errors import Refused
from sila.core.step_permissions import referrals_in_reach, require_role
from sila.core.unit_of_work import committed

MAX_NAME = 255
FALLBACK_NAME = "file"
UPLOADABLE_KINDS = frozenset({AttachmentKind.required_item, AttachmentKind.other})
# Within their branches: staff handle every request, representatives follow theirs, managers oversee.
SEES_EVERY_REQUEST = frozenset({Role.staff, Role.representative, Role.manager})
# Representatives bring the applicant's papers to the request; checking them stays with staff.
UPLOADERS = (Role.staff, Role.representative)
# Visit reports and the papers behind a household's income are part of the file the committee reads.
READS_VISITS = frozenset({Role.staff, Role.manager, Role.researcher, Role.committee})
# The committee reads a request's files once it has been put before it, and from then on.
COMMITTEE_STATUSES = frozenset({
    RequestStatus.submitted, RequestStatus.accepted, RequestStatus.rejected,
    RequestStatus.returned, RequestStatus.registered, RequestStatus.closed,
})


OTHER_BRANCH = _l("This file belongs to another branch.")


class NotAllowed(Refused):
    """The actor may not read this request's files: the screens answer 403."""


class AttachmentMissing(LookupError):
    """No such attachment, or its file is gone: the screens answer 404."""


def may_upload(actor: User | None) -> bool:
    """Whether to offer the upload form; the same rule `store_upload` enforces."""
    try:
        require_role(actor, *UPLOADERS)
    except Refused:
        return False
    return True


def display_name(raw: str | None) -> str:
    """The sender's file name made safe to show and to offer on download.

    Only the last path part is kept, and control and format characters are
    dropped: those include the bidi overrides (U+202E) that make
    `invoice<U+202E>fdp.exe` read as `invoiceexe.pdf` in a right-to-left table.
    """
    name = "".join(
        char for char in unicodedata.normalize("NFC", raw or "")
        if unicodedata.category(char)[0] != "C"
    )
    name = " ".join(name.replace("\\", "/").rsplit("/", 1)[-1].split())
    if not name.strip("."):
        return FALLBACK_NAME
    if len(name) <= MAX_NAME:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) < 10:
        return stem[: MAX_NAME - len(extension) - 1] + "." + extension
    return name[:MAX_NAME]


def _checked_kind(service_request: ServiceRequest, required_item_id: int | None, kind: str | None) -> str:
    if kind is None:
        kind = AttachmentKind.required_item if required_item_id is not None else AttachmentKind.other
    if kind not in UPLOADABLE_KINDS or (kind == AttachmentKind.required_item) != (required_item_id is not None):
        raise Refused(_l("Choose the required item this file supplies, or “Other”."))
    if required_item_id is not None:
        item = db.session.get(RequiredItem, required_item_id)
        if item is None or item.service_type_id != service_request.service_type_id:
            raise Refused(_l("The chosen item is not one of this request's required items."))
    return kind


def _read(upload: FileStorage | None) -> bytes:
    """At most one byte over the limit: enough to refuse, without reading a flood."""
    data = upload.stream.read(content.max_bytes() + 1) if upload is not None else b""
    if not data and (upload is None or not upload.filename):
        raise Refused(_l("Choose a file to upload."))
    return data


def _keep(upload: FileStorage | None, actor: User, audit: tuple[str, int], **owner: object) -> Attachment:
    """Check the file, write it, add its row and audit entry in one unit of work; remove the file if the row fails."""
    data = _read(upload)
    file_type = content.sniff(data)
    original_name = display_name(upload.filename if upload is not None else None)
    stored_name = storage.save(data, file_type.extension)
    try:
        with committed():
            attachment = Attachment(
                original_name=original_name, stored_name=stored_name, content_type=file_type.content_type,
                size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by_id=actor.id, **owner,
            )
            db.session.add(attachment)
            db.session.flush()
            record("upload", audit[0], audit[1], note=original_name, actor_id=actor.id)
    except Exception:
        storage.remove(stored_name)
        raise
    return attachment


def store_upload(
    request_id: int,
    upload: FileStorage | None,
    actor: User,
    required_item_id: int | None = None,
    kind: str | None = None,
) -> Attachment:
    """Check, store and record one uploaded file; the kind follows from the item when not given."""
    require_role(actor, *UPLOADERS)
    service_request = db.session.get(ServiceRequest, request_id)
    if service_request is None:
        raise Refused(_l("This request does not exist."))
    if not may_reach(ServiceRequest, request_id, actor):
        raise NotAllowed(OTHER_BRANCH)
    kind = _checked_kind(service_request, required_item_id, kind)
    return _keep(
        upload, actor, ("request", request_id), request_id=request_id, applicant_id=service_request.applicant_id,
        required_item_id=required_item_id, kind=kind,
    )


def store_visit_photo(visit_id: int, applicant_id: int, upload: FileStorage | None, actor: User) -> Attachment:
    """A photo or document of a home visit, checked like every upload; researchers and staff add them."""
    require_role(actor, Role.researcher, Role.staff)
    return _keep(
        upload, actor, ("visit", visit_id), applicant_id=applicant_id, visit_id=visit_id, kind=AttachmentKind.other,
    )


def may_attach_household_document(actor: User | None) -> bool:
    """Whether to offer the household's document forms; the same rule `store_household_document` enforces."""
    return actor is not None and actor.is_active and actor.role == Role.staff


def store_household_document(row: IncomeSource | Obligation, upload: FileStorage | None, actor: User) -> Attachment:
    """The paper behind an income or an obligation (salary slip, lease); a new one replaces the old link."""
    require_role(actor, Role.staff)
    with committed():
        attachment = _keep(
            upload, actor, ("applicant", row.applicant_id), applicant_id=row.applicant_id, kind=AttachmentKind.other,
        )
        row.attachment_id = attachment.id
    return attachment


def store_delivery_receipt(delivery: AidDelivery, upload: FileStorage, actor: User) -> Attachment:
    """The signed receipt's scan, checked like every upload, inside the delivery's own unit of work."""
    require_role(actor, Role.staff)
    request = delivery.request
    return _keep(
        upload, actor, ("request", request.id), request_id=request.id, applicant_id=request.applicant_id,
        kind=AttachmentKind.other,
    )


def _household_document(attachment_id: int) -> bool:
    return any(
        db.session.scalar(db.select(model.id).where(model.attachment_id == attachment_id).limit(1)) is not None
        for model in (IncomeSource, Obligation)
    )


def attachments_of(request_id: int) -> list[Attachment]:
    """A request's files in the order they arrived."""
    return list(db.session.scalars(
        db.select(Attachment)
        .where(Attachment.request_id == request_id)
        .order_by(Attachment.uploaded_at, Attachment.id)
    ))


def can_see_request(actor: User | None, request: ServiceRequest) -> bool:
    """Who may read a request's files: applicants' papers go only to those who handle them.

    Admins configure the system and never see applicants' files; the committee
    sees them once the request is before it; a researcher only through a
    referral of that request to him or to the shared queue.
    """
    if actor is None or not actor.is_active:
        return False
    if actor.role in SEES_EVERY_REQUEST:
        return True
    if actor.role == Role.committee:
        return request.status in COMMITTEE_STATUSES
    if actor.role == Role.researcher:
        referral = db.session.scalar(
            db.select(Referral.id)
            .where(
                Referral.request_id == request.id,
                referrals_in_reach(actor.id),
            )
            .limit(1)
        )
        return referral is not None
    return False


def _may_read(actor: User | None, attachment: Attachment) -> bool:
    if not may_reach(Attachment, attachment.id, actor):
        return False
    if attachment.visit_id is not None or (attachment.request_id is None and _household_document(attachment.id)):
        return actor is not None and actor.is_active and actor.role in READS_VISITS
    if attachment.request_id is None:
        return actor is not None and actor.is_active and actor.role in SEES_EVERY_REQUEST
    service_request = db.session.get(ServiceRequest, attachment.request_id)
    return service_request is not None and can_see_request(actor, service_request)


def open_for_download(attachment_id: int, actor: User | None) -> tuple[Attachment, bytes]:
    """The attachment and its bytes, after checking the reader and recording the download."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        raise AttachmentMissing(attachment_id)
    if not _may_read(actor, attachment):
        raise NotAllowed(_l("You may not open the files of this request."))
    try:
        data = storage.read(attachment.stored_name)
    except FileNotFoundError as exc:
        raise AttachmentMissing(attachment_id) from exc
    record("download", "request", attachment.request_id, note=attachment.original_name, actor_id=actor.id)
    db.session.commit()
    return attachment, data
