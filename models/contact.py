"""Every contact with a person: inquiries answered, suggestions followed up."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.base import Timestamped, db, one_of
from models.branch import main_office_id
from models.branch_path import OWN_BRANCH
from models.channel import Channel
from models.enums import ContactKind, FollowUpStatus
from models.personal_data import ABOUT, CONTACT, FACT, IDENTITY, SYSTEM, personal
from models.user import User


class Contact(Timestamped, db.Model):
    __tablename__ = "contacts"
    # Its own column: a caller who never opened a file still came to one branch.
    __branch__ = OWN_BRANCH
    __table_args__ = (
        one_of("kind", ContactKind),
        one_of("status", FollowUpStatus),
        CheckConstraint("minutes_spent IS NULL OR minutes_spent >= 0", name="minutes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int | None] = mapped_column(
        ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM),
    )
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    contact_name: Mapped[str | None] = mapped_column(String(200), info=personal(IDENTITY))
    contact_mobile: Mapped[str | None] = mapped_column(String(16), info=personal(CONTACT))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="RESTRICT"), index=True, info=personal(FACT))
    kind: Mapped[str] = mapped_column(String(24), default=ContactKind.inquiry, info=personal(FACT))
    summary: Mapped[str] = mapped_column(Text, info=personal(ABOUT))
    answer: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    minutes_spent: Mapped[int | None] = mapped_column(Integer, info=personal(FACT))
    status: Mapped[str] = mapped_column(String(24), default=FollowUpStatus.open, index=True, info=personal(FACT))
    outcome: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    due_on: Mapped[date | None] = mapped_column(Date, info=personal(FACT))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    applicant: Mapped[Applicant | None] = relationship()
    channel: Mapped[Channel] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    staff: Mapped[User | None] = relationship(foreign_keys=[staff_id])

    def __str__(self) -> str:
        return (self.summary or "")[:60]


@event.listens_for(Contact, "before_insert")
def _at_a_branch(_mapper: object, connection: Connection, contact: Contact) -> None:
    """A contact with a file is at the file's branch; one without, where staff logged it, else the main office."""
    if contact.applicant_id is not None:
        contact.branch_id = connection.execute(
            db.select(Applicant.branch_id).where(Applicant.id == contact.applicant_id)
        ).scalar_one()
    elif contact.branch_id is None:
        contact.branch_id = main_office_id(connection)
