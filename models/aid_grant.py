"""What the committee granted on an accepted request, and the instalments of recurring cash aid."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db, one_of, utcnow
from models.branch_path import ASSOCIATION_WIDE, OF_REQUEST
from models.enums import AidKind, InstalmentStatus
from models.funding_source import FundingSource
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.request import ServiceRequest
from models.user import User


class AidGrant(db.Model):
    """One per accepted request: the kind, the amount (per instalment for cash), how many, charged to which source.

    Written by the grant step (sila/aid/grants.py), which records its own audit entry.
    """

    __tablename__ = "aid_grants"
    __branch__ = OF_REQUEST
    __table_args__ = (one_of("kind", AidKind),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="RESTRICT"), unique=True, info=personal(SYSTEM)
    )
    kind: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Aid kind"), codes=AidKind))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Amount (riyals)")))
    instalments: Mapped[int] = mapped_column(Integer, default=1, info=personal(FACT, _l("Instalments")))
    description: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("What was granted")))
    funding_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_sources.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=personal(FACT, _l("Granted on")))

    request: Mapped[ServiceRequest] = relationship()
    funding_source: Mapped[FundingSource | None] = relationship()
    granted_by: Mapped[User | None] = relationship()
    schedule: Mapped[list[Instalment]] = relationship(back_populates="grant", order_by="Instalment.number")

    @property
    def total(self) -> Decimal:
        """The most that may be delivered on this grant."""
        return (self.amount or Decimal("0")) * (self.instalments or 1)


class Instalment(db.Model):
    """One month of recurring cash aid: due, delivered, or stopped because the file was held."""

    __tablename__ = "instalments"
    # Reached only through its grant's request page and batches, each scoped on its own; no screen lists instalments.
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (
        one_of("status", InstalmentStatus),
        UniqueConstraint("grant_id", "number"),
        # The month's batch reads the instalments due by a date.
        Index("ix_instalments_status_due_on", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    grant_id: Mapped[int] = mapped_column(ForeignKey("aid_grants.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    number: Mapped[int] = mapped_column(Integer, info=personal(FACT, _l("Instalment")))
    due_on: Mapped[date] = mapped_column(Date, info=personal(FACT, _l("Due on")))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Amount (riyals)")))
    status: Mapped[str] = mapped_column(
        String(24), default=InstalmentStatus.due, info=personal(FACT, _l("Status"), codes=InstalmentStatus)
    )
    stopped_reason: Mapped[str | None] = mapped_column(Text, info=personal(FACT, _l("Why it stopped")))

    grant: Mapped[AidGrant] = relationship(back_populates="schedule")
