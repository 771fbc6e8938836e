"""An in-kind voucher: a code the beneficiary presents at a partner outlet, redeemable once before it expires."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, DateTime, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db, one_of
from models.branch_path import OF_REQUEST
from models.enums import VoucherStatus
from models.funding_source import FundingSource
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.request import ServiceRequest
from models.user import User


class Voucher(Timestamped, db.Model):
    """Written only by sila/aid/vouchers.py: issued and cancelled by staff, redeemed by an outlet.

    The redemption is one conditional UPDATE (status issued → redeemed, not
    expired), so of two outlets redeeming at once exactly one succeeds.
    """

    __tablename__ = "vouchers"
    __branch__ = OF_REQUEST
    __table_args__ = (
        one_of("status", VoucherStatus),
        # The redemptions report reads the redeemed vouchers by outlet and month.
        Index("ix_vouchers_status_redeemed_at", "status", "redeemed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    code: Mapped[str] = mapped_column(String(32), unique=True, info=personal(SYSTEM))
    value: Mapped[Decimal] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Value (riyals)")))
    items: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Items")))
    expires_on: Mapped[date] = mapped_column(Date, info=personal(FACT, _l("Valid until")))
    status: Mapped[str] = mapped_column(
        String(24), default=VoucherStatus.issued, info=personal(FACT, _l("Status"), codes=VoucherStatus)
    )
    funding_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_sources.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    redeemed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal(FACT, _l("Redeemed on"), managed=True)
    )
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    # How the beneficiary's code reached the outlet (scanned or typed): his acknowledgement of receipt.
    presented: Mapped[str | None] = mapped_column(String(24), info=personal(FACT, _l("Code presented")))
    cancelled_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal(FACT, _l("Cancelled on"), managed=True)
    )
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    cancel_reason: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Reason for cancelling")))

    request: Mapped[ServiceRequest] = relationship()
    funding_source: Mapped[FundingSource | None] = relationship()
    issued_by: Mapped[User] = relationship(foreign_keys=[issued_by_id])
    outlet: Mapped[User | None] = relationship(foreign_keys=[outlet_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])
