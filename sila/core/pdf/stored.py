"""Minutes and batch reports: rendered by a background job once final, stored, served as stored.

Rendering an Arabic PDF takes WeasyPrint a noticeable while, and a closed
meeting's minutes or an approved batch's report is downloaded again and again
(printed, signed, sent to the bank, filed). So, as with decision letters
(sila/committee/letter_jobs.py), the web request that makes the document final
only asks for it (`ask_for`), in its own transaction:
- on PostgreSQL with workers the procrastinate task `sila.render_document`
  is deferred in that transaction, so a worker renders it within seconds;
- everywhere, the every-minute `render_documents` job renders what is asked
  for and not yet there, and asks for every final subject that has no row
  (the embedded scheduler's path, a lost deferral, meetings closed and batches
  approved before this version).
Until then the pages show «قيد الإعداد»; the download serves the stored bytes.

The rule that keeps a stored PDF true — each change of what it shows asks for
it again, in the transaction of the change, which empties it and moves its
generation on:
- minutes are final when the meeting is closed (`meetings.close_meeting`): no
  step accepts a closed meeting, so they are asked for once. Before that they
  are a draft that changes with each vote, rendered on demand like the
  data-access dossier;
- a batch's report is final when the batch is approved (its lines and amounts
  are fixed from then), and asked for again when it is marked paid, since the
  report shows who marked it paid and when. A prepared batch's report is a
  draft rendered on demand, as it may still be discarded;
- both name applicants (the report also their IBANs): retention empties every
  stored document naming a file it anonymizes (`forget_naming`), and the job
  renders it again from the erased file.
What a stored document shows of people (names) is therefore the state when it
became final, like a signed paper; a render that started before a change never
stores over it (the generation check in `render`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.base import db, utcnow
from models.stored_document import DocumentKind, StoredDocument
from sila.jobs.deferral import defer_in_transaction

TASK = "sila.render_document"
BATCH = 20


@dataclass(frozen=True)
class Kind:
    render: Callable[[int], bytes]
    # The subjects whose document is due (final), and those whose document names one of these requests.
    final: Callable[[], Select]
    naming: Callable[[list[int]], Select]


def _kinds() -> dict[str, Kind]:
    from models.committee import AgendaItem, Meeting
    from models.disbursement_batch import BatchLine, DisbursementBatch
    from models.enums import BatchStatus, MeetingStatus
    from sila.aid.batch_report import batch_report_pdf
    from sila.committee.minutes import minutes_pdf

    return {
        DocumentKind.minutes.value: Kind(
            render=minutes_pdf,
            final=lambda: db.select(Meeting.id).where(Meeting.status == MeetingStatus.closed),
            naming=lambda ids: db.select(AgendaItem.meeting_id).where(AgendaItem.request_id.in_(ids)),
        ),
        DocumentKind.batch_report.value: Kind(
            render=lambda batch_id: batch_report_pdf(db.session.get(DisbursementBatch, batch_id)),
            final=lambda: db.select(DisbursementBatch.id).where(
                DisbursementBatch.status.in_((BatchStatus.approved, BatchStatus.paid))),
            naming=lambda ids: db.select(BatchLine.batch_id).where(BatchLine.request_id.in_(ids)),
        ),
    }


def _insert():  # type: ignore[no-untyped-def]
    return postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert


def ask_for(kind: DocumentKind, subject_id: int) -> None:
    """In the caller's transaction: the document is (again) to be rendered; any stored copy is dropped."""
    statement = _insert()(StoredDocument).values(kind=kind, subject_id=subject_id, generation=1)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["kind", "subject_id"],
        set_={"pdf": None, "rendered_at": None, "generation": StoredDocument.generation + 1},
    ))
    defer_in_transaction(TASK, {"kind": str(kind), "subject_id": subject_id})


def render(kind: str, subject_id: int) -> bool:
    """Render and store one asked-for document; whether this call stored it.

    The generation is read before anything the document shows, so whatever
    changes after that read also moves the generation, and the store is refused.
    """
    asked = db.session.execute(
        db.select(StoredDocument.id, StoredDocument.generation)
        .where(StoredDocument.kind == kind, StoredDocument.subject_id == subject_id, StoredDocument.pdf.is_(None))
    ).first()
    if asked is None:
        db.session.rollback()
        return False
    data = _kinds()[kind].render(subject_id)
    stored = db.session.execute(
        db.update(StoredDocument)
        .where(StoredDocument.id == asked.id, StoredDocument.generation == asked.generation,
               StoredDocument.pdf.is_(None))
        .values(pdf=data, rendered_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return stored == 1


def _ask_for_unasked() -> None:
    """Final subjects without a row yet (closed or approved before this version, or a deferral lost)."""
    for kind, spec in _kinds().items():
        asked = db.select(StoredDocument.subject_id).where(StoredDocument.kind == kind)
        missing = spec.final().where(spec.final().selected_columns[0].not_in(asked))
        rows = [{"kind": kind, "subject_id": subject_id, "generation": 1} for subject_id in db.session.scalars(missing)]
        if rows:
            db.session.execute(_insert()(StoredDocument).values(rows).on_conflict_do_nothing(
                index_elements=["kind", "subject_id"]))
    db.session.commit()


def render_pending(limit: int = BATCH) -> tuple[int, int]:
    """Render the documents asked for and not there yet, oldest first; (rendered now, still waiting)."""
    _ask_for_unasked()
    waiting = db.select(StoredDocument.kind, StoredDocument.subject_id).where(StoredDocument.pdf.is_(None))
    rows = db.session.execute(waiting.order_by(StoredDocument.id).limit(limit)).all()
    db.session.rollback()
    rendered = sum(render(kind, subject_id) for kind, subject_id in rows)
    left = db.session.scalar(db.select(db.func.count()).select_from(waiting.subquery()))
    db.session.rollback()
    return rendered, left


def stored(kind: DocumentKind, subject_id: int) -> bytes | None:
    """The rendered document, or None while it is being prepared."""
    return db.session.scalar(
        db.select(StoredDocument.pdf).where(StoredDocument.kind == kind, StoredDocument.subject_id == subject_id))


def _is_final(kind: str, subject_id: int) -> bool:
    final = _kinds()[kind].final()
    return db.session.scalar(final.where(final.selected_columns[0] == subject_id)) is not None


def preparing(kind: DocumentKind, subject_id: int) -> bool:
    """Whether the subject is final and its document not stored yet: the pages say «قيد الإعداد»."""
    ready = db.select(StoredDocument.id).where(StoredDocument.kind == kind, StoredDocument.subject_id == subject_id,
                                               StoredDocument.pdf.is_not(None))
    return _is_final(kind, subject_id) and db.session.scalar(ready) is None


def for_download(kind: DocumentKind, subject_id: int) -> bytes | None:
    """The stored document of a final subject (None while it is prepared); before that, a draft rendered now."""
    if not _is_final(kind, subject_id):
        return _kinds()[kind].render(subject_id)
    return stored(kind, subject_id)


def forget_naming(request_ids: list[int]) -> None:
    """In retention's transaction: empty every stored document naming these requests' applicants."""
    if not request_ids:
        return
    named = [(StoredDocument.kind == kind) & StoredDocument.subject_id.in_(spec.naming(request_ids))
             for kind, spec in _kinds().items()]
    db.session.execute(
        db.update(StoredDocument).where(or_(*named))
        .values(pdf=None, rendered_at=None, generation=StoredDocument.generation + 1)
        .execution_options(synchronize_session=False)
    )
