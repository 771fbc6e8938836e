"""The people the association serves: members or beneficiaries, per preset."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, validates

from domain.arabic import normalize
from domain.mobile import clean_mobile
from domain.national_id import clean_national_id
from models.base import Timestamped, db, one_of, utcnow
from models.enums import ContactMethod, Gender


class Applicant(Timestamped, db.Model):
    __tablename__ = "applicants"
    __table_args__ = (
        one_of("gender", Gender),
        one_of("preferred_contact", ContactMethod),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    national_id: Mapped[str] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(60))
    father_name: Mapped[str] = mapped_column(String(60))
    grandfather_name: Mapped[str] = mapped_column(String(60))
    family_name: Mapped[str] = mapped_column(String(60))
    name_search: Mapped[str] = mapped_column(String(250), index=True)
    gender: Mapped[str] = mapped_column(String(24))
    birth_date: Mapped[date | None] = mapped_column(Date)
    mobile: Mapped[str] = mapped_column(String(16), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    city: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    membership_number: Mapped[str | None] = mapped_column(String(30), unique=True)
    preferred_contact: Mapped[str] = mapped_column(String(24), default=ContactMethod.sms)
    notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        parts = (self.first_name, self.father_name, self.grandfather_name, self.family_name)
        return " ".join(part for part in parts if part)

    @validates("national_id")
    def _national_id(self, _key: str, value: str) -> str:
        return clean_national_id(value)

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
