"""The rakeen demo's aid, walked as the issue's "done" says: granted, batched, approved by another, paid; the food
basket issued as a voucher, redeemed at the demo outlet and refused the second time. The budget and voucher races
are tests/aid/test_funding.py's and test_vouchers.py's (PostgreSQL)."""
from __future__ import annotations

from decimal import Decimal

from models import AidDelivery, AidGrant, DisbursementBatch, FundingSource, Notification, ServiceRequest, Voucher
from models.base import db
from sila.aid import vouchers
from sila.core.dates import today
from sila.core.pdf.stored import render_pending
from sila.settings.presets.demo_aid import DEMO_IBAN, DONOR, load_demo_aid
from sila.settings.presets.demo_vouchers import load_demo_vouchers
from tests.conftest import login, post_form
from tests.factories import make_applicant


def test_the_demo_months_batch_is_prepared_approved_by_a_second_manager_and_paid(rakeen, app):
    assert load_demo_aid() == 0, "nothing without a demo file"
    make_applicant()
    assert load_demo_aid() == 2
    assert load_demo_aid() == 0, "loading it again changes nothing"
    cash = db.session.scalar(db.select(AidGrant).filter_by(kind="cash"))
    assert (cash.amount, cash.instalments, cash.funding_source.name) == (Decimal("500.00"), 6, DONOR)

    preparer = login(app.test_client(), "manager")
    post_form(preparer, "/admin/batches/prepare/", {"due_by": today().strftime("%d/%m/%Y"), "title": "إعانات الشهر"},
              token_from="/admin/batches/prepare/")
    batch = db.session.scalar(db.select(DisbursementBatch))
    assert len(batch.lines) == 1 and batch.lines[0].amount == Decimal("500.00")

    approver = login(app.test_client(), "manager2")
    details = f"/admin/batches/details/?id={batch.id}"
    post_form(approver, f"/admin/batches/step/{batch.id}/approve", {}, token_from=details)
    assert approver.get(f"/admin/batches/bank/{batch.id}.csv").get_data(as_text=True).count(DEMO_IBAN) == 1
    render_pending()  # the job prepares the approved batch's report
    assert approver.get(f"/admin/batches/report/{batch.id}.pdf").data.startswith(b"%PDF")
    assert approver.get(f"/admin/batches/bank/{batch.id}.xlsx").data[:2] == b"PK"
    before = db.session.scalar(db.select(db.func.count(Notification.id)))
    page = post_form(approver, f"/admin/batches/step/{batch.id}/paid", {}, token_from=details,
                     follow_redirects=True).get_data(as_text=True)
    assert "سُجّل صرف الدفعة" in page and 'dir="rtl"' in page
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == before + 1
    donor = db.session.scalar(db.select(FundingSource).filter_by(name=DONOR))
    assert donor.spent == Decimal("500.00")


def test_the_demo_food_basket_voucher_is_redeemed_at_the_demo_outlet_once(rakeen, app):
    make_applicant()
    load_demo_aid()
    assert load_demo_vouchers() == 1
    assert load_demo_vouchers() == 0, "loading it again changes nothing"
    voucher = db.session.scalar(db.select(Voucher))
    assert (voucher.status, voucher.value) == ("issued", Decimal("350.00")) and "سلة غذائية" in voucher.items
    assert db.session.scalar(db.select(Notification).filter_by(event="voucher")).request_id == voucher.request_id
    donor = db.session.scalar(db.select(FundingSource).filter_by(name=DONOR))
    assert donor.spent == Decimal("350.00"), "charged when issued"

    outlet = login(app.test_client(), "outlet")
    form = {"code": vouchers.shown(voucher.code), "presented": "print"}
    done = post_form(outlet, "/admin/outlet/redeem", form, token_from="/admin/outlet/", follow_redirects=True)
    assert f"صُرفت القسيمة رقم {voucher.id}" in done.get_data(as_text=True)
    again = post_form(outlet, "/admin/outlet/redeem", form, token_from="/admin/outlet/", follow_redirects=True)
    assert "صُرفت هذه القسيمة" in again.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Voucher, voucher.id).status == "redeemed"
    assert db.session.get(ServiceRequest, voucher.request_id).status == "closed"
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1
    assert db.session.get(FundingSource, donor.id).spent == Decimal("350.00"), "charged once"
