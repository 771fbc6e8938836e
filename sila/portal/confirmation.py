"""A new application waits until the code sent to its mobile is entered; only then is it a request.

Until then it is held beside its code (models/held_application.py): no file,
no number, nothing counted, nothing in any staff list. The code goes to the
mobile typed on the form, whether or not a file holds that national ID, so
the answer never tells who is known. It follows the sign-in code's rules
(sila/portal/sign_in.py): five minutes, five tries, one use, a conditional
UPDATE per try. The code message is handed to the SMS backend at once and
kept nowhere: without a file there is no applicant to keep it under. Held
applications whose code expired unentered are pruned with their files.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from models.base import db, utcnow
from models.enums import CodePurpose, ContactMethod, NotificationEvent, TemplateKind
from models.held_application import HeldApplication
from models.notification import Notification
from models.portal_code import PortalCode
from models.request import ServiceRequest
from sila.attachments import storage
from sila.core.unit_of_work import committed
from sila.outbox.backends import DeliveryFailed, configured_backend
from sila.portal import uploads as documents
from sila.portal.applications import Application, receive_application
from sila.portal.sign_in import MAX_TRIES, new_code, spend_code
from sila.portal.uploads import Upload
from sila.settings.texts.store import render_text

# Codes nobody entered are kept this long past their expiry, then pruned: long enough to read a throttle's story.
KEPT_AFTER_EXPIRY = timedelta(hours=1)


def hold_application(application: Application, files: Sequence[Upload] = ()) -> int:
    """The id of the code that will release the application; the caller keeps it in the browser's session."""
    stored: list[str] = []
    try:
        with committed():
            row, code = new_code(CodePurpose.apply, application.national_id, application.mobile, None)
            typed = {**asdict(application), "birth_date": application.birth_date.isoformat()}
            db.session.add(HeldApplication(
                code_id=row.id, typed=json.dumps(typed, ensure_ascii=False),
                files=json.dumps(documents.kept(files, stored), ensure_ascii=False),
            ))
    except Exception:
        documents.discard(stored)
        raise
    _send(application.mobile, code)
    return row.id


def _send(mobile: str, code: str) -> None:
    """By SMS, since the code proves the mobile; a provider's failure leaves the applicant to apply again."""
    with force_locale("ar"):
        subject, text = render_text(TemplateKind.message, NotificationEvent.apply_code, {"code": code})
    message = Notification(
        event=NotificationEvent.apply_code, method=ContactMethod.sms, recipient=mobile, subject=subject, body=text,
    )
    try:
        configured_backend(current_app.config).send(message)
    except DeliveryFailed:
        current_app.logger.warning("an application's confirmation code could not be sent")


def confirm_application(code_id: object, typed: str | None) -> ServiceRequest | None:
    """The request the right code releases; None for a wrong, expired, used or unknown code alike.

    Two first applications with the same new national ID at once collide on
    its unique index; the loser is tried once more and then finds the winner.
    """
    try:
        return _released(code_id, typed)
    except IntegrityError:
        return _released(code_id, typed)


def _released(code_id: object, typed: str | None) -> ServiceRequest | None:
    with committed():
        row = spend_code(code_id, typed, CodePurpose.apply)
        held = db.session.scalar(db.select(HeldApplication).where(HeldApplication.code_id == row.id)) if row else None
        if held is None:
            return None
        values = json.loads(held.typed)
        application = Application(**{**values, "birth_date": date.fromisoformat(values["birth_date"])})
        request = receive_application(application, json.loads(held.files))
        db.session.delete(held)
    return request


def prune(now: datetime | None = None) -> tuple[int, int]:
    """(held applications, codes) removed: applications never confirmed, and codes that can open nothing.

    A held application goes once its code expired or ran out of tries; its files go with it.
    A code goes an hour after it expired if it was never used or names no file (a code asked for
    details no file holds, an application's once confirmed); used sign-in codes are the portal sessions and stay.
    """
    now = now or utcnow()
    dead = db.or_(PortalCode.expires_at <= now, PortalCode.attempts >= MAX_TRIES)
    with committed():
        held = list(db.session.scalars(
            db.select(HeldApplication).join(PortalCode, PortalCode.id == HeldApplication.code_id)
            .where(PortalCode.used_at.is_(None), dead)
        ))
        stored = [file["stored"] for application in held for file in json.loads(application.files)]
        for application in held:
            db.session.delete(application)
        db.session.flush()
        codes = db.session.execute(
            db.delete(PortalCode)
            .where(
                db.or_(PortalCode.used_at.is_(None), PortalCode.applicant_id.is_(None)),
                PortalCode.expires_at <= now - KEPT_AFTER_EXPIRY,
                ~db.exists().where(HeldApplication.code_id == PortalCode.id),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    for stored_name in stored:
        storage.remove(stored_name)
    return len(held), codes
