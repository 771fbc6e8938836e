"""Referrals to the social researcher: staff refer, researchers take and answer, staff close."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import render_template_string

from models import AuditEntry, Referral, ReferralReason, ServiceRequest, User
from models.base import db
from models.branch import UserBranch, main_office_id
from sila.core.dates import to_hijri, today
from sila.core.errors import Refused
from sila.referrals import rules as referrals
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request

ROLE_REFUSED = "لا يسمح بهذه الخطوة"


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _reason() -> ReferralReason:
    return db.session.scalar(db.select(ReferralReason).order_by(ReferralReason.position).limit(1))


def _second_researcher() -> User:
    """At the same branch as the first, so what refuses him is the referral's researcher, not the branch."""
    other = User(username="researcher2", full_name="باحث آخر", role="researcher")
    other.set_password("another-password-2")
    other.branch_links.append(UserBranch(branch_id=main_office_id(db.session.connection())))
    db.session.add(other)
    db.session.commit()
    return other


def _referral(request: ServiceRequest | None = None, researcher: User | None = None, **overrides: object) -> Referral:
    applicant = request.applicant if request is not None else make_applicant()
    referral = referrals.refer(
        applicant.id, _user("staff"), _reason().id, "ما المستندات المطلوبة؟",
        request_id=request.id if request is not None else None,
        researcher_id=researcher.id if researcher is not None else None,
    )
    for name, value in overrides.items():
        setattr(referral, name, value)
    db.session.commit()
    return referral


def _step(client, referral: Referral, step: str, data: dict | None = None):  # type: ignore[no-untyped-def]
    return post_form(client, f"/admin/referrals/step/{referral.id}/{step}", data or {},
                     token_from=f"/admin/referrals/details/?id={referral.id}", follow_redirects=True)


def _logout(client) -> None:  # type: ignore[no-untyped-def]
    post_form(client, "/logout", {})


def _actions(referral: Referral) -> list[str]:
    return list(db.session.scalars(
        db.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "referral", AuditEntry.entity_id == referral.id)
        .order_by(AuditEntry.id)
    ))


def test_staff_refer_a_request_from_the_screen_prefilled_from_the_request(rakeen, client):
    req = make_request("verified")
    login(client, "staff")
    form_url = f"/admin/referrals/new/?applicant_id={req.applicant_id}&request_id={req.id}"
    form = client.get(form_url)
    assert form.status_code == 200
    page = form.get_data(as_text=True)
    assert re.search(rf'name="applicant"[^>]*value="{req.applicant_id}"', page)
    assert re.search(rf'name="request"[^>]*value="{req.id}"', page)

    response = post_form(client, "/admin/referrals/new/", {
        "applicant": str(req.applicant_id), "request": str(req.id), "reason": str(_reason().id),
        "questions": "لماذا يلزم الإقرار؟", "researcher": "__None",
    }, token_from=form_url)
    assert response.status_code == 302
    referral = db.session.scalar(db.select(Referral))
    assert response.headers["Location"].endswith(f"/admin/referrals/details/?id={referral.id}")
    assert (referral.status, referral.request_id, referral.researcher_id) == ("open", req.id, None)
    assert referral.created_by.username == "staff" and referral.questions == "لماذا يلزم الإقرار؟"
    assert _actions(referral) == ["refer"]
    assert db.session.get(ServiceRequest, req.id).status == "verified"


def test_a_referral_with_another_applicants_request_is_refused(rakeen, client):
    req = make_request()
    stranger = make_applicant()
    login(client, "staff")
    response = post_form(client, "/admin/referrals/new/", {
        "applicant": str(stranger.id), "request": str(req.id), "reason": str(_reason().id),
        "questions": "؟", "researcher": "__None",
    }, token_from="/admin/referrals/new/")
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(Referral)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(
        AuditEntry.entity_type == "referral")) == 0


def test_the_workflow_refuses_a_referral_without_questions_or_to_a_non_researcher(rakeen):
    applicant = make_applicant()
    staff = _user("staff")
    with pytest.raises(Refused):
        referrals.refer(applicant.id, staff, _reason().id, "   ")
    with pytest.raises(Refused):
        referrals.refer(applicant.id, staff, _reason().id, "؟", researcher_id=_user("committee").id)
    with pytest.raises(Refused, match=ROLE_REFUSED):
        referrals.refer(applicant.id, _user("researcher"), _reason().id, "؟")
    assert db.session.scalar(db.select(db.func.count()).select_from(Referral)) == 0


def test_the_researchers_queue_is_his_and_the_shared_ones_open_first_oldest_first(rakeen, client):
    mine, other = _user("researcher"), _second_researcher()
    now = datetime.now(UTC)
    rows = {
        "حديثةووو": _referral(created_at=now - timedelta(days=1)),
        "قديمةووو": _referral(researcher=mine, created_at=now - timedelta(days=9)),
        "وسطىووو": _referral(created_at=now - timedelta(days=4)),
        "مجابةووو": _referral(researcher=mine, created_at=now - timedelta(days=30), status="answered"),
        "لغيريووو": _referral(researcher=other, created_at=now - timedelta(days=20)),
    }
    for name, referral in rows.items():
        referral.applicant.first_name = name
    db.session.commit()
    login(client, "researcher")
    listing = client.get("/admin/referrals/").get_data(as_text=True)
    assert "لغيريووو" not in listing
    order = sorted(("قديمةووو", "وسطىووو", "حديثةووو", "مجابةووو"), key=listing.index)
    assert order == ["قديمةووو", "وسطىووو", "حديثةووو", "مجابةووو"]
    assert re.search(r'<td class="col-age">\s*9\s*</td>', listing)
    response = client.get(f"/admin/referrals/details/?id={rows['لغيريووو'].id}", follow_redirects=True)
    assert "لغيريووو" not in response.get_data(as_text=True)


def test_researcher_takes_and_answers_then_staff_close_and_the_request_is_untouched(rakeen, client):
    req = make_request("submitted")
    referral = _referral(req)
    login(client, "researcher")
    details = client.get(f"/admin/referrals/details/?id={referral.id}").get_data(as_text=True)
    assert "/step/" in details and 'name="answer"' in details
    assert f"/admin/requests/details/?id={req.id}" not in details and req.number in details

    _step(client, referral, "take")
    assert db.session.get(Referral, referral.id).researcher.username == "researcher"
    _step(client, referral, "answer", {"answer": "يُرفع الطلب للجنة بعد الإقرار."})
    answered = db.session.get(Referral, referral.id)
    assert answered.status == "answered" and answered.answered_at is not None
    assert answered.answer == "يُرفع الطلب للجنة بعد الإقرار."
    assert db.session.get(ServiceRequest, req.id).status == "submitted"
    _logout(client)

    login(client, "staff")
    details = client.get(f"/admin/referrals/details/?id={referral.id}").get_data(as_text=True)
    assert f"/admin/requests/details/?id={req.id}" in details and "هـ" in details
    _step(client, referral, "close")
    closed = db.session.get(Referral, referral.id)
    assert closed.status == "closed" and closed.closed_at is not None
    assert db.session.get(ServiceRequest, req.id).status == "submitted"
    assert _actions(referral) == ["refer", "take", "answer", "close"]


def test_a_second_researcher_cannot_answer_a_referral_another_has_taken(rakeen, client):
    referral = _referral()
    referrals.take(referral.id, _user("researcher"))
    other = _second_researcher()
    with pytest.raises(Refused):
        referrals.answer(referral.id, other, "إجابة")
    with pytest.raises(Refused):
        referrals.take(referral.id, other)
    login(client, "researcher2", "another-password-2")
    response = post_form(client, f"/admin/referrals/step/{referral.id}/answer", {"answer": "إجابة"})
    assert response.status_code == 404
    fresh = db.session.get(Referral, referral.id)
    assert (fresh.status, fresh.answer, fresh.researcher.username) == ("open", None, "researcher")
    assert _actions(referral) == ["refer", "take"]


def test_answering_from_the_shared_queue_makes_the_referral_the_researchers(rakeen):
    referral = _referral()
    referrals.answer(referral.id, _user("researcher"), "الإجابة")
    fresh = db.session.get(Referral, referral.id)
    assert fresh.researcher.username == "researcher" and fresh.status == "answered"


def test_steps_out_of_order_are_refused_and_change_nothing(rakeen, client):
    referral = _referral()
    login(client, "staff")
    _step(client, referral, "close")
    assert db.session.get(Referral, referral.id).status == "open"
    page = _step(client, referral, "take").get_data(as_text=True)
    assert ROLE_REFUSED in page
    assert db.session.get(Referral, referral.id).researcher_id is None

    researcher = _user("researcher")
    with pytest.raises(Refused):
        referrals.answer(referral.id, researcher, "  ")
    referrals.answer(referral.id, researcher, "الإجابة")
    with pytest.raises(Refused):
        referrals.answer(referral.id, researcher, "إجابة ثانية")
    with pytest.raises(Refused):
        referrals.close(referral.id, _second_researcher())
    referrals.close(referral.id, researcher)
    with pytest.raises(Refused):
        referrals.close(referral.id, _user("staff"))
    fresh = db.session.get(Referral, referral.id)
    assert (fresh.status, fresh.answer) == ("closed", "الإجابة")
    assert _actions(referral) == ["refer", "answer", "close"]


def test_committee_member_gets_403_on_referrals(rakeen, client):
    referral = _referral()
    login(client, "committee")
    assert client.get("/admin/referrals/").status_code == 403
    assert client.get(f"/admin/referrals/details/?id={referral.id}").status_code == 403
    assert post_form(client, f"/admin/referrals/step/{referral.id}/close", {}).status_code == 403


def test_only_staff_refer_and_the_manager_only_reads(rakeen, client):
    referral = _referral()
    login(client, "researcher")
    assert client.get("/admin/referrals/new/").status_code == 403
    assert client.get(f"/admin/referrals/edit/?id={referral.id}").status_code == 403
    _logout(client)
    login(client, "manager")
    assert client.get(f"/admin/referrals/details/?id={referral.id}").status_code == 200
    assert post_form(client, f"/admin/referrals/step/{referral.id}/take", {}).status_code == 403
    assert db.session.get(Referral, referral.id).researcher_id is None


def test_age_counts_calendar_days_in_riyadh(rakeen):
    referral = _referral(created_at=datetime(2026, 1, 1, 22, 0, tzinfo=UTC))  # 2 January, 01:00 in Riyadh
    assert referrals.age_in_days(db.session.get(Referral, referral.id), date(2026, 1, 3)) == 1


def test_the_request_panel_lists_its_referrals_and_offers_to_refer(rakeen, app):
    req = make_request()
    referral = _referral(req)
    referrals.answer(referral.id, _user("researcher"), "أجبنا عن أسئلته")
    template = (
        "{% import 'admin/_referrals.html' as r with context %}"
        "{{ r.referrals_panel(lines, request, can_refer=True, can_open=True) }}"
    )
    with app.test_request_context("/admin/requests/"):
        html = render_template_string(template, lines=referrals.referrals_of(req.id), request=req)
    assert "أجبنا عن أسئلته" in html and _reason().name in html and "منيرة الباحثة" in html
    assert f"/admin/referrals/new/?applicant_id={req.applicant_id}&amp;request_id={req.id}" in html
    assert f"/admin/referrals/details/?id={referral.id}" in html


def test_the_researchers_report_reaches_the_committee_on_the_request_awaiting_its_decision(rakeen, client):
    req = make_request("submitted")
    referral = _referral(req, researcher=_user("researcher"))
    login(client, "researcher")
    details = client.get(f"/admin/referrals/details/?id={referral.id}").get_data(as_text=True)
    assert 'name="report_findings"' in details and 'name="clarification"' in details
    _step(client, referral, "answer", {"answer": "الإقرار شرط للرفع", "clarification": "يوقع في مقر الجمعية"})
    answered = client.get(f"/admin/referrals/details/?id={referral.id}").get_data(as_text=True)
    card = answered.split('id="answer"', 1)[1].split('id="', 1)[0]
    assert "الإقرار شرط للرفع" in card and "يوقع في مقر الجمعية" in answered.split('id="clarification"', 1)[1][:60]
    visited = today() - timedelta(days=1)
    hijri = to_hijri(visited)
    _step(client, referral, "report", {
        "report_kind": "home_visit", "report_on": f"{hijri.day}/{hijri.month}/{hijri.year}",
        "report_findings": "أسرة من ستة أفراد في مسكن مستأجر", "report_recommendation": "يوصى بالقبول",
    })
    written = db.session.get(Referral, referral.id)
    assert (written.report_kind, written.report_on, written.clarification) == ("home_visit", visited, "يوقع في مقر الجمعية")
    assert written.report_findings == "أسرة من ستة أفراد في مسكن مستأجر"
    assert _actions(referral) == ["refer", "answer", "write_report"]
    assert db.session.get(ServiceRequest, req.id).status == "submitted"
    _logout(client)

    login(client, "committee")
    page = client.get(f"/admin/committee_queue/details/?id={req.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "أسرة من ستة أفراد في مسكن مستأجر" in html and "يوصى بالقبول" in html
    assert "يوقع في مقر الجمعية" in html and f"referral-report-{referral.id}" in html
    _logout(client)

    login(client, "staff")
    html = client.get(f"/admin/requests/details/?id={req.id}").get_data(as_text=True)
    assert "يوصى بالقبول" in html


def test_another_researcher_can_neither_read_nor_write_the_report(rakeen, client):
    referral = _referral(researcher=_user("researcher"))
    referrals.write_report(referral.id, _user("researcher"), "interview", today(), "النتائج", "التوصية")
    other = _second_researcher()
    with pytest.raises(Refused):
        referrals.write_report(referral.id, other, "phone", today(), "تغيير", "تغيير")
    login(client, "researcher2", "another-password-2")
    assert "التوصية" not in client.get(f"/admin/referrals/details/?id={referral.id}",
                                       follow_redirects=True).get_data(as_text=True)
    response = post_form(client, f"/admin/referrals/step/{referral.id}/report", {
        "report_kind": "phone", "report_on": "01/01/2026", "report_findings": "تغيير", "report_recommendation": "تغيير",
    })
    assert response.status_code == 404
    fresh = db.session.get(Referral, referral.id)
    assert (fresh.report_kind, fresh.report_findings, fresh.report_recommendation) == ("interview", "النتائج", "التوصية")
    assert _actions(referral) == ["refer", "write_report"]


def test_a_report_needs_its_researcher_an_open_referral_and_all_its_parts(rakeen):
    researcher = _user("researcher")
    shared = _referral()
    with pytest.raises(Refused):
        referrals.write_report(shared.id, researcher, "home_visit", today(), "نتائج", "توصية")  # not taken yet
    mine = _referral(researcher=researcher)
    with pytest.raises(Refused, match=ROLE_REFUSED):
        referrals.write_report(mine.id, _user("staff"), "home_visit", today(), "نتائج", "توصية")
    for kind, on, findings, advice in (
        ("visit", today(), "نتائج", "توصية"),
        ("home_visit", today() + timedelta(days=2), "نتائج", "توصية"),
        ("home_visit", "99/99/1445", "نتائج", "توصية"),
        ("home_visit", "", "نتائج", "توصية"),
        ("home_visit", today(), "  ", "توصية"),
        ("home_visit", today(), "نتائج", None),
    ):
        with pytest.raises(Refused):
            referrals.write_report(mine.id, researcher, kind, on, findings, advice)
    referrals.answer(mine.id, researcher, "الإجابة")
    referrals.write_report(mine.id, researcher, "phone", today(), "نتائج", "توصية")
    referrals.close(mine.id, researcher)
    with pytest.raises(Refused):
        referrals.write_report(mine.id, researcher, "phone", today(), "نتائج أخرى", "توصية")
    fresh = db.session.get(Referral, mine.id)
    assert (fresh.report_kind, fresh.report_findings) == ("phone", "نتائج")
    assert _actions(mine) == ["refer", "answer", "write_report", "close"]
    assert db.session.get(Referral, shared.id).report_findings is None
