"""One-time codes for the applicant's own door, and the short portal session each one opens.

A row is written for every code asked for, whether or not the typed ID and
mobile match a file: only a matching one is sent, but the answer and the work
done are the same, so nobody learns who has a file. Only an HMAC of the code
is kept. Once used, the same row is the portal session: signing out or fifteen
idle minutes end it on the server, whatever cookie a browser still holds.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.base import Timestamped, db, one_of
from models.branch_path import OF_APPLICANT
from models.enums import CodePurpose
from models.personal_data import FACT, SEARCH, SYSTEM, personal


class PortalCode(Timestamped, db.Model):
    __tablename__ = "portal_codes"
    # A code asked for with no matching file has no applicant, and so no branch: no staff screen shows either.
    __branch__ = OF_APPLICANT
    __table_args__ = (
        one_of("purpose", CodePurpose),
        Index("ix_portal_codes_subject_created_at", "subject", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    purpose: Mapped[str] = mapped_column(String(24), info=personal(FACT, codes=CodePurpose))
    # HMAC of the typed national ID and mobile: finds the codes asked for by one person without storing either.
    subject: Mapped[str] = mapped_column(String(64), info=personal(SEARCH))
    applicant_id: Mapped[int | None] = mapped_column(
        ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM),
    )
    code_hash: Mapped[str] = mapped_column(String(64), info=personal(SYSTEM))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    attempts: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))

    applicant: Mapped[Applicant | None] = relationship()
