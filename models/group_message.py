"""A message staff sent to a group of applicants: which group, what it said, how many it reached.

The messages themselves are outbox rows, one per applicant; this row is the
record of the sending, with counts and no names.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db, one_of
from models.branch_path import BranchPath
from models.enums import MessageGroup
from models.personal_data import FACT, SYSTEM, personal
from models.user import User


class GroupMessage(Timestamped, db.Model):
    __tablename__ = "group_messages"
    # The recipients were narrowed to the sender's branches when it was sent, and the record (its text and
    # counts) is seen by those branches: another branch's staff never list it.
    __branch__ = BranchPath("sent_by_id", through="user")
    __table_args__ = (one_of("group_kind", MessageGroup),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    group_kind: Mapped[str] = mapped_column(String(24), info=personal(FACT, _l("Group"), codes=MessageGroup))
    # The service type's id, the category's name or the branch's id the group was drawn by; empty for re-study.
    group_value: Mapped[str | None] = mapped_column(String(100), info=personal(FACT))
    body: Mapped[str] = mapped_column(Text, info=personal(FACT, _l("Message")))
    recipients: Mapped[int] = mapped_column(Integer, info=personal(FACT, _l("Sent to")))
    declined: Mapped[int] = mapped_column(Integer, info=personal(FACT, _l("Opted out")))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    sent_by: Mapped[User | None] = relationship()
