"""The applicant's own door in a real browser: a code from the log backend, his file, a correction staff answer;
an application confirmed by its code, a document staff asked for uploaded, a group message received.

Wrong and expired codes get the same Arabic answer as a code for details that
match no file. Every portal page reached reads right to left and passes axe-core.
"""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from models import Branch, Contact, PortalCode, ServiceRequest
from models.base import db
from sila.jobs.duties import send_messages
from tests.browser.axe_check import axe_violations
from tests.browser.test_request_walk import arrived, assert_reads_right_to_left, log_in
from tests.factories import make_applicant, make_request, valid_national_id
from tests.portal.test_portal import PDF

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


def _office_shot(staff: Page, screenshot):  # type: ignore[no-untyped-def]
    """The numbered picture of the staff member's page, not the applicant's."""
    return lambda step: staff.screenshot(path=str(screenshot(step)), full_page=True)


def _apply(page: Page, national_id: str) -> None:
    page.goto("/apply")
    page.fill('input[name="national_id"]', national_id)
    for name, value in (("first_name", "نورة"), ("father_name", "سعد"), ("grandfather_name", "ناصر"),
                        ("family_name", "القحطاني")):
        page.fill(f'input[name="{name}"]', value)
    page.locator('label[for="gender-1"]').click()
    page.fill('input[name="birth_date"]', "15/09/1405")
    page.fill('input[name="mobile"]', "0551234567")
    page.fill('input[name="city"]', "مكة المكرمة")
    page.select_option('select[name="service_type"]', index=1)
    page.locator('label[for="accept_attestation"]').click()
    page.get_by_role("button", name="إرسال الطلب").click()


def test_an_applicant_confirms_his_application_uploads_what_staff_asked_and_receives_a_group_message(
        rakeen, page, screenshot, caplog, live_server, tmp_path, app):
    caplog.set_level(logging.INFO, logger="sila.notifications")
    app.config["SILA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")
    national_id = valid_national_id()
    _apply(page, national_id)
    expect(page.get_by_role("heading", name="تأكيد رقم الجوال")).to_be_visible()
    _arrived(page, screenshot, "confirm-application")
    assert db.session.scalar(db.select(db.func.count()).select_from(ServiceRequest)) == 0
    code = _last_code(caplog)
    page.get_by_label("الرمز المرسل إلى جوالك").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="تأكيد الطلب وإرساله").click()
    expect(page.get_by_text(NEUTRAL)).to_be_visible()
    page.get_by_label("الرمز المرسل إلى جوالك").fill(code)
    page.get_by_role("button", name="تأكيد الطلب وإرساله").click()
    request = db.session.scalar(db.select(ServiceRequest))
    expect(page.get_by_text(request.number).first).to_be_visible()
    _arrived(page, screenshot, "application-received")

    office = page.context.browser.new_context(base_url=live_server, locale="ar-SA")
    staff = office.new_page()
    staff.goto("/login")
    log_in(staff, screenshot, "staff")
    staff.goto(f"/admin/requests/details/?id={request.id}")
    staff.locator('input[name="asked_item"]').first.check()
    staff.get_by_label("ملاحظة لمقدم الطلب").fill("صورة واضحة من الهوية")
    staff.get_by_role("button", name="إرسال طلب المستندات").click()
    expect(staff.get_by_text("طُلبت من المستفيد المستندات المختارة").first).to_be_visible()
    arrived(staff, _office_shot(staff, screenshot), "documents-asked-by-staff")

    _ask(page, national_id, "0551234567")
    _enter(page, _last_code(caplog))
    expect(page.get_by_role("heading", name="ملفي")).to_be_visible()
    page.get_by_role("link", name="ارفعها الآن").click()
    _arrived(page, screenshot, "documents-asked")
    document = tmp_path / "هوية.pdf"
    document.write_bytes(PDF)
    page.get_by_label("الملف", exact=True).set_input_files(str(document))
    page.get_by_role("button", name="إرسال هذا المستند").click()
    expect(page.get_by_text("استُلم، بانتظار مطابقة الموظفين.")).to_be_visible()
    _arrived(page, screenshot, "document-supplied")

    staff.reload()
    expect(staff.get_by_text("بانتظار مطابقته بالأصل")).to_be_visible()
    main = db.session.scalar(db.select(Branch).where(Branch.is_main.is_(True)))
    staff.goto("/admin/group_messages/")
    staff.select_option('select[name="group"]', value=f"branch:{main.id}")
    staff.get_by_label("الرسالة", exact=True).fill("يسرنا دعوتكم إلى لقاء المستفيدين يوم الخميس")
    staff.get_by_role("button", name="معاينة العدد").click()
    expect(staff.get_by_text("ستصل هذه الرسالة إلى 1 مستفيد")).to_be_visible()
    arrived(staff, _office_shot(staff, screenshot), "group-message-preview")
    staff.get_by_role("button", name="إرسال إلى 1 مستفيد").click()
    expect(staff.get_by_text("أُدرجت الرسالة في الرسائل الصادرة إلى 1 مستفيد")).to_be_visible()
    office.close()

    send_messages()
    assert any("(group_message)" in record.getMessage() for record in caplog.records)
    page.goto("/my-file")
    expect(page.get_by_text("يسرنا دعوتكم إلى لقاء المستفيدين يوم الخميس")).to_be_visible()
    _arrived(page, screenshot, "group-message-received")
