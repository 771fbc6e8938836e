"""In-kind aid from the admin's catalogue: the items a grant names, valued at the day's unit values.

The committee picks items and quantities on the decision form; the grant's
value is their sum, and the unit values are copied onto the grant, so a later
change of price in the catalogue does not move what was granted. A delivery
takes quantities by a conditional UPDATE (delivered + n only where it stays
within the quantity granted), so nothing beyond the granted items leaves.
"""
from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from models.aid_grant import AidGrant
from models.base import db
from models.catalogue import CatalogueItem, GrantItem
from sila.core.arabic import ascii_digits
from sila.core.errors import Refused

MAX_QUANTITY = 999
GRANT_FIELD = "grant_item-"
DELIVER_FIELD = "deliver_item-"


def active_items() -> list[CatalogueItem]:
    return list(db.session.scalars(
        db.select(CatalogueItem).where(CatalogueItem.is_active.is_(True)).order_by(CatalogueItem.name)
    ))


def _quantity(raw: str) -> int:
    text = ascii_digits(raw or "").strip()
    if not text:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= MAX_QUANTITY:
        raise Refused(_("A quantity is a whole number from 0 to %(most)s.", most=MAX_QUANTITY))
    return int(text)


def quantities_from(form: MultiDict, prefix: str) -> dict[int, int]:
    """{id: quantity} typed in the form's `<prefix><id>` fields; empty or zero quantities are left out."""
    found = {}
    for name, raw in form.items():
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            quantity = _quantity(raw)
            if quantity:
                found[int(name[len(prefix):])] = quantity
    return found


def priced(quantities: dict[int, int]) -> list[tuple[CatalogueItem, int]]:
    """The active catalogue items asked for, each with its quantity, or Refused naming the problem."""
    if not quantities:
        return []
    items = {item.id: item for item in db.session.scalars(
        db.select(CatalogueItem).where(CatalogueItem.id.in_(sorted(quantities)))
    )}
    for item_id in quantities:
        item = items.get(item_id)
        if item is None or not item.is_active:
            raise Refused(_l("An item chosen is not in the active catalogue; reload the page and choose again."))
    return [(items[item_id], quantity) for item_id, quantity in sorted(quantities.items())]


def value_of(lines: list[tuple[CatalogueItem, int]]) -> Decimal:
    return sum((item.unit_value * quantity for item, quantity in lines), start=Decimal("0.00"))


def line_text(name: str, quantity: int, unit: str) -> str:
    return _("%(item)s × %(quantity)s %(unit)s", item=name, quantity=quantity, unit=unit)


def describe(lines: list[tuple[CatalogueItem, int]]) -> str:
    return "، ".join(line_text(item.name, quantity, item.unit) for item, quantity in lines)


def record_items(grant: AidGrant, lines: list[tuple[CatalogueItem, int]]) -> None:
    """The grant's items at today's unit values, in the grant's unit of work."""
    for item, quantity in lines:
        db.session.add(GrantItem(grant_id=grant.id, item_id=item.id, quantity=quantity, unit_value=item.unit_value))


def items_of(grant_id: int) -> list[GrantItem]:
    return list(db.session.scalars(
        db.select(GrantItem).where(GrantItem.grant_id == grant_id).order_by(GrantItem.id)
    ))


def left_text(grant_items: list[GrantItem]) -> str:
    """What is still to deliver, in words (for a voucher)."""
    return "، ".join(line_text(line.item.name, line.left, line.item.unit) for line in grant_items if line.left)


def left_value(grant_items: list[GrantItem]) -> Decimal:
    return sum((line.unit_value * line.left for line in grant_items), start=Decimal("0.00"))


def take(grant_items: list[GrantItem], asked: dict[int, int] | None) -> tuple[Decimal, str]:
    """Deliver `asked` ({grant item id: quantity}; None: all that is left), in the caller's unit of work.

    Returns the value and the words of what was taken, or Refused with nothing taken.
    """
    lines = {line.id: line for line in grant_items}
    wanted = {line.id: line.left for line in grant_items if line.left} if asked is None else asked
    if any(line_id not in lines for line_id in wanted):
        raise Refused(_l("An item chosen is not in this grant; reload the page and choose again."))
    if not any(wanted.values()):
        raise Refused(_l("Write the quantity delivered of at least one item."))
    value, words = Decimal("0.00"), []
    for line_id, quantity in sorted(wanted.items()):
        if not quantity:
            continue
        line = lines[line_id]
        taken = db.session.execute(
            db.update(GrantItem)
            .where(GrantItem.id == line_id, GrantItem.delivered + quantity <= GrantItem.quantity)
            .values(delivered=GrantItem.delivered + quantity)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:
            db.session.refresh(line)
            raise Refused(_(
                "Only %(left)s of “%(item)s” is left of what was granted; %(quantity)s cannot be delivered.",
                left=line.left, item=line.item.name, quantity=quantity,
            ))
        value += line.unit_value * quantity
        words.append(line_text(line.item.name, quantity, line.item.unit))
    for line in grant_items:
        db.session.refresh(line)
    return value, "، ".join(words)
