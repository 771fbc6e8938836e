"""A file's status is written one way whoever changes it: the staff screen, the yearly review, the re-study."""
from __future__ import annotations

from datetime import date, timedelta

from models import Applicant, AuditEntry
from models.base import db
from sila.applicants.file_status import set_file_status
from sila.core.dates import today
from tests.conftest import login, post_form
from tests.factories import make_applicant
from tests.requests.test_workflow import user


def _status_and_entry(applicant_id: int) -> tuple[Applicant, AuditEntry]:
    """The file as saved and its latest status entry, which must say the same thing."""
    db.session.expire_all()
    applicant = db.session.get(Applicant, applicant_id)
    entries = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.action == "file_status", AuditEntry.entity_type == "applicant",
            AuditEntry.entity_id == applicant_id,
        ).order_by(AuditEntry.id.desc())
    ).all()
    assert entries, "every status change leaves an audit entry"
    entry = entries[0]
    assert (entry.field, entry.new_value, entry.note, entry.actor_id) == (
        "file_status", applicant.file_status, applicant.file_status_note, applicant.file_status_by_id,
    )
    assert applicant.file_status_at is not None
    assert abs(applicant.file_status_at - entry.at) < timedelta(seconds=5)
    return applicant, entry


def _row(applicant: Applicant) -> tuple:
    return (applicant.file_status, applicant.file_status_reason, applicant.suspended_until,
            applicant.file_status_note, applicant.file_status_by_id)


def test_staff_closing_a_file_on_its_page_saves_the_reason_the_author_and_one_audit_entry(rakeen, client):
    applicant = make_applicant()
    login(client, "staff")
    page = f"/admin/applicants/details/?id={applicant.id}"
    response = post_form(client, f"/admin/applicants/file-status/{applicant.id}",
                         {"status": "closed", "reason": "false_data", "until": "", "note": "هوية غير مطابقة"},
                         token_from=page)
    assert response.status_code == 302
    saved, entry = _status_and_entry(applicant.id)
    assert _row(saved) == ("closed", "false_data", None, "هوية غير مطابقة", user("staff").id)
    assert (entry.old_value, entry.new_value) == ("active", "closed")


def test_the_yearly_review_closes_an_overdue_file_as_the_screen_would_without_an_earlier_note(rakeen, app):
    applicant = make_applicant(next_restudy_on=today() - timedelta(days=60))
    set_file_status(applicant.id, user("staff"), "active", note="عاد بعد انتهاء التعليق", today=date.today())
    result = app.test_cli_runner().invoke(args=["files", "review", "--apply"])
    assert result.exit_code == 0, result.output
    closed, entry = _status_and_entry(applicant.id)
    assert _row(closed) == ("closed", "missed_update", None, None, None)
    assert (entry.old_value, entry.new_value) == ("active", "closed")


def test_a_re_study_reopens_a_file_closed_for_a_missed_update_with_its_audit_entry(rakeen, app):
    applicant = make_applicant(next_restudy_on=today() - timedelta(days=60))
    app.test_cli_runner().invoke(args=["files", "review", "--apply"])
    client = login(app.test_client(), "researcher")
    page = f"/admin/restudy_queue/details/?id={applicant.id}"
    response = post_form(client, f"/admin/restudy_queue/record/{applicant.id}", {"note": "زيارة"}, token_from=page)
    assert response.status_code == 302
    reopened, entry = _status_and_entry(applicant.id)
    assert _row(reopened) == ("active", None, None, None, user("researcher").id)
    assert (entry.old_value, entry.new_value) == ("closed", "active")
