"""What was handed over: one delivery of a grant (or of one instalment), its charge and the receipt."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.aid_grant import Instalment
from models.base import db, one_of, utcnow
from models.branch_path import OF_REQUEST
from models.enums import ReceiverRelation
from models.funding_source import FundingSource
from models.personal_data import ABOUT, FACT, IDENTITY, SYSTEM, personal
from models.request import Attachment, ServiceRequest
from models.user import User


class AidDelivery(db.Model):
    """Written only by sila/aid/deliveries.py, inside the step that charges its funding source."""

    __tablename__ = "aid_deliveries"
    __branch__ = OF_REQUEST
    __table_args__ = (one_of("receiver_relation", ReceiverRelation),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM))
    # An instalment is delivered once: the unique key refuses a second delivery of the same month.
    instalment_id: Mapped[int | None] = mapped_column(
        ForeignKey("instalments.id", ondelete="RESTRICT"), unique=True, info=personal(SYSTEM)
    )
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Amount (riyals)")))
    description: Mapped[str | None] = mapped_column(Text, info=personal(ABOUT, _l("What was delivered")))
    funding_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_sources.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    received_by_name: Mapped[str | None] = mapped_column(
        String(250), info=personal(IDENTITY, _l("Received by (as signed)"))
    )
    receiver_relation: Mapped[str | None] = mapped_column(
        String(24), info=personal(FACT, _l("Relation to the applicant"), codes=ReceiverRelation)
    )
    # The person who watched the beneficiary sign: named as typed, staff or not; witness_id is who recorded it.
    witness_name: Mapped[str | None] = mapped_column(String(250), info=personal(IDENTITY, _l("Witness")))
    witness_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    # The scanned receipt he signed, uploaded through the attachment checks with the delivery.
    receipt_attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="RESTRICT"), info=personal(SYSTEM)
    )
    # The aid dashboard sums deliveries by month.
    delivered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True, info=personal(FACT, _l("Delivered on"))
    )
    delivered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), info=personal(SYSTEM))

    request: Mapped[ServiceRequest] = relationship()
    instalment: Mapped[Instalment | None] = relationship()
    funding_source: Mapped[FundingSource | None] = relationship()
    delivered_by: Mapped[User | None] = relationship(foreign_keys=[delivered_by_id])
    witness: Mapped[User | None] = relationship(foreign_keys=[witness_id])
    receipt: Mapped[Attachment | None] = relationship()
