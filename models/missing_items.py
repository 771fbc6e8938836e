"""Staff asking an applicant online for the checklist items his request still lacks, and what he sent back.

Each asked item is supplied by an upload from the portal and then waits for
staff to match it against the original, as any item on the checklist does.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Timestamped, db
from models.branch_path import OF_REQUEST
from models.personal_data import ABOUT, FACT, SYSTEM, personal
from models.request import Attachment, ServiceRequest
from models.service_type import RequiredItem
from models.user import User


class MissingItemsAsk(Timestamped, db.Model):
    __tablename__ = "missing_items_asks"
    __branch__ = OF_REQUEST

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    note: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("Note to the applicant")))
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    request: Mapped[ServiceRequest] = relationship()
    asked_by: Mapped[User | None] = relationship()
    items: Mapped[list[AskedItem]] = relationship(back_populates="ask", order_by="AskedItem.id")


class AskedItem(db.Model):
    __tablename__ = "asked_items"
    __branch__ = OF_REQUEST
    __table_args__ = (UniqueConstraint("ask_id", "required_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    ask_id: Mapped[int] = mapped_column(
        ForeignKey("missing_items_asks.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    # The ask's request, repeated so the item reaches its branch like every row of a request.
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    required_item_id: Mapped[int] = mapped_column(
        ForeignKey("required_items.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    supplied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), info=personal(FACT, _l("Supplied on")))

    ask: Mapped[MissingItemsAsk] = relationship(back_populates="items")
    required_item: Mapped[RequiredItem] = relationship()
    attachment: Mapped[Attachment | None] = relationship()
