"""Each role sees only its menus; every other screen answers 403 in Arabic, POSTs too."""
from __future__ import annotations

import re

import pytest

from models import AuditEntry, Channel, User
from models.base import db
from tests.conftest import login, post_form

SCREENS = {
    "applicants", "requests", "contacts", "outbox", "referrals", "committee_queue", "decisions",
    "documents", "organization", "channels", "service_types", "referral_reasons", "users", "branches", "audit",
    "visits", "restudy_queue", "research_teams", "score_rules", "need_categories", "imports", "guide",
    "meetings", "committees", "text_templates", "survey_results", "jobs", "funding_sources", "batches", "transfers",
    "aid_dashboard", "catalogue", "vouchers", "voucher_report", "outlet", "group_messages",
}
MENUS = {
    "admin": {
        "documents", "organization", "channels", "service_types", "referral_reasons", "users", "branches", "audit",
        "research_teams", "score_rules", "need_categories", "imports", "guide", "committees", "text_templates",
        "survey_results", "jobs", "funding_sources", "aid_dashboard", "catalogue",
    },
    "staff": {
        "applicants", "requests", "contacts", "outbox", "referrals", "decisions", "documents", "visits",
        "restudy_queue", "imports", "meetings", "survey_results", "transfers", "vouchers", "group_messages",
    },
    "researcher": {"referrals", "documents", "visits", "restudy_queue"},
    "committee": {"committee_queue", "decisions", "documents", "meetings"},
    "treasurer": {"funding_sources", "batches", "documents", "aid_dashboard", "catalogue", "vouchers", "voucher_report"},
    "manager": SCREENS - {"imports", "jobs", "outlet"},
    "outlet": {"outlet"},
}
LINK = re.compile(r'href="/admin/([a-z_]+)/"')


def _menu(client) -> set[str]:
    page = client.get("/admin/", follow_redirects=True).get_data(as_text=True)
    nav = page.split("<nav", 1)[1].split("</nav>", 1)[0]
    return set(LINK.findall(nav))


@pytest.mark.parametrize("role", sorted(MENUS))
def test_each_role_sees_exactly_its_menus(rakeen, client, role):
    login(client, role)
    assert _menu(client) == MENUS[role]


@pytest.mark.parametrize("role", sorted(MENUS))
def test_screens_outside_the_role_answer_403_in_arabic(rakeen, client, role):
    login(client, role)
    for screen in SCREENS - MENUS[role]:
        response = client.get(f"/admin/{screen}/")
        assert response.status_code == 403, screen
        page = response.get_data(as_text=True)
        assert 'dir="rtl"' in page and "صلاحية" in page


def test_staff_cannot_create_a_channel_by_direct_post(rakeen, client):
    login(client, "staff")
    before = db.session.scalar(db.select(db.func.count()).select_from(Channel))
    response = post_form(client, "/admin/channels/new/", {"name": "قناة مزورة", "position": "9"})
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(Channel)) == before


def test_manager_reads_everything_but_cannot_change_anything(rakeen, client):
    login(client, "manager")
    channel = db.session.scalar(db.select(Channel).limit(1))
    assert client.get(f"/admin/channels/details/?id={channel.id}").status_code == 200
    response = post_form(client, f"/admin/channels/edit/?id={channel.id}", {"name": "اسم جديد", "position": "1"})
    assert response.status_code == 403
    db.session.refresh(channel)
    assert channel.name != "اسم جديد"
    assert client.get("/admin/applicants/new/").status_code == 403


def test_committee_member_cannot_edit_applicant_data(rakeen, client):
    login(client, "committee")
    response = post_form(client, "/admin/applicants/new/", {"national_id": "1000000008"})
    assert response.status_code == 403


def test_nobody_can_write_the_audit_log_not_even_an_admin(rakeen, client):
    entry = AuditEntry(action="test", entity_type="request", entity_id=1)
    db.session.add(entry)
    db.session.commit()
    entries = db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))
    login(client, "admin")
    assert client.get("/admin/audit/").status_code == 200
    assert client.get("/admin/audit/new/").status_code == 403
    assert client.get(f"/admin/audit/edit/?id={entry.id}").status_code == 403
    assert post_form(client, "/admin/audit/delete/", {"id": entry.id}).status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == entries
    assert db.session.get(AuditEntry, entry.id) is not None


def test_anonymous_visitors_are_sent_to_the_login_page(rakeen, client):
    response = client.get("/admin/applicants/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_deactivated_user_is_logged_out(rakeen, client):
    login(client, "staff")
    user = db.session.scalar(db.select(User).where(User.username == "staff"))
    user.is_active = False
    db.session.commit()
    assert client.get("/admin/applicants/").status_code == 302


def test_an_id_typed_in_the_url_does_not_reach_rows_outside_the_queue(rakeen, client):
    from tests.factories import make_applicant, make_request

    hidden = make_request("received", applicant=make_applicant(first_name="مخفي"))
    shown = make_request("submitted")
    login(client, "committee")
    assert "0000" in client.get(f"/admin/committee_queue/details/?id={shown.id}").get_data(as_text=True)
    response = client.get(f"/admin/committee_queue/details/?id={hidden.id}", follow_redirects=True)
    assert "مخفي" not in response.get_data(as_text=True)


def test_a_researcher_sees_only_his_referrals_and_the_shared_queue(rakeen, client):
    from models import Referral, ReferralReason
    from tests.factories import make_applicant

    other = User(username="researcher2", full_name="باحث آخر", role="researcher")
    other.set_password("another-password")
    db.session.add(other)
    reason = db.session.scalar(db.select(ReferralReason).limit(1))
    mine = db.session.scalar(db.select(User).where(User.username == "researcher"))
    rows = {
        name: Referral(applicant=make_applicant(first_name=name), reason=reason, questions="؟", researcher=owner)
        for name, owner in (("سلمانووو", mine), ("مشاعلووو", None), ("غديرووو", other))
    }
    db.session.add_all(rows.values())
    db.session.commit()
    login(client, "researcher")
    listing = client.get("/admin/referrals/").get_data(as_text=True)
    assert "سلمانووو" in listing and "مشاعلووو" in listing and "غديرووو" not in listing
    response = client.get(f"/admin/referrals/details/?id={rows['غديرووو'].id}", follow_redirects=True)
    assert "غديرووو" not in response.get_data(as_text=True)
