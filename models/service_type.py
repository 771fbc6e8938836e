"""Services the association offers, each with the items a request must supply."""
from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audited import Audited
from models.base import Timestamped, db, one_of
from models.branch_path import ASSOCIATION_WIDE
from models.enums import AidKind, RequiredItemKind
from models.personal_data import FACT, SYSTEM, personal


class ServiceType(Timestamped, db.Model):
    __tablename__ = "service_types"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("service_type")
    __table_args__ = (one_of("aid_kind", AidKind),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT))
    description: Mapped[str | None] = mapped_column(Text, info=personal(FACT))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))
    # What a grant of this service gives: cash (an amount, maybe monthly), in-kind goods, or a service.
    aid_kind: Mapped[str] = mapped_column(
        String(24), default=AidKind.service, server_default=AidKind.service.value, info=personal(FACT)
    )

    required_items: Mapped[list[RequiredItem]] = relationship(
        back_populates="service_type", order_by="RequiredItem.position"
    )

    def __str__(self) -> str:
        return self.name


class RequiredItem(db.Model):
    __tablename__ = "required_items"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("required_item")
    __table_args__ = (
        UniqueConstraint("service_type_id", "name"),
        one_of("kind", RequiredItemKind),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    service_type_id: Mapped[int] = mapped_column(
        ForeignKey("service_types.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM),
    )
    name: Mapped[str] = mapped_column(String(200), info=personal(FACT))
    kind: Mapped[str] = mapped_column(String(24), default=RequiredItemKind.document, info=personal(FACT))
    is_mandatory: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT))
    position: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT))

    service_type: Mapped[ServiceType] = relationship(back_populates="required_items")

    def __str__(self) -> str:
        return self.name
