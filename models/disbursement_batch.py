"""A disbursement batch: the cash instalments a manager prepared, a second person approved, then paid."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.aid_grant import Instalment
from models.base import Timestamped, db, one_of
from models.branch import Branch
from models.branch_path import OF_REQUEST, OWN_BRANCH
from models.enums import BatchStatus
from models.funding_source import FundingSource
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.user import User


class DisbursementBatch(Timestamped, db.Model):
    """Written only by sila/aid/batches.py; once approved nothing in it changes but its payment."""

    __tablename__ = "disbursement_batches"
    # A batch of one branch is that branch's; one without a branch spans them all, for association-wide users only.
    __branch__ = OWN_BRANCH
    __table_args__ = (one_of("status", BatchStatus),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    title: Mapped[str] = mapped_column(String(200), info=personal(FACT, _l("Title")))
    due_by: Mapped[date] = mapped_column(Date, info=personal(FACT, _l("Instalments due by")))
    status: Mapped[str] = mapped_column(
        String(24), default=BatchStatus.prepared, info=personal(FACT, _l("Status"), codes=BatchStatus)
    )
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Notes")))
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, _l("Approved on")))
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, _l("Paid on")))
    version: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(SYSTEM))

    __mapper_args__ = {"version_id_col": version}

    branch: Mapped[Branch | None] = relationship()
    prepared_by: Mapped[User] = relationship(foreign_keys=[prepared_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    paid_by: Mapped[User | None] = relationship(foreign_keys=[paid_by_id])
    lines: Mapped[list[BatchLine]] = relationship(back_populates="batch", order_by="BatchLine.id")

    def __str__(self) -> str:
        return self.title


class BatchLine(db.Model):
    """One instalment in one batch; an instalment is in at most one batch."""

    __tablename__ = "batch_lines"
    __branch__ = OF_REQUEST

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("disbursement_batches.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    instalment_id: Mapped[int] = mapped_column(
        ForeignKey("instalments.id", ondelete="RESTRICT"), unique=True, info=personal(SYSTEM)
    )
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    funding_source_id: Mapped[int] = mapped_column(
        ForeignKey("funding_sources.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Amount (riyals)")))

    batch: Mapped[DisbursementBatch] = relationship(back_populates="lines")
    instalment: Mapped[Instalment] = relationship()
    funding_source: Mapped[FundingSource] = relationship()
