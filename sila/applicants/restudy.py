"""The yearly re-study of every file, and the review that keeps files current.

A re-study snapshots the household figures, records what changed since the
previous one, recomputes the score of undecided requests, sets the next date
and reopens a file closed for a missed update. `review` (run by
`flask --app app files review`) sends notices ahead of the date and closes
files overdue beyond the grace period; it changes nothing unless applied.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.base import db
from models.enums import FileStatus, FileStatusReason, NotificationEvent, Role, TemplateKind
from models.notification import Notification
from models.organization import Organization
from models.restudy import Restudy
from models.user import User
from sila.applicants.file_status import change_status
from sila.applicants.household import figures
from sila.applicants.scoring import refresh_file
from sila.core.audit.recorder import record
from sila.core.dates import dual_date
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.outbox.queue import contact_for
from sila.settings.texts.store import render_text


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def snapshot(applicant: Applicant) -> dict[str, Any]:
    found = figures(applicant)
    return {
        "members": found.size - 1,
        "total_income": str(found.total_income),
        "income_per_person": str(found.income_per_person),
        "obligations": str(found.obligations),
        "housing": applicant.housing,
        "housing_condition": applicant.housing_condition,
    }


def _organization() -> Organization:
    return db.session.scalar(db.select(Organization).limit(1))


def next_date(today: date) -> date | None:
    months = _organization().restudy_months
    return add_months(today, months) if months else None


def record_restudy(applicant_id: int, actor: User, today: date, note: str | None = None) -> Restudy:
    with committed():
        applicant = locked_row(Applicant, applicant_id, _l("This file does not exist."))
        require_role(actor, Role.staff, Role.researcher)
        previous = db.session.scalar(
            db.select(Restudy).where(Restudy.applicant_id == applicant.id).order_by(Restudy.id.desc()).limit(1)
        )
        before = json.loads(previous.changes)["after"] if previous else None
        after = snapshot(applicant)
        changed = sorted(key for key in after if before is None or before.get(key) != after[key])
        restudy = Restudy(
            applicant_id=applicant.id, done_on=today, by_id=actor.id, note=(note or "").strip() or None,
            changes=json.dumps({"before": before, "after": after, "changed": changed}, ensure_ascii=False),
        )
        db.session.add(restudy)
        applicant.next_restudy_on = next_date(today)
        applicant.restudy_notice_on = None
        if applicant.file_status == FileStatus.closed and applicant.file_status_reason == FileStatusReason.missed_update:
            change_status(applicant, actor, FileStatus.active)
        refresh_file(applicant)
        record("restudy", "applicant", applicant.id, note=", ".join(changed) or None, actor_id=actor.id)
    return restudy


@dataclass
class Review:
    notices: list[Applicant] = field(default_factory=list)
    closures: list[Applicant] = field(default_factory=list)


def due_for_review(today: date, *, for_update: bool = False) -> Review:
    """Who gets a notice and whose file closes; `for_update` locks the files to close until commit."""
    organization = _organization()
    if organization is None or not organization.restudy_months:
        return Review()
    notice_from = today + timedelta(days=organization.restudy_notice_days)
    close_before = today - timedelta(days=organization.restudy_grace_days)
    notices = db.session.scalars(
        db.select(Applicant).where(
            Applicant.next_restudy_on.is_not(None), Applicant.next_restudy_on <= notice_from,
            Applicant.next_restudy_on >= close_before, Applicant.restudy_notice_on.is_(None),
            Applicant.file_status == FileStatus.active,
        ).order_by(Applicant.next_restudy_on)
    ).all()
    overdue = db.select(Applicant).where(
        Applicant.next_restudy_on < close_before, Applicant.file_status == FileStatus.active,
    ).order_by(Applicant.next_restudy_on)
    if for_update:
        # A file re-studied or given another status meanwhile is read again, and no longer matches.
        overdue = overdue.with_for_update().execution_options(populate_existing=True)
    closures = db.session.scalars(overdue).all()
    return Review(list(notices), list(closures))


def _notice(applicant: Applicant) -> Notification:
    method, recipient = contact_for(applicant)
    with force_locale("ar"):
        subject, body = render_text(TemplateKind.message, NotificationEvent.restudy, {
            "name": applicant.full_name, "due_date": dual_date(applicant.next_restudy_on),
        })
    return Notification(
        applicant_id=applicant.id, event=NotificationEvent.restudy, method=method,
        recipient=recipient, subject=subject, body=body,
    )


def apply_review(today: date, *, close_overdue: bool = True) -> Review:
    """Send the notices and close the overdue files, in one transaction, audited per file.

    The daily job passes `close_overdue=False` unless the administrator turned
    automatic closing on: then the overdue files are only reported.
    """
    with committed():
        review = due_for_review(today, for_update=close_overdue)
        for applicant in review.notices:
            db.session.add(_notice(applicant))
            applicant.restudy_notice_on = today
        if close_overdue:
            for applicant in review.closures:
                change_status(applicant, None, FileStatus.closed, FileStatusReason.missed_update)
    return review
