"""axe-core (vendored in axe-playwright-python, nothing fetched) on every screen each role opens.

Serious and critical violations fail the test, listed with the page and the
element, so a regression in labels, names, landmarks or contrast is caught
where people would hit it.
"""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from presets.demo import demo_password
from tests.factories import make_request

BLOCKING = {"serious", "critical"}
MENU_LINK = re.compile(r"^/admin/[a-z_]+/$")
AXE = Axe()


def _log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(demo_password(username))
    page.get_by_role("button", name="تسجيل الدخول", exact=True).click()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()


def _violations(page: Page) -> list[str]:
    results = AXE.run(page).response
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                    for node in violation["nodes"][:3])
        + " — " + " ".join(violation["nodes"][0].get("failureSummary", "").split())
        for violation in results["violations"] if violation["impact"] in BLOCKING
    ]


def _screens(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href]", "links => links.map(link => link.getAttribute('href'))")
    return sorted({href for href in hrefs if MENU_LINK.match(href)})


@pytest.mark.parametrize("role", ["staff", "committee", "researcher", "manager", "admin"])
def test_every_screen_of_each_role_passes_axe(rakeen, page, role):
    make_request("submitted")
    _log_in(page, role)
    found = _violations(page)
    for screen in _screens(page):
        page.goto(screen)
        found += _violations(page)
        first_row = page.locator("td a.icon[href*='/details/']").first
        if first_row.count():
            first_row.click()
            found += _violations(page)
        if page.locator("a[href*='/new/']").count():
            page.goto(screen + "new/")
            if page.url.endswith("/new/"):
                found += _violations(page)
    assert found == [], "\n".join(found)


def test_the_portal_passes_axe(rakeen, page):
    found = []
    for path in ("/", "/apply", "/track", "/contact"):
        page.goto(path)
        found += _violations(page)
    assert found == [], "\n".join(found)
