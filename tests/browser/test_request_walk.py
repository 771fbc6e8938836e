"""The request path in a real browser, in Arabic, clicking what people see.

Staff receive and carry the request, a committee member decides, staff close
it. Only the first address (/login) is typed; every other page is reached
through the navbar, the request list and the step buttons. Each page must read
right to left: `dir="rtl"`, `lang="ar"`, and the brand (صلة) to the right of
the first menu item.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from models import ServiceRequest
from models.base import db
from sila.settings.presets.demo import demo_password
from tests.browser.axe_check import axe_violations
from tests.factories import make_request

PEOPLE_MENU = {"rakeen": "المستفيدون", "health_coop": "الأعضاء"}
STAFF_MENUS = ("الطلبات", "سجل التواصل", "الإحالات")
TIMELINE = (
    "استلام الطلب", "تحديث قائمة التحقق", "التحقق والاعتماد", "توقيع الإقرار",
    "الرفع إلى لجنة البحث", "قرار اللجنة: مقبول", "اكتمل التسجيل", "تقديم الخدمة",
)
Shot = Callable[[str], Path]


def navbar(page: Page) -> Locator:
    return page.get_by_role("navigation")


def assert_reads_right_to_left(page: Page, with_navbar: bool = True) -> None:
    page.wait_for_load_state()
    direction = page.evaluate(
        "() => ({dir: document.documentElement.dir, lang: document.documentElement.lang,"
        " body: getComputedStyle(document.body).direction})"
    )
    assert direction == {"dir": "rtl", "lang": "ar", "body": "rtl"}, page.url
    if with_navbar:
        brand = navbar(page).get_by_role("link", name="صلة", exact=True).bounding_box()
        first_item = navbar(page).get_by_role("list").first.get_by_role("link").first.bounding_box()
        assert brand and first_item, page.url
        assert brand["x"] >= first_item["x"] + first_item["width"], (page.url, brand, first_item)


def arrived(page: Page, shot: Shot, step: str, with_navbar: bool = True) -> None:
    """Every page the walk reaches: it reads right to left, passes axe-core, and its picture is kept."""
    assert_reads_right_to_left(page, with_navbar)
    assert axe_violations(page) == [], step
    shot(step)


def log_in(page: Page, shot: Shot, username: str) -> None:
    arrived(page, shot, f"login-{username}", with_navbar=False)
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(demo_password(username))
    page.get_by_role("button", name="تسجيل الدخول", exact=True).click()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()
    arrived(page, shot, f"home-{username}")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="تسجيل الخروج").click()
    expect(page.get_by_role("button", name="تسجيل الدخول", exact=True)).to_be_visible()


def open_request(page: Page, shot: Shot, number: str) -> None:
    """From a request list, the row with this number, then its eye icon.

    The icon's only words are its tooltip (عرض السجل): Flask-Admin's row link
    wraps a Font Awesome glyph without aria-hidden, so the link's accessible
    name is the glyph, not the title, and get_by_role cannot find it by name.
    """
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=number, exact=True))
    row.get_by_title("عرض السجل", exact=True).click()
    expect(page.get_by_text(f"الطلب رقم {number}")).to_be_visible()
    arrived(page, shot, "request")


def take_step(page: Page, shot: Shot, button: str, done: str, step: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_text(done)).to_be_visible()  # not exact: the message shares its box with a × button
    arrived(page, shot, step)


def open_staff_request_list(page: Page, shot: Shot) -> None:
    navbar(page).get_by_role("link", name="الطلبات", exact=True).click()
    expect(page.get_by_role("columnheader", name="رقم الطلب")).to_be_visible()
    arrived(page, shot, "requests")


@pytest.mark.parametrize("preset", ["rakeen", "health_coop"])
def test_staff_committee_staff_walk_a_request_to_delivery_in_arabic(
    app, request, preset, live_server, page, screenshot,
):
    request.getfixturevalue(preset)
    req = make_request("received")
    number, items = req.number, len(req.service_type.required_items)
    assert items > 0
    page.goto("/login")

    log_in(page, screenshot, "staff")
    expect(navbar(page).get_by_role("link", name=PEOPLE_MENU[preset], exact=True)).to_be_visible()
    open_staff_request_list(page, screenshot)
    open_request(page, screenshot, number)
    for label in ("مُقدَّم", "مطابق للأصل"):
        boxes = page.get_by_role("checkbox", name=label, exact=True)
        expect(boxes).to_have_count(items)
        for box in boxes.all():
            box.check()
    take_step(page, screenshot, "حفظ قائمة التحقق", "حُفظت قائمة التحقق.", "checklist")
    for box in page.get_by_role("checkbox").all():
        expect(box).to_be_checked()
    page.get_by_label("ملاحظات التحقق").fill("طابقت الأصل")
    take_step(page, screenshot, "التحقق والاعتماد", "تم التحقق من الطلب واعتماده.", "verified")
    expect(page.get_by_label("الاسم كما ورد في التوقيع")).not_to_be_empty()
    take_step(page, screenshot, "تسجيل الإقرار الموقّع", "سُجّل الإقرار.", "attested")
    take_step(page, screenshot, "الرفع إلى لجنة البحث", "رُفع الطلب إلى لجنة البحث.", "submitted")
    log_out(page)

    log_in(page, screenshot, "committee")
    navbar(page).get_by_role("link", name="اللجنة", exact=True).click()
    navbar(page).get_by_role("link", name="بانتظار القرار", exact=True).click()
    expect(page.get_by_role("cell", name=number, exact=True)).to_be_visible()
    arrived(page, screenshot, "committee-queue")
    open_request(page, screenshot, number)
    expect(page.get_by_role("cell", name="طابقت الأصل", exact=True)).to_be_visible()
    page.get_by_role("radio", name="قبول", exact=True).check()
    take_step(page, screenshot, "تسجيل القرار", "سُجّل القرار.", "decided")
    expect(page.get_by_role("cell", name=number, exact=True)).to_have_count(0)
    log_out(page)

    log_in(page, screenshot, "staff")
    open_staff_request_list(page, screenshot)
    open_request(page, screenshot, number)
    page.get_by_label("ملاحظات", exact=True).fill("اكتمل ملف التسجيل")
    take_step(page, screenshot, "استكمال التسجيل", "اكتملت إجراءات التسجيل.", "registered")
    page.get_by_label("ما تم تقديمه").fill("تذكرة حج وسكن")
    take_step(page, screenshot, "تسجيل تقديم الخدمة وإغلاق الطلب", "سُجّل تقديم الخدمة وأُغلق الطلب.", "closed")

    expect(page.get_by_text("قُدّمت الخدمة وأُغلق الطلب").first).to_be_visible()
    expect(page.get_by_text("الخطوة التالية")).to_have_count(0)
    timeline = page.locator(".card").filter(has=page.get_by_text("سجل المراحل", exact=True))
    entries = timeline.get_by_role("listitem")
    expect(entries).to_have_count(len(TIMELINE))
    for entry, what in zip(entries.all(), TIMELINE, strict=True):
        expect(entry.locator("strong")).to_have_text(what)
    expect(entries.last).to_contain_text("تذكرة حج وسكن")
    expect(entries.last).to_contain_text("سارة الموظفة")
    screenshot("timeline")

    db.session.expire_all()
    done = db.session.get(ServiceRequest, req.id)
    assert done.status == "closed"
    assert done.delivered_by.username == "staff" and done.delivery_notes == "تذكرة حج وسكن"


def test_a_committee_member_sees_no_staff_menus(app, rakeen, live_server, page, screenshot):
    page.goto("/login")
    log_in(page, screenshot, "committee")
    menu = navbar(page)
    expect(menu.get_by_role("link", name="اللجنة", exact=True)).to_be_visible()
    for name in (PEOPLE_MENU["rakeen"], *STAFF_MENUS):
        expect(menu.get_by_role("link", name=name, exact=True)).to_have_count(0)
