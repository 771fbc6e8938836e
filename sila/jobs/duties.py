"""What each background job does: the same domain functions the manual `flask` commands call.

Each returns one line for the jobs screen, counts only: the screen and the
log are read by people who need not see who was concerned. Unattended runs act
only where a mistake can be undone or the administrator said so:
- the re-study review always queues the notices (a reminder), but closes
  overdue files only when "Close overdue files automatically" is on;
- expired vouchers are released (their value given back) without asking: a
  new voucher can be issued for what is left, as after a cancel;
- retention erases only when "Anonymize past the retention period
  automatically" is on; otherwise it counts who is eligible and leaves the
  erasure to `flask retention run`, which asks for the dry run's code.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from models import Organization, db
from sila.core.dates import today


def send_messages() -> str:
    from sila.outbox.backends import configured_backend
    from sila.outbox.sender import send_pending

    outcome = send_pending(configured_backend(current_app.config))
    return f"sent={outcome.sent} retrying={outcome.retrying} failed={outcome.failed}"


def render_letters() -> str:
    from sila.committee.letter_jobs import render_pending

    rendered, waiting = render_pending()
    return f"rendered={rendered} waiting={waiting}"


def render_documents() -> str:
    """Closed meetings' minutes and approved batches' reports not stored yet (sila/core/pdf/stored.py)."""
    from sila.core.pdf.stored import render_pending

    rendered, waiting = render_pending()
    return f"documents={rendered} documents_waiting={waiting}"


def _organization() -> Organization | None:
    return db.session.scalar(db.select(Organization).limit(1))


def review_files() -> str:
    from sila.applicants.restudy import apply_review

    organization = _organization()
    close = bool(organization and organization.auto_close_overdue)
    review = apply_review(today(), close_overdue=close)
    closed = len(review.closures) if close else 0
    return f"notices={len(review.notices)} closed={closed} overdue_left={len(review.closures) - closed}"


def prune_portal() -> str:
    """Applications whose mobile was never confirmed, and codes that can open nothing any more."""
    from sila.portal.confirmation import prune

    applications, codes = prune()
    return f"applications={applications} codes={codes}"


def expire_vouchers() -> str:
    """Vouchers left unredeemed past their last day give their value back to their funding sources."""
    from sila.aid.vouchers import release_expired

    return f"released={release_expired(today())}"


def retention() -> str:
    from sila.privacy.retention import apply, eligible

    found = eligible(today())
    organization = _organization()
    if found.years is None or not (organization and organization.auto_retention):
        return f"eligible={len(found.applicant_ids)} anonymized=0"
    return f"eligible={len(found.applicant_ids)} anonymized={apply(today(), found.code)}"


def backup() -> str:
    """A new backup, then only the SILA_BACKUP_KEEP most recent kept: a full disk would stop the next."""
    from sila.operations.backup import backup as write_backup
    from sila.operations.backup import prune

    destination = Path(current_app.config["SILA_BACKUP_DIR"] or Path(current_app.instance_path) / "backups")
    folder = write_backup(destination)
    removed = prune(destination, current_app.config["SILA_BACKUP_KEEP"])
    return f"folder={folder.name} removed={len(removed)}"
