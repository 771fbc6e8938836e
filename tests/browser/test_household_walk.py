"""A staff member opens a file, adds a household member with an income, and sees the figures change.

The "Add" buttons of inline forms run from our own script (no inline handler),
so this also proves they work under the strict Content-Security-Policy.
"""
from __future__ import annotations

from playwright.sync_api import expect

from models import HouseholdMember
from models.base import db
from tests.browser.test_request_walk import arrived, log_in
from tests.factories import make_applicant


def test_staff_add_a_household_member_and_see_income_per_person(rakeen, page, screenshot):
    applicant = make_applicant()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/login")
    log_in(page, screenshot, "staff")
    page.goto(f"/admin/applicants/edit/?id={applicant.id}")
    arrived(page, screenshot, "file-edit")
    page.get_by_role("button", name="إضافة أفراد الأسرة").click()
    member = page.locator("#members-0")
    expect(member).to_be_visible()
    member.get_by_label("الاسم").fill("سعد محمد الحربي")
    for box, choice in (("صلة القرابة *", "ابن"), ("الجنس *", "ذكر")):
        member.get_by_role("link", name=box).click()
        page.get_by_role("option", name=choice, exact=True).click()
    member.get_by_label("الدخل الشهري (ريال)").fill("3000")
    screenshot("member-added")
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.goto(f"/admin/applicants/details/?id={applicant.id}")
    arrived(page, screenshot, "file-details")
    expect(page.locator('[data-figure="size"]')).to_have_text("2")
    expect(page.locator('[data-figure="per-person"]')).to_contain_text("1,500.00")
    assert db.session.scalar(db.select(db.func.count(HouseholdMember.id))) == 1
    assert not [error for error in errors if "Content Security Policy" in error], errors
