"""axe-core on every screen each role opens: its lists, a details page, its create forms; and the portal.

Serious and critical violations fail the test, listed with the page and the
element, so a regression in labels, names, landmarks or contrast is caught
where people would hit it.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

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


def test_the_portal_passes_axe(rakeen, page):
    found = []
    for path in ("/", "/apply", "/track", "/contact"):
        page.goto(path)
        found += axe_violations(page)
    assert found == [], "\n".join(found)
