"""The people the association serves: members or beneficiaries, per preset."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import DDL, Boolean, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models.audited import Audited
from models.base import Timestamped, db, one_of, utcnow
from models.branch import main_office_id
from models.branch_path import OWN_BRANCH
from models.enums import ContactMethod, FileStatus, FileStatusReason, Gender, Housing, HousingCondition
from models.personal_data import ABOUT, CONTACT, FACT, IDENTITY, MOBILE_MASK, NATIONAL_ID_MASK, SEARCH, SYSTEM, personal
from sila.core.arabic import normalize
from sila.core.iban import clean_iban
from sila.core.mobile import clean_mobile
from sila.core.national_id import clean_national_id

if TYPE_CHECKING:
    from models.branch import Branch
    from models.household import HouseholdMember, IncomeSource, Obligation


def full_name_of(*parts: str | None) -> str:
    """The four-part name as read aloud, skipping the parts left empty (also for rows read without the model)."""
    return " ".join(part for part in parts if part)


class Applicant(Timestamped, db.Model):
    __tablename__ = "applicants"
    # Each change of these fields is recorded; the rest belong to the workflow (file status, re-study, housing).
    __audited__ = Audited("applicant", itemized=False, typed_only=True)
    __branch__ = OWN_BRANCH
    __table_args__ = (
        one_of("gender", Gender),
        one_of("preferred_contact", ContactMethod),
        one_of("housing", Housing),
        one_of("housing_condition", HousingCondition),
        one_of("file_status", FileStatus),
        one_of("file_status_reason", FileStatusReason),
        # One index, two kinds: a btree on SQLite (prefix search as a range), a trigram GIN on
        # PostgreSQL (a word anywhere in the name, and equality for duplicate checks).
        Index("ix_applicants_name_search", "name_search", postgresql_using="gin",
              postgresql_ops={"name_search": "gin_trgm_ops"}),
        Index("ix_applicants_created_at", "created_at"),
        # A branch's list in its default order.
        Index("ix_applicants_branch_id_created_at", "branch_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    # Moved only by an accepted transfer (sila/branches/transfers.py), which moves the file's requests with it.
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), info=personal(FACT, _l("Branch"), managed=True)
    )
    national_id: Mapped[str] = mapped_column(
        String(10), unique=True, info=personal(IDENTITY, _l("National ID / iqama"), mask=NATIONAL_ID_MASK)
    )
    first_name: Mapped[str] = mapped_column(String(60), info=personal(IDENTITY, _l("First name")))
    father_name: Mapped[str] = mapped_column(String(60), info=personal(IDENTITY, _l("Father's name")))
    grandfather_name: Mapped[str] = mapped_column(String(60), info=personal(IDENTITY, _l("Grandfather's name")))
    family_name: Mapped[str] = mapped_column(String(60), info=personal(IDENTITY, _l("Family name")))
    name_search: Mapped[str] = mapped_column(String(250), info=personal(SEARCH))
    gender: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Gender"), codes=Gender))
    birth_date: Mapped[date | None] = mapped_column(Date, info=personal(IDENTITY, _l("Birth date")))
    mobile: Mapped[str] = mapped_column(String(16), index=True, info=personal(CONTACT, _l("Mobile"), mask=MOBILE_MASK))
    email: Mapped[str | None] = mapped_column(String(254), info=personal(CONTACT, _l("E-mail")))
    city: Mapped[str | None] = mapped_column(String(100), info=personal(FACT, _l("City")))
    address: Mapped[str | None] = mapped_column(String(300), info=personal(CONTACT, _l("Address")))
    # Why staff registered a file whose city lies outside the service area (sila/branches/service_area.py).
    outside_area_reason: Mapped[str | None] = mapped_column(
        Text, info=personal(ABOUT, _l("Reason for serving outside the service area"))
    )
    membership_number: Mapped[str | None] = mapped_column(
        String(30), unique=True, info=personal(IDENTITY, _l("Membership number"))
    )
    # Where cash aid is transferred; a Saudi IBAN checked by its check digits (sila/core/iban.py).
    iban: Mapped[str | None] = mapped_column(String(34), info=personal(IDENTITY, _l("IBAN")))
    preferred_contact: Mapped[str] = mapped_column(
        String(24), default=ContactMethod.sms, info=personal(FACT, _l("Preferred contact method"), codes=ContactMethod)
    )
    # Group messages are optional; decisions, missing documents and codes always go.
    declines_group_messages: Mapped[bool] = mapped_column(
        Boolean, default=False, info=personal(FACT, _l("Declines non-essential messages"))
    )
    notes: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Notes")))
    housing: Mapped[str | None] = mapped_column(String(24), info=personal(FACT, _l("Housing"), codes=Housing))
    housing_rent: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Yearly rent (riyals)")))
    housing_condition: Mapped[str | None] = mapped_column(
        String(24), info=personal(FACT, _l("Housing condition"), codes=HousingCondition)
    )
    file_status: Mapped[str] = mapped_column(
        String(24), default=FileStatus.active, index=True, info=personal(FACT, _l("File status"), codes=FileStatus, managed=True)
    )
    file_status_reason: Mapped[str | None] = mapped_column(
        String(24), info=personal(FACT, _l("Reason"), codes=FileStatusReason, managed=True)
    )
    file_status_note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Status note"), managed=True))
    suspended_until: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("Suspended until"), managed=True))
    file_status_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal(FACT, _l("Status set on"), managed=True)
    )
    file_status_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    next_restudy_on: Mapped[date | None] = mapped_column(Date, index=True, info=personal(FACT, _l("Next re-study"), managed=True))
    restudy_notice_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, _l("Re-study notice sent on"), managed=True))
    updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), onupdate=utcnow, info=personal(FACT, _l("Last updated"), managed=True)
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(SYSTEM))

    __mapper_args__ = {"version_id_col": version}

    branch: Mapped[Branch] = relationship()
    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="HouseholdMember.id"
    )
    incomes: Mapped[list[IncomeSource]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="IncomeSource.id"
    )
    obligations: Mapped[list[Obligation]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="Obligation.id"
    )

    @property
    def full_name(self) -> str:
        return full_name_of(self.first_name, self.father_name, self.grandfather_name, self.family_name)

    @validates("national_id")
    def _national_id(self, _key: str, value: str) -> str:
        return clean_national_id(value)

    @validates("iban")
    def _iban(self, _key: str, value: str | None) -> str | None:
        return clean_iban(value)

    @validates("mobile")
    def _mobile(self, _key: str, value: str) -> str:
        return clean_mobile(value)

    def __str__(self) -> str:
        return self.full_name


@event.listens_for(Applicant, "before_insert")
@event.listens_for(Applicant, "before_update")
def _index_name(_mapper: object, _connection: object, applicant: Applicant) -> None:
    """Keep the normalized name that search and duplicate checks compare."""
    applicant.name_search = normalize(applicant.full_name)


@event.listens_for(Applicant, "before_insert")
def _main_office_by_default(_mapper: object, connection: object, applicant: Applicant) -> None:
    """A file registered without a branch (the portal, an import, a test) belongs to the main office."""
    if applicant.branch_id is None:
        applicant.branch_id = applicant.branch.id if applicant.branch is not None else main_office_id(connection)


# The name index's trigram operator class comes from this extension (trusted: the database owner may add it).
event.listen(
    Applicant.__table__, "before_create", DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql")
)
