"""The administrator's guide is reachable from the Help menu, in the reader's language, the other one a link away."""
from __future__ import annotations

from tests.conftest import login, post_form

ARABIC_TITLE, ENGLISH_TITLE = "<h1>دليل مدير النظام</h1>", "<h1>Administrator's guide</h1>"


def test_admins_read_the_guide_in_arabic_only_with_a_link_to_the_english_one(rakeen, client):
    login(client, "admin")
    home = client.get("/admin/").get_data(as_text=True)
    assert "/admin/guide/" in home
    page = client.get("/admin/guide/").get_data(as_text=True)
    assert ARABIC_TITLE in page and ENGLISH_TITLE not in page
    for topic in ("الإعداد الأول", "القنوات", "النسخ الاحتياطي", "الاستيراد", "مدة الاحتفاظ", "الخطابات والرسائل"):
        assert topic in page
    assert '<table>' in page
    assert 'href="/admin/guide/en"' in page
    english = client.get("/admin/guide/en").get_data(as_text=True)
    assert ENGLISH_TITLE in english and ARABIC_TITLE not in english
    assert '<article class="guide mb-4" lang="en" dir="ltr">' in english


def test_admins_working_in_english_read_the_english_guide_with_a_link_to_the_arabic_one(rakeen, client):
    login(client, "admin")
    post_form(client, "/locale/en", {"next": "/admin/"})
    page = client.get("/admin/guide/").get_data(as_text=True)
    assert ENGLISH_TITLE in page and ARABIC_TITLE not in page
    assert 'href="/admin/guide/ar"' in page
    assert ARABIC_TITLE in client.get("/admin/guide/ar").get_data(as_text=True)


def test_staff_do_not_see_the_admins_guide(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/guide/").status_code == 403
    assert client.get("/admin/guide/en").status_code == 403


def test_the_guide_explains_aid_and_its_two_roles(rakeen, client):
    login(client, "admin")
    page = client.get("/admin/guide/").get_data(as_text=True)
    aid = page.split("المساعدات وصرفها", 1)[1]
    for topic in ("مصادر التمويل", "الزكاة", "الأربع عيون", "ملف التحويل البنكي", "منتهية", "لوحة المساعدات"):
        assert topic in aid
    assert "<td>أمين الصندوق</td>" in page and "<td>منفذ شريك</td>" in page
    assert "Aid and disbursement" in client.get("/admin/guide/en").get_data(as_text=True)
