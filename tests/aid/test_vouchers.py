"""Vouchers: issued by staff and sent by SMS, printed in Arabic, redeemed once by a partner outlet who sees no one."""
from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pypdfium2
import pytest

from models import AidDelivery, AuditEntry, FundingSource, GrantItem, Notification, ServiceRequest, User, Voucher
from models.base import db
from sila.aid import vouchers
from sila.core.dates import today
from sila.core.errors import Refused
from tests.aid.vouchers_helpers import granted_items
from tests.conftest import login, post_form
from tests.requests.test_concurrency import crowd, race
from tests.requests.test_workflow import user


def _issued(client=None, **grant) -> Voucher:  # type: ignore[no-untyped-def]
    request = granted_items(**grant)
    if client is None:
        return vouchers.issue(request.id, user("staff"))
    page = f"/admin/requests/details/?id={request.id}"
    response = post_form(client, f"/admin/vouchers/issue/{request.id}", {}, token_from=page)
    assert response.status_code == 302
    return db.session.scalar(db.select(Voucher).filter_by(request_id=request.id))


def _check(outlet, code: str) -> str:  # type: ignore[no-untyped-def]
    return post_form(outlet, "/admin/outlet/check", {"code": code}, token_from="/admin/outlet/").get_data(as_text=True)


def _redeem(outlet, code: str, presented: str = "print"):  # type: ignore[no-untyped-def]
    return post_form(outlet, "/admin/outlet/redeem", {"code": code, "presented": presented},
                     token_from="/admin/outlet/", follow_redirects=True)


def test_staff_issue_a_voucher_charged_to_the_source_and_its_code_goes_by_sms(rakeen, client):
    login(client, "staff")
    voucher = _issued(client)
    assert voucher.status == "issued" and voucher.value == Decimal("350.00")
    assert voucher.expires_on == today() + timedelta(days=vouchers.DEFAULT_DAYS)
    assert re.fullmatch(f"[{vouchers.ALPHABET}]{{12}}", voucher.code)
    assert db.session.get(FundingSource, voucher.funding_source_id).spent == Decimal("350.00")
    message = db.session.scalar(db.select(Notification).filter_by(event="voucher"))
    assert message.method == "sms" and message.status == "pending"
    assert vouchers.shown(voucher.code) in message.body and "قسيمة" in message.body
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="voucher_issue"))
    assert entry.entity_id == voucher.request_id and voucher.code not in (entry.note or "")
    page = client.get(f"/admin/requests/details/?id={voucher.request_id}").get_data(as_text=True)
    assert f"/admin/vouchers/details/?id={voucher.id}" in page


def test_codes_are_random_not_sequential(rakeen):
    first, second = _issued(), _issued()
    assert first.code != second.code
    assert sum(a == b for a, b in zip(first.code, second.code, strict=True)) < 8


def test_the_printed_voucher_is_an_arabic_pdf_with_its_code_and_both_calendars(rakeen, client):
    login(client, "staff")
    voucher = _issued(client)
    response = client.get(f"/admin/vouchers/print/{voucher.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = re.sub(r"\s+", " ", pypdfium2.PdfDocument(response.data)[0].get_textpage().get_text_range())
    assert vouchers.shown(voucher.code) in text
    assert "قسيمة" in text and "سلة غذائية" in text and "هـ" in text and str(voucher.expires_on.year) in text
    assert voucher.request.applicant.national_id not in text


def test_an_outlet_sees_the_value_and_items_but_no_personal_data_and_redeems_once(rakeen, client):
    voucher = _issued()
    applicant = voucher.request.applicant
    outlet = login(client, "outlet")
    page = _check(outlet, vouchers.shown(voucher.code).lower())
    assert "350.00" in page and "سلة غذائية" in page and 'dir="rtl"' in page
    for personal in (applicant.national_id, applicant.full_name, applicant.mobile, applicant.first_name):
        assert personal not in page

    done = _redeem(outlet, voucher.code, "sms").get_data(as_text=True)
    assert "صُرفت" in done or "صرف" in done
    db.session.expire_all()
    voucher = db.session.get(Voucher, voucher.id)
    assert voucher.status == "redeemed" and voucher.presented == "sms"
    assert voucher.outlet_id == db.session.scalar(db.select(User.id).filter_by(username="outlet"))
    request = db.session.get(ServiceRequest, voucher.request_id)
    assert request.status == "closed"
    assert db.session.scalar(db.select(GrantItem.delivered)) == 1
    delivery = db.session.scalar(db.select(AidDelivery))
    assert delivery.amount == Decimal("350.00")
    assert db.session.get(FundingSource, voucher.funding_source_id).spent == Decimal("350.00"), "charged once"

    again = _redeem(outlet, voucher.code).get_data(as_text=True)
    assert "صُرفت هذه القسيمة" in again
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1


def test_expired_and_cancelled_vouchers_are_refused_in_arabic(rakeen, client):
    expired, cancelled = _issued(), _issued()
    expired.expires_on = today() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(Refused, match="سبب"):
        vouchers.cancel(cancelled.id, user("staff"), "")
    vouchers.cancel(cancelled.id, user("staff"), "أعيد إصدارها بقيمة أخرى")
    assert db.session.get(FundingSource, cancelled.funding_source_id).spent == Decimal("350.00"), "given back"

    outlet = login(client, "outlet")
    assert "انتهت صلاحية هذه القسيمة" in _redeem(outlet, expired.code).get_data(as_text=True)
    assert "ألغت الجمعية هذه القسيمة" in _redeem(outlet, cancelled.code).get_data(as_text=True)
    assert "ألغت الجمعية هذه القسيمة" in _check(outlet, cancelled.code)
    db.session.expire_all()
    assert [v.status for v in db.session.scalars(db.select(Voucher).order_by(Voucher.id))] == ["issued", "cancelled"]


def test_a_cancelled_voucher_lets_staff_issue_another(rakeen):
    voucher = _issued()
    with pytest.raises(Refused, match="قائمة"):
        vouchers.issue(voucher.request_id, user("staff"))
    vouchers.cancel(voucher.id, user("staff"), "فقدها المستفيد")
    second = vouchers.issue(voucher.request_id, user("staff"))
    assert second.code != voucher.code and second.value == Decimal("350.00")


def test_two_outlets_redeeming_one_voucher_at_once_exactly_one_succeeds(crowd_app):
    voucher = _issued()
    code, outlets = voucher.code, crowd("outlet", 2)
    result = race(crowd_app, [
        (str(outlet), lambda actor: vouchers.redeem(code, actor, "print"), outlet) for outlet in outlets
    ])
    assert len(result.winners) == 1 and len(result.refusals) == 1
    assert "صُرفت هذه القسيمة" in str(result.refusals[0]) or "already redeemed" in str(result.refusals[0])
    voucher = db.session.get(Voucher, voucher.id)
    assert voucher.status == "redeemed" and str(voucher.outlet_id) == result.winners[0][0]
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 1
    assert db.session.get(ServiceRequest, voucher.request_id).status == "closed"


def test_an_outlet_opens_its_page_and_nothing_else(rakeen, client):
    voucher = _issued()
    outlet = login(client, "outlet")
    assert outlet.get("/admin/").headers["Location"].endswith("/admin/outlet/")
    for url in ("/admin/requests/", f"/admin/requests/details/?id={voucher.request_id}", "/admin/applicants/",
                "/admin/vouchers/", f"/admin/vouchers/print/{voucher.id}.pdf", "/admin/voucher_report/",
                "/admin/documents/", "/admin/catalogue/", "/admin/funding_sources/", "/admin/outbox/"):
        assert outlet.get(url).status_code == 403, url
    staff = login(client.application.test_client(), "staff")
    assert staff.get("/admin/outlet/").status_code == 403
    forged = post_form(staff, "/admin/outlet/redeem", {"code": voucher.code, "presented": "print"})
    assert forged.status_code == 403
    assert db.session.get(Voucher, voucher.id).status == "issued"


def test_wrong_codes_are_throttled_per_outlet(rakeen, client, app):
    app.config["SILA_OUTLET_CODE_LIMIT"] = "3 per hour"
    voucher = _issued()
    outlet = login(client, "outlet")
    for guess in ("AAAA-BBBB-CCCC", "AAAA-BBBB-CCCD", "AAAA-BBBB-CCCE"):
        assert "لا توجد قسيمة بهذا الرمز" in _check(outlet, guess)
    response = post_form(outlet, "/admin/outlet/check", {"code": voucher.code}, token_from="/admin/outlet/")
    assert response.status_code == 429 and "350.00" not in response.get_data(as_text=True)


def test_redemptions_are_reported_per_outlet_and_month(rakeen, client):
    first, second, third = _issued(), _issued(), _issued()
    other = crowd("outlet", 1)[0]
    vouchers.redeem(first.code, user("outlet"), "print")
    vouchers.redeem(second.code, user("outlet"), "sms")
    vouchers.redeem(third.code, db.session.get(User, other), "print")
    earlier = db.session.get(Voucher, second.id)
    earlier.redeemed_at = earlier.redeemed_at - timedelta(days=40)
    db.session.commit()
    manager = login(client, "manager")
    page = manager.get(f"/admin/voucher_report/?year={today().year}").get_data(as_text=True)
    this_month = today().strftime("%Y-%m")
    assert re.search(rf'data-outlet="{re.escape(user("outlet").full_name)}" data-month="{this_month}">.*?<td>1</td><td>350', page)
    assert re.search(rf'data-outlet="عضو 0" data-month="{this_month}">.*?<td>1</td><td>350', page)
    assert page.count("<tr data-outlet=") == (3 if earlier.redeemed_at.year == today().year else 2)
    assert login(client.application.test_client(), "staff").get("/admin/voucher_report/").status_code == 403


def test_while_a_voucher_is_outstanding_staff_cannot_also_deliver_by_hand(rakeen, client):
    voucher = _issued()
    staff = login(client, "staff")
    page = f"/admin/requests/details/?id={voucher.request_id}"
    assert "/admin/vouchers/issue/" not in staff.get(page).get_data(as_text=True), "one voucher at a time"
    answer = post_form(staff, f"/admin/requests/step/{voucher.request_id}/deliver",
                       {"received_by": "محمد", "receiver_relation": "self", "witness": "سعد الشاهد", "item_lines": "1"},
                       token_from=page, follow_redirects=True)
    assert "صدرت لهذه المساعدة قسيمة لم تُصرف بعد" in answer.get_data(as_text=True)
    assert db.session.get(ServiceRequest, voucher.request_id).status == "registered"
    assert db.session.scalar(db.select(db.func.count(AidDelivery.id))) == 0
