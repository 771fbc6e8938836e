"""The in-kind catalogue the association hands out from, and the items an in-kind grant names."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.aid_grant import AidGrant
from models.audited import Audited
from models.base import Timestamped, db
from models.branch_path import ASSOCIATION_WIDE
from models.personal_data import FACT, SYSTEM, personal


class CatalogueItem(Timestamped, db.Model):
    """An item admins and managers keep (name, unit, unit value); deactivated, never deleted, once granted."""

    __tablename__ = "catalogue_items"
    __branch__ = ASSOCIATION_WIDE
    __audited__ = Audited("catalogue_item")
    __table_args__ = (CheckConstraint("unit_value > 0", name="positive_value"),)

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    name: Mapped[str] = mapped_column(String(150), unique=True, info=personal(FACT, _l("Item")))
    unit: Mapped[str] = mapped_column(String(60), info=personal(FACT, _l("Unit")))
    unit_value: Mapped[Decimal] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Unit value (riyals)")))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, info=personal(FACT, _l("Active")))

    def __str__(self) -> str:
        return self.name


class GrantItem(db.Model):
    """So many units of one item granted, valued at the unit value of the day of the grant.

    `delivered` moves only by the delivery's conditional UPDATE (sila/aid/catalogue.py),
    so no delivery goes beyond the quantity granted; the CHECK stands behind it.
    """

    __tablename__ = "grant_items"
    # Read only through its grant's request page, which is scoped on its own.
    __branch__ = ASSOCIATION_WIDE
    __table_args__ = (
        UniqueConstraint("grant_id", "item_id"),
        CheckConstraint("quantity > 0 AND delivered >= 0 AND delivered <= quantity", name="within_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, info=personal(SYSTEM))
    grant_id: Mapped[int] = mapped_column(ForeignKey("aid_grants.id", ondelete="RESTRICT"), info=personal(SYSTEM))
    item_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_items.id", ondelete="RESTRICT"), index=True, info=personal(SYSTEM)
    )
    quantity: Mapped[int] = mapped_column(Integer, info=personal(FACT, _l("Quantity")))
    unit_value: Mapped[Decimal] = mapped_column(Numeric(12, 2), info=personal(FACT, _l("Unit value (riyals)")))
    delivered: Mapped[int] = mapped_column(Integer, default=0, info=personal(FACT, _l("Delivered")))

    grant: Mapped[AidGrant] = relationship()
    item: Mapped[CatalogueItem] = relationship()

    @property
    def value(self) -> Decimal:
        return self.unit_value * self.quantity

    @property
    def left(self) -> int:
        return self.quantity - (self.delivered or 0)
