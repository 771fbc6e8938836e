"""A PDF a background job rendered and stored: a closed meeting's minutes, an approved batch's report.

One small table rather than a column on each subject, because both documents
live the same life — asked for in the transaction that makes their subject
final, rendered by one job, served as stored, emptied when what they show
changes or a person they name is anonymized — and one table lets the job, the
download and retention treat them alike (sila/core/pdf/stored.py). It also keeps
the bytes out of the meetings and batches rows that lists and row locks read,
and a change of the document never moves the subject's optimistic-lock version.

`generation` counts the times the document was asked for: a render stores its
bytes only if the generation it started from is still the row's, so a change
committed while it rendered is never covered by an older PDF.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import FACT, SEARCH, SYSTEM, personal


class DocumentKind(StrEnum):
    minutes = "minutes"  # subject: meetings.id
    batch_report = "batch_report"  # subject: disbursement_batches.id


class StoredDocument(db.Model):
    __tablename__ = "stored_documents"
    # Never listed nor read by itself: only the download of its meeting or batch serves it, scoped as they are.
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (UniqueConstraint("kind", "subject_id"), one_of("kind", DocumentKind))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    kind: Mapped[str] = mapped_column(String(24), info=personal(SYSTEM))
    subject_id: Mapped[int] = mapped_column(Integer, info=personal(SYSTEM))
    generation: Mapped[int] = mapped_column(Integer, default=1, info=personal(SYSTEM))
    # Names applicants (and, in a batch report, their IBANs): emptied by retention, never shown as a value.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, info=personal(SEARCH))
    rendered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
