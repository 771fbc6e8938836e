"""The dashboard: each figure equals a count made here from the rows inserted, and its link lists as many."""
from __future__ import annotations

import html
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import event

from models import Channel, Contact, Referral, ServiceRequest, ServiceType, User
from models.base import db
from models.survey import SurveyResponse
from sila.core.dates import business_zone, today
from sila.core.hijri_months import hijri_month_label
from sila.dashboard import figures as dashboard
from sila.referrals import rules as referrals
from tests.conftest import login
from tests.factories import make_applicant, make_request

FIGURE = re.compile(r'data-figure="([^"]+)">(?:<a href="([^"]+)">)?([\d.]+|—)')
LIST_TAB = re.compile(r'class="nav-link active">([^<]*)</a>')


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _figures(page: str) -> dict[str, tuple[str, str | None]]:
    return {key: (value, html.unescape(url) if url else None) for key, url, value in FIGURE.findall(page)}


def _listed(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """How many rows the list at `url` says it holds (Flask-Admin omits the count when it is zero)."""
    response = client.get(url)
    assert response.status_code == 200, url
    tab = LIST_TAB.search(response.get_data(as_text=True))
    assert tab, url
    number = re.search(r"\((\d+)\)", tab.group(1))
    return int(number.group(1)) if number else 0


def _at(days_ago: int, hour: int = 12) -> datetime:
    """An instant on a past day of the association's calendar."""
    return datetime.combine(today() - timedelta(days=days_ago), time(hour), business_zone()).astimezone(UTC)


def _requests() -> list[ServiceRequest]:
    channels = db.session.scalars(db.select(Channel).order_by(Channel.position)).all()
    statuses = ["received", "received", "verified", "submitted", "submitted", "submitted", "accepted", "closed"]
    rows = []
    for index, status in enumerate(statuses):
        row = make_request(status=status)
        row.channel_id = channels[index % 3].id
        rows.append(row)
    received, submitted, accepted = rows[0], rows[3:6], rows[6]
    submitted[0].earliest_answer_on = today() - timedelta(days=1)
    submitted[1].earliest_answer_on = today() - timedelta(days=10)
    submitted[2].earliest_answer_on = today() + timedelta(days=2)
    accepted.earliest_answer_on = today() - timedelta(days=5)
    received.received_by_id = _user("staff").id
    # received → verified took 1, 2 and 4 days; verified → submitted 3 and 5 days.
    for row, verify_days, submit_days in ((rows[2], 1, None), (submitted[0], 2, 3), (submitted[1], 4, 5)):
        row.created_at = _at(20)
        row.verified_at = row.created_at + timedelta(days=verify_days)
        if submit_days is not None:
            row.submitted_at = row.verified_at + timedelta(days=submit_days)
    db.session.commit()
    return rows


def _referral(days_ago: int, status: str = "open", researcher: User | None = None, request=None) -> Referral:  # type: ignore[no-untyped-def]
    from models import ReferralReason

    reason = db.session.scalar(db.select(ReferralReason).order_by(ReferralReason.position).limit(1))
    applicant = request.applicant if request is not None else make_applicant()
    referral = referrals.refer(
        applicant.id, _user("staff"), reason.id, "ما المستندات المطلوبة؟",
        request_id=request.id if request is not None else None,
        researcher_id=researcher.id if researcher is not None else None,
    )
    referral.created_at = _at(days_ago)
    referral.status = status
    db.session.commit()
    return referral


def _age_bucket(days: int) -> str:
    if days <= 3:
        return "0-3"
    if days <= 7:
        return "4-7"
    return "8-14" if days <= 14 else "15+"


def _contact(kind: str, status: str, due: date | None) -> Contact:
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    contact = Contact(kind=kind, status=status, due_on=due, channel_id=channel.id, summary="ملاحظة على الخدمة")
    db.session.add(contact)
    db.session.commit()
    return contact


def _survey(month: date, overall: int) -> None:
    channel = db.session.scalar(db.select(Channel).order_by(Channel.position).limit(1))
    service = db.session.scalar(db.select(ServiceType).order_by(ServiceType.position).limit(1))
    db.session.add(SurveyResponse(
        service_type_id=service.id, channel_id=channel.id, month=month, anonymous=True,
        overall=overall, speed=3, courtesy=3, clarity=3, channel_ease=3,
    ))
    db.session.commit()


def test_manager_dashboard_figures_equal_the_rows_and_each_link_lists_as_many(rakeen, client):
    rows = _requests()
    ages = [0, 2, 3, 5, 7, 10, 20, 40]
    for days in ages:
        _referral(days)
    _referral(1, status="answered")
    yesterday, tomorrow = today() - timedelta(days=1), today() + timedelta(days=1)
    overdue = [_contact("suggestion", "open", yesterday), _contact("complaint", "under_study", yesterday),
               _contact("complaint", "under_study", today() - timedelta(days=30))]
    for kind, status, due in (("suggestion", "closed", yesterday), ("inquiry", "open", yesterday),
                              ("complaint", "open", tomorrow), ("complaint", "open", None), ("complaint", "open", today())):
        _contact(kind, status, due)
    for month, score in ((date(2024, 1, 1), 4), (date(2024, 1, 1), 5), (date(2024, 2, 1), 3)):
        _survey(month, score)

    login(client, "manager")
    page = client.get("/admin/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    figures = _figures(text)

    expected = {f"stages-{status}": count for status, count in Counter(row.status for row in rows).items()}
    expected |= {f"stages-{status}": 0 for status in ("attested", "returned", "rejected", "registered")}
    expected |= {f"channels-{channel}": count for channel, count in Counter(row.channel_id for row in rows).items()}
    expected |= {f"referrals-{bucket}": count for bucket, count in Counter(_age_bucket(days) for days in ages).items()}
    expected["overdue-committee"] = 2
    expected |= {f"overdue-{kind}-{status}": count for (kind, status), count in Counter(
        (contact.kind, contact.status) for contact in overdue).items()}
    expected["overdue-suggestion-under_study"] = 0
    expected["overdue-complaint-open"] = 0
    expected["overdue-contacts"] = len(overdue)
    for key, count in expected.items():
        value, url = figures[key]
        assert int(value) == count, key
        assert url is not None, key
        assert _listed(client, url) == count, (key, url)

    assert figures["median-received"][0] == "2.0"
    assert figures["median-verified"][0] == "4.0"
    assert figures["median-submitted"][0] == "—"
    assert figures["satisfaction-2024-01"][0] == "4.5"
    assert figures["satisfaction-2024-02"][0] == "3.0"
    assert hijri_month_label(date(2024, 1, 1)) in text
    results = re.search(r'<a class="small[^"]*" href="([^"]*survey_results[^"]*)"', text)
    assert results and client.get(results.group(1)).status_code == 200
    # The charts come from a nonce'd file reading a JSON block, never an inline script.
    assert re.search(r'<script nonce="[^"]+" src="/static/vendor/chartjs/chart.umd.min.js">', text)
    assert re.search(r'<script nonce="[^"]+" src="/static/js/dashboard.js">', text)
    assert '<script type="application/json" id="dashboard-data"' in text


def test_stage_medians_read_the_latest_requests_of_the_window(rakeen, monkeypatch):
    """Older requests in the window and requests before it do not move the figure once the cap is reached."""
    for days_ago, verify_days in ((200, 30), (40, 9), (30, 1), (20, 2)):
        row = make_request(status="verified")
        row.created_at = _at(days_ago)
        row.verified_at = row.created_at + timedelta(days=verify_days)
    db.session.commit()

    def received_median() -> tuple[float | None, int]:
        [figure] = [median for median in dashboard.median_days_by_stage(today()) if median.stage == "received"]
        return figure.median_days, figure.requests

    assert received_median() == (2.0, 3), "the request received 200 days ago is outside the window"
    monkeypatch.setattr(dashboard, "MEDIAN_LATEST", 2)
    assert received_median() == (1.5, 2)


def test_requests_at_the_committee_are_overdue_only_once_their_date_has_passed(rakeen):
    for ahead in (-30, -1, 0, 1, None):
        make_request(status="submitted", earliest_answer_on=today() + timedelta(days=ahead) if ahead is not None else None)
    make_request(status="accepted", earliest_answer_on=today() - timedelta(days=3))

    assert dashboard.overdue_at_committee(today()) == 2


def test_the_figures_cost_the_same_number_of_queries_for_more_rows(rakeen, app):
    def queries() -> int:
        seen: list[str] = []
        engine = db.engine
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            day = today()
            counts = dashboard.request_counts()
            dashboard.requests_by_stage(counts), dashboard.requests_by_channel(counts), dashboard.median_days_by_stage(day)
            dashboard.overdue_at_committee(day), dashboard.open_referrals_by_age(day)
            dashboard.overdue_contacts(day), dashboard.satisfaction_by_month()
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    _requests()
    _referral(2)
    few = queries()
    _requests()
    for days in (1, 9, 30):
        _referral(days)
    assert queries() == few == 8


def test_staff_see_their_own_work_and_no_managers_dashboard(rakeen, client):
    rows = _requests()
    staff = _user("staff")
    _referral(2, request=rows[0])
    _referral(5)
    other = _referral(3)
    other.created_by_id = _user("staff2").id
    db.session.commit()
    login(client, "staff")
    text = client.get("/admin/").get_data(as_text=True)
    figures = _figures(text)
    assert 'id="dashboard-data"' not in text
    assert "chart.umd.min.js" not in text
    assert figures["staff-referrals-created"][0] == "2"
    assert figures["staff-referrals-requests"][0] == "1"
    waiting = Counter(row.status for row in rows if row.status in ("received", "verified", "accepted"))
    for status, count in waiting.items():
        value, url = figures[f"staff-waiting-{status}"]
        assert int(value) == count
        assert _listed(client, url) == count
    assert sum(1 for row in rows if row.received_by_id == staff.id and row.status == "received") == 1


def test_researchers_see_their_queue_by_age_and_its_links_match(rakeen, client):
    mine = _user("researcher")
    other = User(username="researcher2", full_name="باحث آخر", role="researcher")
    other.set_password("another-password-2")
    db.session.add(other)
    db.session.commit()
    _referral(1, researcher=mine)
    _referral(6)
    _referral(20, researcher=mine)
    _referral(2, researcher=other)
    _referral(3, researcher=mine, status="closed")
    login(client, "researcher")
    figures = _figures(client.get("/admin/").get_data(as_text=True))
    value, url = figures["researcher-queue"]
    assert value == "3" and _listed(client, url) == 3
    for bucket, count in {"0-3": 1, "4-7": 1, "8-14": 0, "15+": 1}.items():
        value, url = figures[f"researcher-age-{bucket}"]
        assert int(value) == count
        assert _listed(client, url) == count


def test_committee_members_see_what_awaits_their_decision(rakeen, client):
    _requests()
    login(client, "committee")
    text = client.get("/admin/").get_data(as_text=True)
    figures = _figures(text)
    assert 'id="dashboard-data"' not in text
    for key, count in (("committee-waiting", 3), ("committee-overdue", 2)):
        value, url = figures[key]
        assert int(value) == count
        assert _listed(client, url) == count


def test_administrators_see_the_figures_without_links_to_lists_they_cannot_open(rakeen, client):
    _requests()
    login(client, "admin")
    figures = _figures(client.get("/admin/").get_data(as_text=True))
    assert figures["stages-submitted"] == ("3", None)
    assert figures["overdue-committee"] == ("2", None)


def test_hijri_month_labels_name_the_umm_al_qura_months_a_gregorian_month_spans(app):
    assert hijri_month_label(date(2024, 3, 1)) == "شعبان – رمضان 1445"
    assert hijri_month_label(date(2024, 7, 1)) == "ذو الحجة 1445 – محرم 1446"
    assert hijri_month_label(date(2024, 3, 1), "en") == "Sha'ban – Ramadan 1445"
