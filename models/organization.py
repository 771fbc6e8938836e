"""The association this deployment serves: one row, chosen by a preset."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Date, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.audited import Audited
from models.base import db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import Vocabulary
from models.personal_data import FACT, SYSTEM, personal

MIN_RESPONSE_DAYS = 14


class Organization(db.Model):
    __tablename__ = "organization"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("organization")
    __table_args__ = (
        one_of("vocabulary", Vocabulary),
        CheckConstraint(f"response_days >= {MIN_RESPONSE_DAYS}", name="response_days_min"),
        CheckConstraint("retention_years IS NULL OR retention_years > 0", name="retention_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(200), info=personal(FACT, _l("Association name")))
    preset: Mapped[str] = mapped_column(String(40), info=personal(FACT, _l("Preset")))
    vocabulary: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("The people it serves")))
    policy_title: Mapped[str] = mapped_column(String(300), info=personal(FACT, _l("Policy title")))
    board_meeting_number: Mapped[int | None] = mapped_column(Integer, info=personal(FACT, _l("Board meeting number")))
    policy_approved_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("Policy approved on")))
    response_days: Mapped[int] = mapped_column(
        Integer, default=MIN_RESPONSE_DAYS, info=personal(FACT, _l("Minimum response period (days)")),
    )
    attestation_text: Mapped[str] = mapped_column(Text, info=personal(FACT, _l("Attestation text")))
    phone: Mapped[str | None] = mapped_column(String(20), info=personal(FACT, _l("Phone")))
    email: Mapped[str | None] = mapped_column(String(254), info=personal(FACT, _l("E-mail")))
    city: Mapped[str | None] = mapped_column(String(100), info=personal(FACT, _l("City")))
    retention_years: Mapped[int | None] = mapped_column(Integer, info=personal(FACT, _l("Retention period (years)")))
    restudy_months: Mapped[int | None] = mapped_column(Integer, info=personal(FACT, _l("Re-study every (months)")))
    restudy_grace_days: Mapped[int] = mapped_column(
        Integer, default=30, info=personal(FACT, _l("Grace after the re-study date (days)")),
    )
    restudy_notice_days: Mapped[int] = mapped_column(
        Integer, default=30, info=personal(FACT, _l("Notice before the re-study date (days)")),
    )
    income_cap_per_person: Mapped[Decimal | None] = mapped_column(
        Numeric(12, 2), info=personal(FACT, _l("Monthly income cap per person (riyals)")),
    )
    scoring_enabled: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT, _l("Needs scoring on")))
    repeat_window_days: Mapped[int] = mapped_column(
        Integer, default=90, info=personal(FACT, _l("Flag a repeated request within (days)")),
    )
    # What the daily background jobs may do unattended; off, they only queue notices and report.
    auto_close_overdue: Mapped[bool] = mapped_column(
        Boolean, default=False, info=personal(FACT, _l("Close overdue files automatically")),
    )
    auto_retention: Mapped[bool] = mapped_column(
        Boolean, default=False, info=personal(FACT, _l("Anonymize past the retention period automatically")),
    )

    def __str__(self) -> str:
        return self.name
