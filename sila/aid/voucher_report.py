"""Redeemed vouchers per partner outlet and month (in the association's time zone), for settling with outlets."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask_babel import format_date

from models.base import db
from models.enums import VoucherStatus
from models.user import User
from models.voucher import Voucher
from sila.core.dates import business_zone, local_day


@dataclass(frozen=True)
class OutletMonth:
    outlet: str
    month: date
    month_label: str
    count: int
    total: Decimal


def _instant(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=business_zone()).astimezone(UTC)


def redemptions_by_outlet_and_month(first: date, last: date) -> list[OutletMonth]:
    """One row per outlet and month with the vouchers it redeemed and their value, by outlet then month."""
    found = db.session.execute(
        db.select(User.full_name, Voucher.redeemed_at, Voucher.value)
        .join(User, User.id == Voucher.outlet_id)
        .where(Voucher.status == VoucherStatus.redeemed,
               Voucher.redeemed_at >= _instant(first), Voucher.redeemed_at < _instant(last + timedelta(days=1)))
    ).tuples()
    groups: dict[tuple[str, date], list[Decimal]] = defaultdict(list)
    for outlet, redeemed_at, value in found:
        groups[(outlet, local_day(redeemed_at).replace(day=1))].append(value)
    return [
        OutletMonth(outlet, month, format_date(month, "MMMM y"), len(values),
                    sum(values, start=Decimal("0.00")))
        for (outlet, month), values in sorted(groups.items())
    ]
