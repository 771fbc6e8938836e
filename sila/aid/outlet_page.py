"""The partner outlet's one page: scan or type a voucher's code, see its value and items, redeem it once.

An outlet sees a voucher by its code alone and never whose it is, his ID or
his income (sila/aid/vouchers.Seen). Wrong codes are throttled per outlet
account and per address (`SILA_OUTLET_CODE_LIMIT`), counting only codes that
match no voucher, so a busy counter is never slowed down while a guesser,
against 60-bit codes, runs out of tries at once. Counts live in the login
limiter's storage (Redis when configured), shared by every process.
"""
from __future__ import annotations

from datetime import datetime, time

from flask import current_app, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from limits import parse

from admin.area_view import AreaView
from models.base import db
from models.enums import VoucherStatus
from models.voucher import Voucher
from sila.aid import vouchers
from sila.core.dates import business_zone, today
from sila.core.errors import Refused
from sila.extensions import limiter

TOO_MANY = _l("Too many codes that match no voucher were typed. Wait a while, then try again.")


def _keys() -> tuple[str, str]:
    return f"outlet-user:{current_user.id}", f"outlet-address:{request.remote_addr or ''}"


def _allowed() -> bool:
    item = parse(current_app.config["SILA_OUTLET_CODE_LIMIT"])
    return all(limiter.limiter.test(item, "outlet-code", key) for key in _keys())


def _missed() -> None:
    item = parse(current_app.config["SILA_OUTLET_CODE_LIMIT"])
    for key in _keys():
        limiter.limiter.hit(item, "outlet-code", key)


def _this_month() -> list[Voucher]:
    """What this outlet redeemed since the first of the month: numbers, values, times; nobody's name."""
    first = datetime.combine(today().replace(day=1), time.min, business_zone())
    return list(db.session.scalars(
        db.select(Voucher).where(Voucher.outlet_id == current_user.id, Voucher.status == VoucherStatus.redeemed,
                                 Voucher.redeemed_at >= first)
        .order_by(Voucher.redeemed_at.desc())
    ))


class OutletView(AreaView):
    area = "outlet"

    def _page(self, seen: vouchers.Seen | None = None, code: str = "", status: int = 200):  # type: ignore[no-untyped-def]
        return self.render("admin/outlet.html", seen=seen, code=code, presented=vouchers.PRESENTED,
                           redeemed=_this_month()), status

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        return self._page()

    @expose("/check", methods=("POST",))
    def check(self):  # type: ignore[no-untyped-def]
        if not _allowed():
            flash(str(TOO_MANY), "error")
            return self._page(status=429)
        code = request.form.get("code", "")
        seen = vouchers.look_up(code)
        if seen is None:
            _missed()
            flash(str(vouchers.NOT_FOUND), "error")
            return self._page(code=code[:40])
        return self._page(seen, seen.code)

    @expose("/redeem", methods=("POST",))
    def redeem(self):  # type: ignore[no-untyped-def]
        if not _allowed():
            flash(str(TOO_MANY), "error")
            return self._page(status=429)
        code = request.form.get("code", "")
        try:
            voucher = vouchers.redeem(code, current_user._get_current_object(), request.form.get("presented"))
        except Refused as refusal:
            if vouchers.find(code) is None:
                _missed()
            flash(str(refusal), "error")
            return self._page(vouchers.look_up(code), code[:40])
        flash(_("Voucher No. %(number)s was redeemed: hand over %(what)s.",
                number=voucher.id, what=voucher.items or ""), "success")
        return redirect(self.get_url(".index"))
