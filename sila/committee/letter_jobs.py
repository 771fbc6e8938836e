"""Decision letters are rendered by a background job, never during the committee's web request.

Rendering an Arabic PDF takes WeasyPrint a noticeable while; a request that
decided (or a download that rendered each time) made the committee member and
the applicant wait for it. The decision now commits with its letter empty, and:
- on PostgreSQL with workers, a procrastinate job is deferred in the same
  transaction (its queue is a schema of the same database), so the letter is
  rendered within seconds and never for a decision that rolled back;
- everywhere, the every-minute `render_letters` job renders any decision
  still without its letter (the embedded scheduler's path, a lost deferral,
  decisions made before this, a letter erased with an anonymized file).
Until then the screens show «قيد الإعداد»; the downloads serve the stored PDF.
"""
from __future__ import annotations

from models.base import db, utcnow
from models.committee import Decision
from sila.jobs.deferral import defer_in_transaction

TASK = "sila.render_letter"
BATCH = 50


def queue_letter(decision: Decision) -> None:
    """Ask a worker to render the letter, in the caller's transaction: it commits or rolls back with it."""
    defer_in_transaction(TASK, {"decision_id": decision.id})


def render_letter(decision_id: int) -> bool:
    """Render and store one decision's letter unless it is already there; whether this call stored it."""
    from sila.committee.letters import decision_letter_pdf

    if db.session.scalar(db.select(Decision.letter_pdf.is_not(None)).where(Decision.id == decision_id)):
        return False
    data = decision_letter_pdf(decision_id)
    stored = db.session.execute(
        db.update(Decision).where(Decision.id == decision_id, Decision.letter_pdf.is_(None))
        .values(letter_pdf=data, letter_rendered_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return stored == 1


def render_pending(limit: int = BATCH) -> tuple[int, int]:
    """Render the letters still missing, oldest first; (rendered now, still waiting)."""
    missing = db.select(Decision.id).where(Decision.letter_pdf.is_(None))
    ids = list(db.session.scalars(missing.order_by(Decision.id).limit(limit)))
    rendered = sum(render_letter(decision_id) for decision_id in ids)
    waiting = db.session.scalar(db.select(db.func.count()).select_from(missing.subquery()))
    return rendered, waiting


def stored_letter(decision_id: int) -> bytes | None:
    """The rendered letter, or None while it is being prepared."""
    return db.session.scalar(db.select(Decision.letter_pdf).where(Decision.id == decision_id))
