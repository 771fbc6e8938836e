"""The applicant's own door in a real browser: a code from the log backend, his file, a correction staff answer.

Wrong and expired codes get the same Arabic answer as a code for details that
match no file. Every portal page reached reads right to left and passes axe-core.
"""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from models import Contact, PortalCode
from models.base import db
from tests.browser.axe_check import axe_violations
from tests.browser.test_request_walk import assert_reads_right_to_left, log_in
from tests.factories import make_applicant, make_request, valid_national_id

NEUTRAL = "هذا الرمز غير صحيح أو لم يعد صالحًا"
CODE = re.compile(r": (\d{6})\.")


def _arrived(page: Page, shot, step: str) -> None:  # type: ignore[no-untyped-def]
    assert_reads_right_to_left(page, with_navbar=False)
    assert axe_violations(page) == [], step
    shot(step)


def _last_code(caplog) -> str:  # type: ignore[no-untyped-def]
    lines = [record.getMessage() for record in caplog.records if record.name == "sila.notifications"]
    return CODE.search(lines[-1]).group(1)


def _ask(page: Page, national_id: str, mobile: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="ملفي").click()
    page.get_by_label("رقم الهوية / الإقامة").fill(national_id)
    page.get_by_label("الجوال", exact=True).fill(mobile)
    page.get_by_role("button", name="أرسل لي رمزًا").click()


def _enter(page: Page, code: str) -> None:
    page.get_by_label("الرمز المرسل إلى جوالك").fill(code)
    page.get_by_role("button", name="دخول", exact=True).click()


def test_an_applicant_signs_in_with_a_code_reads_his_file_and_gets_his_correction_answered(
        rakeen, page, screenshot, caplog, live_server):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    applicant = make_applicant(national_id=valid_national_id(), mobile="0551234567", city="مكة المكرمة")
    request = make_request("received", applicant=applicant)

    _ask(page, valid_national_id(), "0551234567")
    _arrived(page, screenshot, "no-file-code-page")
    _enter(page, "123456")
    expect(page.get_by_text(NEUTRAL)).to_be_visible()

    _ask(page, applicant.national_id, "0551234567")
    _arrived(page, screenshot, "code-page")
    code = _last_code(caplog)
    _enter(page, f"{(int(code) + 1) % 1_000_000:06d}")
    expect(page.get_by_text(NEUTRAL)).to_be_visible()
    _arrived(page, screenshot, "wrong-code")

    row = db.session.scalar(db.select(PortalCode).order_by(PortalCode.id.desc()))
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    _enter(page, code)
    expect(page.get_by_text(NEUTRAL)).to_be_visible()

    page.get_by_role("link", name="اطلب رمزًا جديدًا").click()
    page.get_by_label("رقم الهوية / الإقامة").fill(applicant.national_id)
    page.get_by_label("الجوال", exact=True).fill("0551234567")
    page.get_by_role("button", name="أرسل لي رمزًا").click()
    _enter(page, _last_code(caplog))
    expect(page.get_by_role("heading", name="ملفي")).to_be_visible()
    expect(page.get_by_text(request.number).first).to_be_visible()
    _arrived(page, screenshot, "my-file")

    page.get_by_role("link", name="طلب تصحيح").click()
    _arrived(page, screenshot, "correction-form")
    page.get_by_label("البيان المطلوب تصحيحه").select_option(label="المدينة")
    page.get_by_label("البيان الصحيح").fill("الطائف")
    page.get_by_role("button", name="إرسال طلب التصحيح").click()
    expect(page.get_by_text("أُرسل طلب التصحيح")).to_be_visible()

    contact = db.session.scalar(db.select(Contact).where(Contact.kind == "correction"))
    # Another person at another computer: a browser of his own, not the applicant's cookies.
    office = page.context.browser.new_context(base_url=live_server, locale="ar-SA")
    staff = office.new_page()
    staff.goto("/login")
    log_in(staff, screenshot, "staff")
    staff.goto(f"/admin/contacts/details/?id={contact.id}")
    expect(staff.get_by_text("طلب تصحيح «المدينة»: الطائف").first).to_be_visible()
    staff.get_by_label("الرد المقدم").fill("صُحّحت المدينة في ملفك إلى الطائف")
    staff.get_by_role("button", name="سجّل الإجابة وأغلق").click()
    office.close()

    page.reload()
    expect(page.get_by_text("صُحّحت المدينة في ملفك إلى الطائف")).to_be_visible()
    _arrived(page, screenshot, "correction-answered")
    page.get_by_role("button", name="خروج").click()
    page.goto("/my-file")
    expect(page.get_by_role("heading", name="الدخول إلى ملفك")).to_be_visible()
