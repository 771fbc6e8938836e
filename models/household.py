"""The applicant's household: members, income sources and monthly obligations.

Totals are never stored: household size, total income and income per person are
computed from these rows (sila/applicants/household.py), so they cannot drift.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import OF_APPLICANT
from models.enums import Education, Gender, Health, IncomeKind, MaritalStatus, ObligationKind, Relation, WorkStatus
from models.personal_data import ABOUT, FACT, IDENTITY, NATIONAL_ID_MASK, SYSTEM, personal

MONEY = Numeric(12, 2)


class HouseholdMember(Timestamped, db.Model):
    __tablename__ = "household_members"
    __branch__ = OF_APPLICANT
    __audited__ = Audited("household_member")
    __table_args__ = (
        one_of("relation", Relation),
        one_of("gender", Gender),
        one_of("marital_status", MaritalStatus),
        one_of("education", Education),
        one_of("health", Health),
        one_of("work_status", WorkStatus),
        CheckConstraint("monthly_income >= 0", name="income_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    relation: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Relation"), codes=Relation))
    national_id: Mapped[str | None] = mapped_column(
        String(10), index=True, info=personal(IDENTITY, _l("National ID / iqama"), mask=NATIONAL_ID_MASK)
    )
    full_name: Mapped[str] = mapped_column(String(250), info=personal(IDENTITY, _l("Name")))
    gender: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Gender"), codes=Gender))
    birth_date: Mapped[date | None] = mapped_column(Date, info=personal(IDENTITY, _l("Birth date")))
    marital_status: Mapped[str | None] = mapped_column(String(24), info=personal(FACT, _l("Marital status"), codes=MaritalStatus))
    education: Mapped[str | None] = mapped_column(String(24), info=personal(FACT, _l("Education"), codes=Education))
    health: Mapped[str] = mapped_column(String(24), default=Health.healthy, info=personal(FACT, _l("Health"), codes=Health))
    work_status: Mapped[str | None] = mapped_column(String(24), info=personal(FACT, _l("Work"), codes=WorkStatus))
    monthly_income: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0), info=personal(FACT, _l("Monthly income (riyals)")))

    applicant: Mapped[Applicant] = relationship(back_populates="members")

    def __str__(self) -> str:
        return self.full_name


class IncomeSource(Timestamped, db.Model):
    __tablename__ = "income_sources"
    __branch__ = OF_APPLICANT
    __audited__ = Audited("income_source")
    __table_args__ = (one_of("kind", IncomeKind), CheckConstraint("amount >= 0", name="amount_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    kind: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Source"), codes=IncomeKind))
    amount: Mapped[Decimal] = mapped_column(MONEY, info=personal(FACT, _l("Monthly amount (riyals)")))
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Note")))
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    applicant: Mapped[Applicant] = relationship(back_populates="incomes")


class Obligation(Timestamped, db.Model):
    __tablename__ = "obligations"
    __branch__ = OF_APPLICANT
    __audited__ = Audited("obligation")
    __table_args__ = (one_of("kind", ObligationKind), CheckConstraint("amount >= 0", name="amount_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    kind: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Obligation"), codes=ObligationKind))
    amount: Mapped[Decimal] = mapped_column(MONEY, info=personal(FACT, _l("Monthly amount (riyals)")))
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Note")))
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    applicant: Mapped[Applicant] = relationship(back_populates="obligations")
