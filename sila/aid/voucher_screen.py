"""Vouchers as staff see them: issued on a request, printed, cancelled; and the redemptions report.

Issuing and cancelling call sila/aid/vouchers.py, which checks the role and
the branch; this screen only passes the click on and says what happened.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.area_view import AreaView
from admin.base import SilaModelView, choice_filter
from admin.steps import Step, StepButtonsMixin
from models.base import db
from models.enums import VoucherStatus
from models.request import ServiceRequest
from models.voucher import Voucher
from sila.aid import vouchers
from sila.aid.voucher_print import voucher_pdf
from sila.aid.voucher_report import redemptions_by_outlet_and_month
from sila.branches.scope import may_reach
from sila.core.audit.recorder import record
from sila.core.dates import parse_date, today
from sila.core.errors import InvalidValue, Refused
from sila.core.money import riyals

STEPS: dict[str, Step] = {
    "cancel": lambda rid, actor, form: vouchers.cancel(rid, actor, form.get("reason")),
}
DONE = {"cancel": _l("The voucher was cancelled and its value returned to the funding source.")}


def _money(_view: Any, _context: Any, model: Voucher, name: str) -> str:
    return riyals(getattr(model, name))


def _code(_view: Any, _context: Any, model: Voucher, _name: str) -> str:
    return vouchers.shown(model.code)


class VoucherView(StepButtonsMixin, SilaModelView):
    area = "vouchers"
    steps = STEPS
    done = DONE
    enum_columns = {"status": VoucherStatus}
    details_template = "admin/voucher_details.html"
    column_list = ("id", "request", "value", "expires_on", "status", "outlet", "redeemed_at", "created_at")
    column_details_list = (
        "id", "request", "code", "value", "items", "expires_on", "status", "funding_source", "issued_by",
        "created_at", "outlet", "redeemed_at", "presented", "cancelled_by", "cancelled_at", "cancel_reason",
    )
    column_labels = {
        "id": _l("Voucher number"), "request": _l("Request"), "code": _l("Code"), "value": _l("Value (riyals)"),
        "items": _l("Items"), "expires_on": _l("Valid until"), "status": _l("Status"),
        "funding_source": _l("Funding source"), "issued_by": _l("Issued by"), "created_at": _l("Issued on"),
        "outlet": _l("Redeemed at"), "redeemed_at": _l("Redeemed on"), "presented": _l("Code presented"),
        "cancelled_by": _l("Cancelled by"), "cancelled_at": _l("Cancelled on"),
        "cancel_reason": _l("Reason for cancelling"),
    }
    column_formatters = {"value": _money, "code": _code,
                         "presented": lambda _v, _c, model, _n: str(vouchers.PRESENTED.get(model.presented, ""))}
    column_default_sort = ("created_at", True)
    column_filters = (choice_filter(Voucher.status, _l("Status"), VoucherStatus), "expires_on")
    allow_create = False
    allow_edit = False

    @expose("/issue/<int:request_id>", methods=("POST",))
    def issue(self, request_id: int) -> Response:
        if not self._writable() or not may_reach(ServiceRequest, request_id, current_user._get_current_object()):
            abort(403)
        back = redirect(url_for("requests.details_view", id=request_id))
        try:
            voucher = vouchers.issue(request_id, current_user._get_current_object(),
                                     parse_date(request.form.get("expires_on")))
        except (Refused, InvalidValue) as refusal:
            flash(str(refusal), "error")
            return back
        flash(_("Voucher No. %(number)s was issued; its code was queued by SMS to the beneficiary.",
                number=voucher.id), "success")
        return redirect(self.get_url(".details_view", id=voucher.id))

    @expose("/print/<int:voucher_id>.pdf")
    def print_voucher(self, voucher_id: int) -> Response:
        voucher = self.get_one(str(voucher_id))
        if voucher is None:
            abort(404)
        data = voucher_pdf(voucher)
        record("voucher_print", "request", voucher.request_id,
               note=_("Voucher No. %(number)s", number=voucher.id), actor_id=current_user.id)
        db.session.commit()
        return Response(data, mimetype="application/pdf",
                        headers={"Content-Disposition": f"inline; filename=voucher-{voucher.id}.pdf"})


class VoucherReportView(AreaView):
    """Redemptions per partner outlet and month: what the association owes each outlet."""

    area = "voucher_report"

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        year = request.args.get("year", "")
        year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today().year
        rows = redemptions_by_outlet_and_month(date(year, 1, 1), date(year, 12, 31))
        return self.render("admin/voucher_report.html", rows=rows, year=year,
                           total=sum((row.total for row in rows), start=0), count=sum(row.count for row in rows))
