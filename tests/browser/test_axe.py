"""axe-core on every screen each role opens: its lists, a details page, its create forms; and the portal.

Lists are checked again with every filter applied (Flask-Admin draws the filter
controls only then), with every create and edit form and a meeting's page.
Serious and critical violations fail the test, listed with the page and the
element, so a regression in labels, names, landmarks or contrast is caught
where people would hit it.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from models import User
from models.base import db
from models.committee import Committee
from sila.committee import meetings
from sila.settings.presets.demo import demo_password
from tests.browser.axe_check import axe_violations
from tests.factories import make_request

MENU_LINK = re.compile(r"^/admin/[a-z_]+/$")


def _log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(demo_password(username))
    page.get_by_role("button", name="تسجيل الدخول", exact=True).click()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()


def _screens(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href]", "links => links.map(link => link.getAttribute('href'))")
    return sorted({href for href in hrefs if MENU_LINK.match(href)})


@pytest.mark.parametrize("role", ["staff", "committee", "researcher", "manager", "admin"])
def test_every_screen_of_each_role_passes_axe(rakeen, page, role):
    make_request("submitted")
    _log_in(page, role)
    found = axe_violations(page)
    for screen in _screens(page):
        page.goto(screen)
        found += axe_violations(page)
        first_row = page.locator("td a.icon[href*='/details/']").first
        if first_row.count():
            with page.expect_navigation():
                first_row.click()
            page.wait_for_load_state("load")
            found += axe_violations(page)
        if page.locator("a[href*='/new/']").count():
            page.goto(screen + "new/")
            if page.url.endswith("/new/"):
                found += axe_violations(page)
    assert found == [], "\n".join(found)


def _filtered(page: Page, screen: str) -> bool:
    """Apply every filter of the list as a person would: add each from the menu, give it a value, apply."""
    page.goto(screen)
    count = page.locator(".field-filters a.filter").count()
    for index in range(count):
        page.locator(".field-filters").locator("xpath=preceding-sibling::a[1]").click()
        page.locator(".field-filters a.filter").nth(index).click()
        page.keyboard.press("Escape")
    if not count:
        return False
    page.eval_on_selector_all(
        "#filter_form input.filter-val[type=text]",
        "fields => fields.forEach(field => { field.value = field.dataset.dateFormat ? '2026-01-01' : '1'; })",
    )
    with page.expect_navigation():
        page.locator("#filter_form button[type=submit]").click()
    page.wait_for_load_state("load")
    return True


@pytest.mark.parametrize("role", ["staff", "committee", "researcher", "manager", "admin"])
def test_filtered_lists_forms_and_the_meeting_page_of_each_role_pass_axe(rakeen, page, role):
    request = make_request("submitted")
    staff = db.session.scalar(db.select(User).where(User.username == "staff"))
    meeting = meetings.create_meeting(db.session.scalar(db.select(Committee.id)), staff, request.created_at.date(), "القاعة")
    meetings.add_item(meeting.id, staff, request.id)
    db.session.commit()
    _log_in(page, role)
    found: list[str] = []
    for screen in _screens(page):
        if _filtered(page, screen):
            assert "flt" in page.url, page.url
            found += axe_violations(page)
        page.goto(screen)
        edit = page.locator("td a.icon[href*='/edit/']").first
        forms = [edit.get_attribute("href")] if edit.count() else []
        if page.locator(f"a[href^='{screen}new/']").count():
            forms.append(screen + "new/")
        for form in forms:
            page.goto(form)
            if "/edit/" in page.url or page.url.endswith("/new/"):
                found += axe_violations(page)
        if screen == "/admin/meetings/":
            page.goto(f"{screen}details/?id={meeting.id}")
            found += axe_violations(page)
    assert found == [], "\n".join(found)


def test_the_portal_passes_axe(rakeen, page):
    found = []
    for path in ("/", "/apply", "/track", "/contact"):
        page.goto(path)
        found += axe_violations(page)
    assert found == [], "\n".join(found)
