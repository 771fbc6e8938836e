"""The file's status: active, suspended until a date, closed, or blocked — with who and why.

A suspended (until its date), closed or blocked file cannot go to the research
committee; `held_reason` says why in Arabic, and `submit` refuses with it.
`change_status` is the only writer of the status, its reason and who set it
when: the staff screen (`set_file_status`), the re-study that reopens a file
closed for a missed update and the yearly review that closes overdue files
all call it, so each leaves the same row and the same audit entry. A file
suspended, closed or blocked stops its aid instalments not yet delivered, and
the status note says how many.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.base import utcnow
from models.enums import FileStatus, FileStatusReason, Role, label
from models.user import User
from sila.aid.schedule import stop_future
from sila.core.audit.recorder import record
from sila.core.dates import dual_date
from sila.core.errors import Refused
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row

# Holding a file back from the committee is a judgement: never a representative's.
SETS_STATUS = (Role.staff, Role.researcher)


def may_set_status(actor: User | None) -> bool:
    """Whether to offer the status form; the same rule `set_file_status` enforces."""
    return actor is not None and actor.is_active and actor.role in SETS_STATUS


def held_reason(applicant: Applicant, today: date) -> str | None:
    """Why this file cannot be submitted now, or None when it can."""
    status = applicant.file_status
    why = label(FileStatusReason, applicant.file_status_reason) if applicant.file_status_reason else ""
    if status == FileStatus.suspended and (applicant.suspended_until is None or applicant.suspended_until >= today):
        if applicant.suspended_until is None:
            return _("The file is suspended (%(reason)s).", reason=why)
        return _("The file is suspended until %(date)s (%(reason)s).", date=dual_date(applicant.suspended_until), reason=why)
    if status == FileStatus.blocked:
        return _("The file is blocked (%(reason)s).", reason=why)
    if status == FileStatus.closed:
        return _("The file is closed (%(reason)s); reopen it first.", reason=why)
    return None


def change_status(
    applicant: Applicant,
    actor: User | None,
    status: str,
    reason: str | None = None,
    until: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> None:
    """Write the file's status with who and why, in the caller's unit of work on a row it locked.

    `actor` is None when the yearly review acts on its own; who may act is the
    caller's to check, what makes a status valid is checked here for every path.
    """
    if status not in {value.value for value in FileStatus}:
        raise Refused(_l("Choose a file status."))
    if status != FileStatus.active and reason not in {value.value for value in FileStatusReason}:
        raise Refused(_l("Choose the reason for this status."))
    if status == FileStatus.suspended and (until is None or (today and until < today)):
        raise Refused(_l("A suspension needs an end date that is not in the past."))
    old = applicant.file_status
    note = (note or "").strip() or None
    if status != FileStatus.active:
        stopped = stop_future(applicant.id, _("The file became “%(status)s”.", status=label(FileStatus, status)))
        if stopped:
            note = " — ".join(filter(None, (note, _("%(count)s future aid instalment(s) stopped.", count=stopped))))
    applicant.file_status = status
    applicant.file_status_reason = reason if status != FileStatus.active else None
    applicant.suspended_until = until if status == FileStatus.suspended else None
    applicant.file_status_note = note
    applicant.file_status_at = utcnow()
    applicant.file_status_by_id = actor.id if actor else None
    record("file_status", "applicant", applicant.id, field="file_status", old=old, new=status,
           note=applicant.file_status_note, actor_id=actor.id if actor else None)


def set_file_status(
    applicant_id: int,
    actor: User,
    status: str,
    reason: str | None = None,
    until: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Applicant:
    """Staff or a researcher set the status from the file's page."""
    with committed():
        applicant = locked_row(Applicant, applicant_id, _l("This file does not exist."))
        require_role(actor, *SETS_STATUS)
        change_status(applicant, actor, status, reason, until, note, today)
    return applicant
