"""Yearly re-study: notices ahead, temporary closure when overdue (dry run first), reopening on re-study; home visits."""
from __future__ import annotations

import io
from datetime import date, timedelta

from models import Applicant, Attachment, AuditEntry, HomeVisit, Notification, User
from models.base import db
from sila.core.dates import today
from tests.attachments.test_attachments import tiny_png
from tests.conftest import login, post_form
from tests.factories import make_applicant
from tests.requests.test_workflow import walk_to


def _files(rakeen):  # type: ignore[no-untyped-def]
    soon = make_applicant(first_name="قريب", next_restudy_on=today() + timedelta(days=10))
    overdue = make_applicant(first_name="متأخر", next_restudy_on=today() - timedelta(days=60))
    later = make_applicant(first_name="بعيد", next_restudy_on=today() + timedelta(days=200))
    return soon, overdue, later


def test_review_dry_run_changes_nothing_and_apply_notifies_and_closes(rakeen, app):
    soon, overdue, later = _files(rakeen)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["files", "review"])
    assert dry.exit_code == 0 and "إشعارات التحديث السنوي: 1" in dry.output and "تُغلق مؤقتاً: 1" in dry.output
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 0
    assert db.session.get(Applicant, overdue.id).file_status == "active"
    applied = runner.invoke(args=["files", "review", "--apply"])
    assert applied.exit_code == 0, applied.output
    db.session.expire_all()
    [notice] = db.session.scalars(db.select(Notification)).all()
    assert notice.applicant_id == soon.id and notice.event == "restudy"
    assert "التحديث السنوي" in notice.body and "قريب" in notice.body
    closed = db.session.get(Applicant, overdue.id)
    assert (closed.file_status, closed.file_status_reason) == ("closed", "missed_update")
    assert db.session.get(Applicant, later.id).file_status == "active"
    again = runner.invoke(args=["files", "review", "--apply"])
    assert "إشعارات التحديث السنوي: 0" in again.output


def test_a_researcher_records_the_re_study_and_the_file_reopens(rakeen, app):
    _soon, overdue, _later = _files(rakeen)
    app.test_cli_runner().invoke(args=["files", "review", "--apply"])
    client = login(app.test_client(), "researcher")
    listing = client.get("/admin/restudy_queue/").get_data(as_text=True)
    assert "متأخر" in listing and "بعيد" not in listing
    page = f"/admin/restudy_queue/details/?id={overdue.id}"
    assert client.get(page).status_code == 200
    response = post_form(client, f"/admin/restudy_queue/record/{overdue.id}", {"note": "زيارة وتحديث"}, token_from=page)
    assert response.status_code == 302
    db.session.expire_all()
    reopened = db.session.get(Applicant, overdue.id)
    assert reopened.file_status == "active" and reopened.next_restudy_on > today() + timedelta(days=300)
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "restudy")).entity_id == overdue.id


def test_committee_cannot_record_a_re_study(rakeen, app):
    _soon, overdue, _later = _files(rakeen)
    client = login(app.test_client(), "committee")
    assert client.get("/admin/restudy_queue/").status_code == 403


def test_a_visit_report_reaches_the_committee_beside_the_request(rakeen, app):
    request = walk_to("submitted")
    client = login(app.test_client(), "researcher")
    response = post_form(client, "/admin/visits/new/", {
        "applicant": str(request.applicant_id), "status": "done", "scheduled_on": "01/11/2026",
        "visited_on": "02/11/2026", "attendees": "الباحثة والأم", "housing_findings": "شقة مستأجرة رطبة",
        "income_findings": "", "health_findings": "", "needs_findings": "", "recommendation": "نوصي بالدعم",
    }, token_from="/admin/visits/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    visit = db.session.scalar(db.select(HomeVisit))
    assert visit.visited_on == date(2026, 11, 2)
    details = f"/admin/visits/details/?id={visit.id}"
    refused = post_form(client, f"/admin/visits/photo/{visit.id}",
                        {"file": (io.BytesIO(b"<html><script>x</script></html>"), "photo.png")}, token_from=details,
                        follow_redirects=True)
    assert refused.status_code == 200
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    added = post_form(client, f"/admin/visits/photo/{visit.id}", {"file": (io.BytesIO(tiny_png()), "بيت.png")},
                      token_from=details)
    assert added.status_code == 302
    page = login(app.test_client(), "committee").get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert "شقة مستأجرة رطبة" in page and "نوصي بالدعم" in page


def test_researchers_see_only_their_visits(rakeen, app):
    other = User(username="researcher2", full_name="باحث آخر", role="researcher")
    other.set_password("another-long-password-1")
    applicant = make_applicant()
    db.session.add(other)
    db.session.flush()
    db.session.add(HomeVisit(applicant_id=applicant.id, researcher_id=other.id, scheduled_on=today()))
    db.session.commit()
    visit = db.session.scalar(db.select(HomeVisit))
    client = login(app.test_client(), "researcher")
    assert client.get(f"/admin/visits/details/?id={visit.id}").status_code in (302, 404)
