"""Survey results: team averages per channel, service type and month, and never a staff member's."""
from __future__ import annotations

import re
from datetime import date
from statistics import mean

from models import Channel, ServiceRequest, ServiceType, SurveyResponse, User
from models.base import db
from models.survey import SCORES
from sila.surveys import results as surveys
from tests.conftest import login, post_form
from tests.factories import make_request

# (channel index, service index, month, overall, speed, courtesy, clarity, channel_ease, comment)
ANSWERS = (
    (0, 0, date(2026, 3, 1), 5, 4, 5, 3, 4, "خدمة ممتازة وسريعة"),
    (0, 0, date(2026, 3, 1), 3, 2, 4, 3, 3, None),
    (1, 0, date(2026, 3, 1), 4, 4, 4, 4, 5, "   "),
    (1, 1, date(2026, 4, 1), 2, 1, 3, 2, 2, "تأخر الرد علي"),
    (0, 1, date(2026, 4, 1), 4, 5, 5, 4, 4, None),
)


def _rows(model: type) -> list:
    return list(db.session.scalars(db.select(model).order_by(model.position, model.id)))


def _answers() -> list[dict]:
    """The fixture answers, stored as the portal stores them; one carries a request (not anonymous)."""
    channels, services = _rows(Channel), _rows(ServiceType)
    request = make_request("closed")
    stored = []
    for number, (channel, service, month, *scores, comment) in enumerate(ANSWERS):
        values = dict(zip(SCORES, scores, strict=True))
        db.session.add(SurveyResponse(
            channel_id=channels[channel].id, service_type_id=services[service].id, month=month,
            anonymous=number != 0, request_id=request.id if number == 0 else None, comment=comment, **values,
        ))
        stored.append({"channel": channels[channel].name, "service": services[service].name, "month": month, **values})
    db.session.commit()
    return stored


def _expected(stored: list[dict], key: str) -> dict[object, dict[str, float]]:
    groups: dict[object, list[dict]] = {}
    for answer in stored:
        groups.setdefault(answer[key], []).append(answer)
    return {name: {score: round(mean(a[score] for a in rows), 2) for score in SCORES} for name, rows in groups.items()}


def test_results_equal_the_averages_computed_here(rakeen):
    stored = _answers()
    team = surveys.team()
    assert team.answers == len(ANSWERS)
    assert team.averages == {score: round(mean(a[score] for a in stored), 2) for score in SCORES}

    expected = _expected(stored, "channel")
    assert {row.label: row.averages for row in surveys.by_channel()} == expected
    assert {row.label: row.answers for row in surveys.by_channel()} == {
        name: sum(1 for a in stored if a["channel"] == name) for name in expected
    }
    assert {row.label: row.averages for row in surveys.by_service_type()} == _expected(stored, "service")

    months = surveys.by_month("ar")
    assert [row.answers for row in months] == [2, 3]  # newest first
    assert [row.averages for row in months] == [_expected(stored, "month")[date(2026, 4, 1)],
                                                _expected(stored, "month")[date(2026, 3, 1)]]
    assert all(row.hijri for row in months)

    assert [c.text for c in surveys.comments("ar")] == ["تأخر الرد علي", "خدمة ممتازة وسريعة"]


def test_the_page_shows_team_figures_and_bars_without_any_staff_identity(rakeen, client):
    stored = _answers()
    login(client, "manager")
    response = client.get("/admin/survey_results/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    overall = round(mean(a["overall"] for a in stored), 2)
    assert re.search(rf'id="team-overall">.*?{overall:.2f}', page, re.S)
    assert 'class="progress-bar" style="width: 72%"' in page  # 3.6 out of 5
    for name in {a["channel"] for a in stored} | {a["service"] for a in stored}:
        assert name in page
    assert "هـ" in page or "1447" in page
    assert "تأخر الرد علي" in page and "خدمة ممتازة وسريعة" in page

    results = re.sub(r"<[^>]+>", " ", page[page.index('<h1 class="h3 mb-3">'):])  # text below the navbar
    staff = db.session.scalars(db.select(User).where(User.role != "manager")).all()
    assert not [user.full_name for user in staff if user.full_name in results]
    rated = db.session.get(ServiceRequest, db.session.scalar(
        db.select(SurveyResponse.request_id).where(SurveyResponse.request_id.is_not(None))))
    assert rated.applicant.full_name not in results and rated.number not in results
    assert "flt" not in page  # no filters at all, so none by staff member


def test_staff_may_read_the_team_results_and_others_may_not(rakeen, client):
    _answers()
    login(client, "staff")
    assert client.get("/admin/survey_results/").status_code == 200
    post_form(client, "/logout", {})
    for username in ("researcher", "committee"):
        login(client, username)
        assert client.get("/admin/survey_results/").status_code == 403
        post_form(client, "/logout", {})
    assert client.get("/admin/survey_results/").status_code == 302


def test_no_answers_yet_shows_an_empty_page_not_an_error(rakeen, client):
    login(client, "admin")
    response = client.get("/admin/survey_results/")
    assert response.status_code == 200
    assert surveys.team().answers == 0 and surveys.by_month() == []
