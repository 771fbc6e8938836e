"""Satisfaction surveys: an unguessable single-use link at delivery, and answers that may be anonymous."""
from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

import pytest

from models import AuditEntry, Notification, ServiceRequest, SurveyInvitation, SurveyResponse, User
from models.base import db, utcnow
from sila.core.dates import today
from sila.core.errors import Refused
from sila.requests import transitions as steps
from sila.requests.checklist import record_checks
from sila.surveys.invitations import token_hash
from sila.surveys.responses import Answer, record_answer
from tests.conftest import csrf_token, login
from tests.factories import make_request

# The CSRF token, and the language switch's return address (the link the visitor typed himself).
TOKENS = re.compile(r'(name="(?:csrf_token|next)"[^>]*value=")[^"]+(")')
LINK = re.compile(r"(https?://\S+)/survey/([A-Za-z0-9_-]{43})")
SCORES = {"overall": "5", "speed": "4", "courtesy": "5", "clarity": "3", "channel_ease": "4"}


def user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _count(model: type) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _post(client, url: str, data: dict):  # type: ignore[no-untyped-def]
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def _walk(request: ServiceRequest, until: str = "closed") -> None:
    """The staff and committee steps, through the workflow functions every screen uses."""
    staff, committee = user("staff"), user("committee")
    record_checks(request, staff, {item.id: (True, True) for item in request.service_type.required_items})
    db.session.commit()
    path = (
        ("verified", lambda: steps.verify(request.id, staff)),
        ("attested", lambda: steps.attest(request.id, staff, request.applicant.full_name, "on_screen")),
        ("submitted", lambda: steps.submit(request.id, staff)),
        ("accepted", lambda: steps.decide(request.id, committee, "accepted")),
        ("registered", lambda: steps.complete_registration(request.id, staff)),
        ("closed", lambda: steps.deliver(request.id, staff, "سلة غذائية")),
    )
    for status, step in path:
        step()
        if status == until:
            break


def _invitation_for(request: ServiceRequest, token: str = "a" * 43, days: int = 30) -> SurveyInvitation:
    invitation = SurveyInvitation(
        request_id=request.id, token_hash=token_hash(token), expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation


def _survey_link() -> tuple[str, str]:
    notification = db.session.scalar(db.select(Notification).where(Notification.event == "survey"))
    match = LINK.search(notification.body)
    assert match, notification.body
    return match.group(1), match.group(2)


def test_apply_staff_path_track_and_rate_round_trip(rakeen, client):
    from tests.portal.door import applied
    from tests.portal.test_portal import _valid

    data = _valid(mobile="0551234567")
    response = applied(client, data)
    assert response.status_code == 302
    number = re.search(r'portal-number[^>]*>(\d+)<', client.get(response.headers["Location"]).get_data(as_text=True)).group(1)
    request = db.session.get(ServiceRequest, int(number))

    staff_client = login(client.application.test_client(), "staff")
    assert f"/admin/requests/details/?id={request.id}" in staff_client.get("/admin/requests/").get_data(as_text=True)

    def track() -> str:
        page = _post(client, "/track", {"number": number, "national_id": data["national_id"], "mobile_last_four": "4567"})
        return page.get_data(as_text=True)

    assert "تم الاستلام" in track()
    _walk(request, until="submitted")
    page = track()
    assert "مرفوع للجنة" in page and "أقرب موعد للرد" in page and " هـ" in page
    _walk_from_submitted(request)
    assert "قُدّمت الخدمة وأُغلق الطلب" in track()

    invitation = db.session.scalar(db.select(SurveyInvitation))
    base, token = _survey_link()
    assert invitation.request_id == request.id and base == "http://127.0.0.1:5000"
    form = client.get(f"/survey/{token}")
    assert form.status_code == 200
    answered = _post(client, f"/survey/{token}", {**SCORES, "comment": "خدمة ممتازة", "anonymous": "y"})
    assert answered.status_code == 302 and client.get(answered.headers["Location"]).status_code == 200

    row = db.session.scalar(db.select(SurveyResponse))
    assert row.request_id is None and row.anonymous is True
    assert (row.service_type_id, row.channel_id) == (request.service_type_id, request.channel_id)
    assert row.month == today().replace(day=1)
    assert (row.overall, row.speed, row.courtesy, row.clarity, row.channel_ease) == (5, 4, 5, 3, 4)
    assert client.get(f"/survey/{token}").status_code == 404


def _walk_from_submitted(request: ServiceRequest) -> None:
    staff, committee = user("staff"), user("committee")
    steps.decide(request.id, committee, "accepted")
    steps.complete_registration(request.id, staff)
    steps.deliver(request.id, staff, "سلة غذائية")


def test_delivery_creates_one_invitation_storing_only_the_tokens_hash(app, rakeen):
    app.config["SILA_PUBLIC_URL"] = "https://rakeen.example.org/"
    app.config["SILA_SURVEY_DAYS"] = 10
    request = make_request()
    _walk(request)
    invitation = db.session.scalar(db.select(SurveyInvitation))
    base, token = _survey_link()
    assert base == "https://rakeen.example.org"
    assert invitation.request_id == request.id and invitation.used_at is None
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    expires = invitation.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert timedelta(days=9, hours=23) < expires <= timedelta(days=10)
    assert _count(SurveyInvitation) == 1


def test_the_survey_page_has_five_accessible_score_groups_a_comment_and_anonymity(rakeen, client):
    _invitation_for(make_request(status="closed"), "t" * 43)
    page = client.get("/survey/" + "t" * 43).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert page.count("<fieldset") == 5 and page.count("<legend") == 5
    for score in SCORES:
        for value in range(1, 6):
            assert f'name="{score}" required type="radio" value="{value}"' in page
    assert 'name="comment"' in page and 'name="anonymous" type="checkbox"' in page


def test_a_named_answer_keeps_its_request_and_only_the_month(rakeen, client):
    request = make_request(status="closed")
    _invitation_for(request, "n" * 43)
    response = _post(client, "/survey/" + "n" * 43, {**SCORES, "comment": ""})
    assert response.status_code == 302
    row = db.session.scalar(db.select(SurveyResponse))
    assert row.request_id == request.id and row.anonymous is False and row.comment is None
    assert row.month.day == 1


def test_an_anonymous_answer_carries_no_identity_and_no_exact_time(rakeen, client):
    request = make_request(status="closed")
    invitation = _invitation_for(request, "x" * 43)
    audit_before = _count(AuditEntry)
    _post(client, "/survey/" + "x" * 43, {**SCORES, "comment": "شكرا", "anonymous": "y"})
    row = db.session.scalar(db.select(SurveyResponse))
    assert (row.request_id, row.anonymous, row.comment) == (None, True, "شكرا")
    assert (row.service_type_id, row.channel_id) == (request.service_type_id, request.channel_id)
    db.session.refresh(invitation)
    used = invitation.used_at
    assert (used.day, used.hour, used.minute, used.second, used.microsecond) == (1, 0, 0, 0, 0)
    assert row.month == date(used.year, used.month, 1)
    assert _count(AuditEntry) == audit_before


def test_a_link_counts_once_even_when_submitted_twice(rakeen):
    _invitation_for(make_request(status="closed"), "d" * 43)
    answer = Answer(5, 5, 5, 5, 5, None, False)
    record_answer("d" * 43, answer)
    with pytest.raises(Refused):
        record_answer("d" * 43, answer)
    assert _count(SurveyResponse) == 1


def test_used_expired_and_unknown_links_get_the_same_neutral_page(rakeen, client):
    used, expired = make_request(status="closed"), make_request(status="closed")
    _invitation_for(used, "u" * 43)
    _invitation_for(expired, "e" * 43, days=-1)
    record_answer("u" * 43, Answer(4, 4, 4, 4, 4, None, True))
    answers = set()
    for token in ("u" * 43, "e" * 43, "z" * 43, "short", "y" * 300):
        for response in (client.get(f"/survey/{token}"), _post(client, f"/survey/{token}", SCORES)):
            answers.add((response.status_code, TOKENS.sub(r"\1\2", response.get_data(as_text=True))))
    assert len(answers) == 1
    status, page = answers.pop()
    assert status == 404 and 'name="overall"' not in page
    assert _count(SurveyResponse) == 1


def test_scores_outside_one_to_five_are_refused_and_the_link_stays_open(rakeen, client):
    _invitation_for(make_request(status="closed"), "s" * 43)
    for bad in ({**SCORES, "overall": "6"}, {**SCORES, "speed": "0"}, {k: v for k, v in SCORES.items() if k != "clarity"}):
        response = _post(client, "/survey/" + "s" * 43, bad)
        assert response.status_code == 200 and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _count(SurveyResponse) == 0
    assert db.session.scalar(db.select(SurveyInvitation.used_at)) is None


def test_a_script_in_a_comment_is_shown_escaped_to_staff(rakeen, client):
    _invitation_for(make_request(status="closed"), "c" * 43)
    script = "<script>alert(1)</script>"
    _post(client, "/survey/" + "c" * 43, {**SCORES, "comment": script, "anonymous": "y"})
    login(client, "manager")
    page = client.get("/admin/survey_results/").get_data(as_text=True)
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_survey_answers_are_rate_limited(app, rakeen, client):
    app.config["SILA_PORTAL_LIMIT"] = "2 per hour"
    _invitation_for(make_request(status="closed"), "r" * 43)
    for _ in range(2):
        assert _post(client, "/survey/" + "r" * 43, {}).status_code == 200
    assert _post(client, "/survey/" + "r" * 43, {}).status_code == 429
