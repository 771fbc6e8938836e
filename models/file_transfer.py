"""A file's move from one branch to another: asked by the sending branch, answered by the receiving one."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.applicant import Applicant
from models.base import db, one_of, utcnow
from models.branch import Branch
from models.branch_path import BranchPath
from models.enums import TransferOutcome
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.user import User


class FileTransfer(db.Model):
    """Until it is accepted the file stays where it is; the row stays for both branches' history."""

    __tablename__ = "file_transfers"
    # Both branches' staff see it: the sender follows it, the receiver answers it.
    __branch__ = BranchPath("from_branch_id", or_column="to_branch_id")
    __table_args__ = (
        one_of("outcome", TransferOutcome),
        CheckConstraint("from_branch_id <> to_branch_id", name="branches_differ"),
        # At most one transfer waiting per file.
        Index("uq_file_transfers_pending_applicant_id", "applicant_id", unique=True,
              sqlite_where=text("outcome = 'pending'"), postgresql_where=text("outcome = 'pending'")),
        Index("ix_file_transfers_to_branch_id_outcome", "to_branch_id", "outcome"),
        Index("ix_file_transfers_from_branch_id_outcome", "from_branch_id", "outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    applicant_id: Mapped[int] = mapped_column(
        ForeignKey("applicants.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    from_branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), info=personal(FACT, _l("From branch"))
    )
    to_branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="RESTRICT"), info=personal(FACT, _l("To branch"))
    )
    reason: Mapped[str] = mapped_column(Text, info=personal(ABOUT, _l("Reason for the transfer")))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    requested_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=personal(FACT, _l("Requested on"))
    )
    outcome: Mapped[str] = mapped_column(
        String(24), default=TransferOutcome.pending,
        info=personal(FACT, _l("Outcome"), codes=TransferOutcome, managed=True),
    )
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    answered_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal(FACT, _l("Answered on"), managed=True)
    )
    answer_note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Answer note"), managed=True))

    applicant: Mapped[Applicant] = relationship()
    from_branch: Mapped[Branch] = relationship(foreign_keys=[from_branch_id])
    to_branch: Mapped[Branch] = relationship(foreign_keys=[to_branch_id])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    def __str__(self) -> str:
        return f"{self.from_branch} ← {self.to_branch}"
