"""The documents an applicant may attach on the portal: one optional file per required document item.

The files go through the attachment service's own rules (content sniffing,
the size limit, safe display names, random stored names), so a portal file is
no less checked than one a staff member uploads. They are checked before the
request is saved and stored inside its transaction; if that transaction does
not commit, the stored bytes are removed again and nothing is left behind.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from werkzeug.datastructures import FileStorage, MultiDict

from models.base import db
from models.enums import AttachmentKind, RequiredItemKind
from models.request import Attachment, ServiceRequest
from models.service_type import RequiredItem, ServiceType
from sila.attachments import content, storage
from sila.attachments.content import FileType
from sila.attachments.service import display_name
from sila.core.audit.recorder import record
from sila.core.errors import Refused

FIELD_PREFIX = "item-"


@dataclass(frozen=True)
class Upload:
    """One checked file, waiting for its request to exist."""

    required_item_id: int
    name: str
    data: bytes
    file_type: FileType


def field_name(item: RequiredItem) -> str:
    return f"{FIELD_PREFIX}{item.id}"


def document_items(service: ServiceType) -> list[RequiredItem]:
    """The items of a service that are papers, the only ones a file can supply."""
    return [item for item in service.required_items if item.kind == RequiredItemKind.document]


def checked_uploads(files: MultiDict[str, FileStorage], items: Iterable[RequiredItem]) -> tuple[list[Upload], dict[int, str]]:
    """The chosen service's files that pass the checks, and a message for each item whose file does not.

    Every item is optional: an empty file input is simply skipped. Files sent
    for another service's items are never read.
    """
    uploads: list[Upload] = []
    errors: dict[int, str] = {}
    for item in items:
        sent = files.get(field_name(item))
        if sent is None or not sent.filename:
            continue
        try:
            uploads.append(checked_file(sent, item.id))
        except Refused as refusal:
            errors[item.id] = str(refusal)
    return uploads, errors


def checked_file(sent: FileStorage, required_item_id: int) -> Upload:
    """One sent file, read up to the size limit and checked by its content; Refused in Arabic otherwise."""
    data = sent.stream.read(content.max_bytes() + 1)
    return Upload(required_item_id, display_name(sent.filename), data, content.sniff(data))


def store(request: ServiceRequest, uploads: Iterable[Upload], stored: list[str]) -> None:
    """Store each file for the request in the caller's transaction, naming them in `stored` for cleanup."""
    for upload in uploads:
        stored_name = storage.save(upload.data, upload.file_type.extension)
        stored.append(stored_name)
        db.session.add(Attachment(
            request_id=request.id, applicant_id=request.applicant_id, required_item_id=upload.required_item_id,
            kind=AttachmentKind.required_item, original_name=upload.name, stored_name=stored_name,
            content_type=upload.file_type.content_type, size_bytes=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(), uploaded_by_id=None,
        ))
        record("upload", "request", request.id, note=upload.name)


def kept(uploads: Iterable[Upload], stored: list[str]) -> list[dict[str, object]]:
    """Store each file ahead of its request, naming them in `stored` for cleanup; what attaching them needs later."""
    held: list[dict[str, object]] = []
    for upload in uploads:
        stored_name = storage.save(upload.data, upload.file_type.extension)
        stored.append(stored_name)
        held.append({
            "item": upload.required_item_id, "name": upload.name, "stored": stored_name,
            "type": upload.file_type.content_type, "size": len(upload.data),
            "sha256": hashlib.sha256(upload.data).hexdigest(),
        })
    return held


def attach_kept(request: ServiceRequest, held: Iterable[dict]) -> None:
    """The files kept for an application, attached to the request it became, in the caller's transaction."""
    for file in held:
        db.session.add(Attachment(
            request_id=request.id, applicant_id=request.applicant_id, required_item_id=file["item"],
            kind=AttachmentKind.required_item, original_name=file["name"], stored_name=file["stored"],
            content_type=file["type"], size_bytes=file["size"], sha256=file["sha256"], uploaded_by_id=None,
        ))
        record("upload", "request", request.id, note=file["name"])


def discard(stored: list[str]) -> None:
    """Remove files stored by a transaction that did not commit."""
    for stored_name in stored:
        storage.remove(stored_name)
    stored.clear()
    db.session.rollback()
