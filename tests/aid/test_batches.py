"""Disbursement batches: prepared by one manager, approved by another, fixed once approved, paid in one step."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from models import AidDelivery, BatchLine, DisbursementBatch, FundingSource, Instalment, Notification, User
from models.base import db
from sila.aid import batches
from sila.core.errors import InvalidValue, Refused
from sila.core.iban import clean_iban
from sila.core.pdf.stored import render_pending
from tests.aid.helpers import granted, make_source
from tests.conftest import login, post_form
from tests.factories import make_applicant
from tests.requests.test_concurrency import crowd, race
from tests.requests.test_workflow import user

IBAN = "SA0380000000608010167519"


def _month_of_cash(source: FundingSource, count: int = 2, iban: str | None = IBAN) -> list:
    return [granted("cash", "500", 6, source, applicant=make_applicant(iban=iban)) for _ in range(count)]


def test_a_saudi_iban_is_checked_by_its_digits():
    assert clean_iban("sa03 8000 0000 6080 1016 7519") == IBAN
    with pytest.raises(InvalidValue):
        clean_iban("SA0380000000608010167518")
    with pytest.raises(InvalidValue, match="SA"):
        clean_iban("DE89370400440532013000")


def test_the_preparer_never_approves_and_a_second_manager_does(rakeen):
    _month_of_cash(make_source())
    batch = batches.prepare(user("manager"), date.today())
    assert len(batch.lines) == 2 and sum(line.amount for line in batch.lines) == Decimal("1000.00")
    with pytest.raises(Refused, match="أربع|someone else|غيرك"):
        batches.approve(batch.id, user("manager"))
    assert db.session.get(DisbursementBatch, batch.id).status == "prepared"
    batches.approve(batch.id, user("manager2"))
    assert db.session.get(DisbursementBatch, batch.id).approved_by_id == user("manager2").id
    with pytest.raises(Refused):
        batches.discard(batch.id, user("manager"))
    assert db.session.scalar(db.select(db.func.count(BatchLine.id))) == 2, "an approved batch keeps its lines"


def test_an_instalment_is_in_one_batch_only(rakeen):
    _month_of_cash(make_source(), count=1)
    batches.prepare(user("manager"), date.today())
    with pytest.raises(Refused):
        batches.prepare(user("manager"), date.today())


def test_marking_paid_delivers_each_line_charges_the_source_and_queues_the_messages(rakeen):
    source = make_source("5000")
    requests = _month_of_cash(source)
    batch = batches.prepare(user("manager"), date.today())
    batches.approve(batch.id, user("treasurer"))
    before = db.session.scalar(db.select(db.func.count(Notification.id)))
    batches.mark_paid(batch.id, user("treasurer"))
    db.session.refresh(source)
    assert source.spent == Decimal("1000.00")
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 2
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == before + 2
    assert db.session.scalar(db.select(db.func.count(Instalment.id)).filter_by(status="delivered")) == 2
    told = db.session.scalars(db.select(Notification).where(Notification.event == "aid_paid")).all()
    assert {request.applicant_id for request in requests} == {message.applicant_id for message in told}
    assert all("500.00" in message.body and "القسط 1 من 6" in message.body for message in told)
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.event == "service_ready")) == 0
    with pytest.raises(Refused):
        batches.mark_paid(batch.id, user("treasurer"))


def test_a_batch_over_budget_is_refused_whole_when_paid(rakeen):
    source = make_source("700")
    _month_of_cash(source)
    batch = batches.prepare(user("manager"), date.today())
    assert batches.budget_warnings(batch), "the approver is warned before approving"
    batches.approve(batch.id, user("manager2"))
    with pytest.raises(Refused):
        batches.mark_paid(batch.id, user("manager2"))
    db.session.refresh(source)
    assert source.spent == 0 and db.session.get(DisbursementBatch, batch.id).status == "approved"


def test_next_months_instalments_wait_for_their_batch(rakeen):
    _month_of_cash(make_source(), count=1)
    batch = batches.prepare(user("manager"), date.today() + timedelta(days=40))
    assert len(batch.lines) == 2, "this month's and next month's"


def test_the_batch_screen_warns_exports_the_bank_file_and_the_arabic_report(rakeen, app):
    source = make_source()
    _month_of_cash(source, count=1)
    _month_of_cash(source, count=1, iban=None)
    preparer = login(app.test_client(), "manager")
    response = post_form(preparer, "/admin/batches/prepare/", {"due_by": date.today().strftime("%d/%m/%Y")},
                         token_from="/admin/batches/prepare/")
    assert response.status_code == 302
    batch = db.session.scalar(db.select(DisbursementBatch))
    page = preparer.get(f"/admin/batches/details/?id={batch.id}").get_data(as_text=True)
    assert 'data-warning="line"' in page and "لا يوجد آيبان" in page
    assert "step/" + str(batch.id) + "/approve" not in page, "the preparer has no approve button"
    assert preparer.get(f"/admin/batches/bank/{batch.id}.csv").status_code == 302, "no bank file before approval"

    approver = login(app.test_client(), "manager2")
    post_form(approver, f"/admin/batches/step/{batch.id}/approve", {}, token_from=f"/admin/batches/details/?id={batch.id}")
    assert db.session.get(DisbursementBatch, batch.id).status == "approved"
    bank = approver.get(f"/admin/batches/bank/{batch.id}.csv")
    rows = list(csv.reader(io.StringIO(bank.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["مستفيد", "الآيبان", "المبلغ (ريال)", "الرقم المرجعي"]
    assert rows[1][1] == IBAN and rows[1][2] == "500.00"
    assert approver.get(f"/admin/batches/bank/{batch.id}.xlsx").data[:2] == b"PK"
    render_pending()  # the job prepares the approved batch's report
    report = approver.get(f"/admin/batches/report/{batch.id}.pdf")
    assert report.status_code == 200 and report.data.startswith(b"%PDF")


def test_staff_cannot_reach_batches(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/batches/").status_code == 403


def test_two_managers_preparing_the_same_instalments_at_once_exactly_one_gets_the_batch(crowd_app):
    _month_of_cash(make_source(), count=3)
    managers = crowd("manager", 2)
    db.session.execute(db.update(User).where(User.id.in_(managers)).values(all_branches=True))
    db.session.commit()
    result = race(crowd_app, [
        (str(manager), lambda actor: batches.prepare(actor, date.today()), manager) for manager in managers
    ])
    assert len(result.winners) == 1 and len(result.refusals) == 1
    assert str(result.refusals[0]) in {
        "أضاف مدير آخر للتو بعض هذه الأقساط إلى دفعة: أعد التجهيز.",
        "لا توجد دفعات نقدية مستحقة حتى هذا التاريخ خارج دفعات صرف أخرى.",
    }, "the one who came second is told why in Arabic, never a server error"
    assert db.session.scalar(db.select(db.func.count(DisbursementBatch.id))) == 1
    assert db.session.scalar(db.select(db.func.count(BatchLine.id))) == 3
