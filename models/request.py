"""A service request and what the handling steps record on it.

Status changes are made only by the workflow module; the timestamps and
actor columns here are what it fills in at each step.
"""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.audited import Audited
from models.base import Timestamped, db, one_of, utcnow
from models.branch_path import OF_APPLICANT, OF_REQUEST, OWN_BRANCH
from models.channel import Channel
from models.enums import AttachmentKind, AttestationMethod, RequestStatus
from models.personal_data import ABOUT, FACT, IDENTITY, SYSTEM, personal
from models.service_type import RequiredItem, ServiceType
from models.user import User


def _user_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))


def request_number(request_id: int | None) -> str:
    """The request number staff quote on the phone and in letters, zero-padded to seven digits."""
    return f"{request_id:07d}" if request_id else ""


class ServiceRequest(Timestamped, db.Model):
    __tablename__ = "requests"
    # Each change of these fields is recorded; the steps' columns are the transitions' own entries.
    __audited__ = Audited("request", itemized=False, typed_only=True)
    # The file's branch, copied here so a branch's lists read one index in their order (no join per page).
    __branch__ = OWN_BRANCH
    __table_args__ = (
        one_of("status", RequestStatus),
        Index("ix_requests_status_created_at", "status", "created_at"),
        # The lists' default sorts and their status + channel filter, read in index order.
        Index("ix_requests_created_at", "created_at"),
        Index("ix_requests_status_channel_created_at", "status", "channel_id", "created_at"),
        Index("ix_requests_status_submitted_at", "status", "submitted_at"),
        # The dashboard's "waiting at the committee beyond the response period".
        Index("ix_requests_status_earliest_answer_on", "status", "earliest_answer_on"),
        # A staff member's own requests waiting for a step, on the home page.
        Index("ix_requests_received_by_id_status", "received_by_id", "status"),
        # The same lists narrowed to a branch.
        Index("ix_requests_branch_id_created_at", "branch_id", "created_at"),
        Index("ix_requests_branch_id_status_created_at", "branch_id", "status", "created_at"),
        Index("ix_requests_branch_id_status_submitted_at", "branch_id", "status", "submitted_at"),
        # A branch's list filtered by status and channel, counted and paged in index order (bench/RESULTS.md).
        Index("ix_requests_branch_status_channel_created_at", "branch_id", "status", "channel_id", "created_at"),
        # A branch's name search counted from the index alone, merged with the matching people (bench/RESULTS.md).
        Index("ix_requests_branch_id_applicant_id", "branch_id", "applicant_id"),
        # A branch's "waiting for the committee's answer date" count on the dashboard, from the index alone.
        Index("ix_requests_branch_id_status_earliest_answer_on", "branch_id", "status", "earliest_answer_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(
        ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(FACT, _l("Applicant")),
    )
    # Always the applicant's branch_id: set on insert and on a change of applicant, moved with a transfer.
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    service_type_id: Mapped[int] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True, info=personal(FACT, _l("Service type")),
    )
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channels.id", ondelete="RESTRICT"), index=True, info=personal(FACT, _l("Channel"))
    )
    status: Mapped[str] = mapped_column(
        String(24), default=RequestStatus.received, info=personal(FACT, _l("Status"), codes=RequestStatus, managed=True)
    )
    details: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Request details")))
    received_by_id: Mapped[int | None] = _user_fk()
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    verified_by_id: Mapped[int | None] = _user_fk()
    verification_notes: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, managed=True))
    # Why the verifier proceeded with an applicant outside the service area; the committee reads it.
    outside_area_reason: Mapped[str | None] = mapped_column(
        Text, info=personal(ABOUT, _l("Reason for serving outside the service area"), managed=True)
    )
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    submitted_by_id: Mapped[int | None] = _user_fk()
    earliest_answer_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT, managed=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    registered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    registered_by_id: Mapped[int | None] = _user_fk()
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    delivered_by_id: Mapped[int | None] = _user_fk()
    delivery_notes: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, managed=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, managed=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, managed=True))
    needs_score: Mapped[int | None] = mapped_column(Integer, info=personal(FACT, managed=True))
    needs_category: Mapped[str | None] = mapped_column(String(60), info=personal(FACT, managed=True))
    score_breakdown: Mapped[str | None] = mapped_column(Text, info=personal(FACT, managed=True))
    eligibility_warning: Mapped[str | None] = mapped_column(Text, info=personal(FACT, managed=True))
    updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), onupdate=utcnow, info=personal(FACT, managed=True)
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(SYSTEM))

    __mapper_args__ = {"version_id_col": version}

    applicant: Mapped[Applicant] = relationship()
    service_type: Mapped[ServiceType] = relationship()
    channel: Mapped[Channel] = relationship()
    received_by: Mapped[User | None] = relationship(foreign_keys=[received_by_id])
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    registered_by: Mapped[User | None] = relationship(foreign_keys=[registered_by_id])
    delivered_by: Mapped[User | None] = relationship(foreign_keys=[delivered_by_id])
    checks: Mapped[list[ItemCheck]] = relationship(back_populates="request")

    @property
    def number(self) -> str:
        return request_number(self.id)

    def __str__(self) -> str:
        return self.number


def _branch_of_file(connection: Connection, request: ServiceRequest) -> int:
    applicant = request.__dict__.get("applicant")  # read only when already loaded: no query per request
    if applicant is not None and applicant.branch_id is not None and applicant.id == request.applicant_id:
        return applicant.branch_id
    return connection.execute(
        db.select(Applicant.branch_id).where(Applicant.id == request.applicant_id)
    ).scalar_one()


@event.listens_for(ServiceRequest, "before_insert")
def _at_the_files_branch(_mapper: object, connection: Connection, request: ServiceRequest) -> None:
    """A request is at its file's branch, whichever path wrote it (screen, portal, import, demo)."""
    request.branch_id = _branch_of_file(connection, request)


@event.listens_for(ServiceRequest, "before_update")
def _with_its_new_file(_mapper: object, connection: Connection, request: ServiceRequest) -> None:
    state = inspect(request)
    if state.attrs.applicant.history.has_changes() or state.attrs.applicant_id.history.has_changes():
        request.branch_id = _branch_of_file(connection, request)


class ItemCheck(db.Model):
    """One required item on one request: supplied, and matched against the original."""

    __tablename__ = "item_checks"
    __branch__ = OF_REQUEST
    __table_args__ = (UniqueConstraint("request_id", "required_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    required_item_id: Mapped[int] = mapped_column(ForeignKey("required_items.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    supplied: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT))
    matched: Mapped[bool] = mapped_column(Boolean, default=False, info=personal(FACT))
    notes: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    checked_by_id: Mapped[int | None] = _user_fk()
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))

    request: Mapped[ServiceRequest] = relationship(back_populates="checks")
    required_item: Mapped[RequiredItem] = relationship()


class Attachment(db.Model):
    """An uploaded file, stored outside static/ under a random name."""

    __tablename__ = "attachments"
    __branch__ = OF_APPLICANT
    __table_args__ = (one_of("kind", AttachmentKind),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    applicant_id: Mapped[int | None] = mapped_column(
        ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    required_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("required_items.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    kind: Mapped[str] = mapped_column(String(24), default=AttachmentKind.other, info=personal(FACT))
    original_name: Mapped[str] = mapped_column(String(255), info=personal(ABOUT))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True, info=personal(SYSTEM))
    content_type: Mapped[str] = mapped_column(String(80), info=personal(FACT))
    size_bytes: Mapped[int] = mapped_column(Integer, info=personal(FACT))
    sha256: Mapped[str] = mapped_column(String(64), info=personal(SYSTEM))
    uploaded_by_id: Mapped[int | None] = _user_fk()
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=personal(FACT))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("home_visits.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )


class Attestation(db.Model):
    """The applicant's signed statement that the data are true (إقرار)."""

    __tablename__ = "attestations"
    __branch__ = OF_REQUEST
    __table_args__ = (one_of("method", AttestationMethod),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    text: Mapped[str] = mapped_column(Text, info=personal(FACT, _l("Attestation text")))
    signed_name: Mapped[str] = mapped_column(String(250), info=personal(IDENTITY, _l("Name as signed")))
    method: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Signing method"), codes=AttestationMethod))
    witness_id: Mapped[int | None] = _user_fk()
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=personal(FACT, _l("Signed on")))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, _l("Voided on")))
    void_reason: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Reason")))

    request: Mapped[ServiceRequest] = relationship()
    witness: Mapped[User | None] = relationship()
