"""The administrator's guide is reachable from the Help menu, in Arabic beside English."""
from __future__ import annotations

from tests.conftest import login


def test_admins_read_the_guide_in_both_languages(rakeen, client):
    login(client, "admin")
    home = client.get("/admin/").get_data(as_text=True)
    assert "/admin/guide/" in home
    page = client.get("/admin/guide/").get_data(as_text=True)
    assert "<h1>دليل مدير النظام</h1>" in page and "<h1>Administrator's guide</h1>" in page
    for topic in ("الإعداد الأول", "القنوات", "النسخ الاحتياطي", "الاستيراد", "مدة الاحتفاظ", "الخطابات والرسائل"):
        assert topic in page
    assert '<table>' in page


def test_staff_do_not_see_the_admins_guide(rakeen, client):
    login(client, "staff")
    assert client.get("/admin/guide/").status_code == 403
