"""What a screen reader needs from the back office: named row icons and announced messages."""
from __future__ import annotations

import re

from tests.conftest import login, post_form
from tests.factories import make_applicant

ICON_LINK = re.compile(r'<a class="icon"[^>]*>.*?</a>', re.S)


def _icon_links(page: str) -> list[str]:
    return ICON_LINK.findall(page)


def test_each_row_icon_has_a_translated_accessible_name(rakeen, client):
    make_applicant()
    login(client, "staff")
    links = _icon_links(client.get("/admin/applicants/").get_data(as_text=True))
    assert len(links) == 2
    view, edit = links
    assert 'aria-label="عرض السجل"' in view and 'title="عرض السجل"' in view and "fa-eye" in view
    assert 'aria-label="تحرير سجل"' in edit and 'title="تحرير سجل"' in edit and "fa-pencil" in edit
    for link in links:
        assert 'aria-hidden="true"' in link and '<span class="sr-only">' in link


def test_row_icons_are_named_in_english_too(rakeen, client):
    make_applicant()
    login(client, "staff")
    post_form(client, "/locale/en", {"next": "/admin/"})
    view, edit = _icon_links(client.get("/admin/applicants/").get_data(as_text=True))
    assert 'aria-label="View Record"' in view and 'aria-label="Edit Record"' in edit


def test_read_only_rows_offer_only_a_named_view_icon(rakeen, client):
    make_applicant()
    login(client, "manager")
    links = _icon_links(client.get("/admin/applicants/").get_data(as_text=True))
    assert len(links) == 1 and 'aria-label="عرض السجل"' in links[0]


def test_a_flashed_message_in_the_back_office_has_role_alert(rakeen, client):
    from tests.factories import make_request

    request = make_request()
    login(client, "staff")
    html = post_form(client, f"/admin/requests/step/{request.id}/nothing", {}, follow_redirects=True).get_data(as_text=True)
    alert = re.search(r'<div class="alert alert-danger[^"]*"[^>]*>', html)
    assert alert and 'role="alert"' in alert.group(0)
    assert 'aria-label="إغلاق"' in html or 'aria-label="Close"' in html


def test_messages_on_the_login_page_have_role_alert(rakeen, client):
    login(client, "staff")
    html = post_form(client, "/logout", {}, follow_redirects=True).get_data(as_text=True)
    alert = re.search(r'<div class="alert[^"]*"[^>]*>', html)
    assert alert and 'role="alert"' in alert.group(0)
