"""Where the riyals come from: donors, programmes, platform causes, zakat and sadaqa, each with its budget."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Date, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import FundingKind
from models.personal_data import FACT, SYSTEM, personal


class FundingSource(Timestamped, db.Model):
    __tablename__ = "funding_sources"
    __branch__ = ASSOCIATION_WIDE
    # `spent` moves only with each charge (sila/aid/funding.py), which records its own entry.
    __audited__ = Audited("funding_source", workflow=("spent",))
    __table_args__ = (
        one_of("kind", FundingKind),
        # The charge's conditional UPDATE keeps this; the database refuses anything that slips past it.
        CheckConstraint("spent >= 0 AND spent <= budget", name="within_budget"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT, _l("Name")))
    kind: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Kind"), codes=FundingKind))
    starts_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("From")))
    ends_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("Until")))
    budget: Mapped[Decimal] = mapped_column(Numeric(14, 2), info=personal(FACT, _l("Budget (riyals)")))
    spent: Mapped[Decimal] = mapped_column(
        Numeric(14, 2), default=Decimal("0"), info=personal(FACT, _l("Spent (riyals)"), managed=True)
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT, _l("Active")))
    notes: Mapped[str | None] = mapped_column(Text, info=personal(FACT, _l("Notes")))

    @property
    def remaining(self) -> Decimal:
        return (self.budget or Decimal("0")) - (self.spent or Decimal("0"))

    def __str__(self) -> str:
        return self.name
