"""The rakeen demo holds a file transfer waiting for Jeddah's answer and one Madinah accepted, and prints
the logins of the branch staff who answer them."""
from __future__ import annotations

from models import Applicant, AuditEntry, FileTransfer
from models.base import db
from sila.settings.presets.demo_transfers import load_demo_transfers
from tests.conftest import login
from tests.dashboard.test_dashboard import _figures


def test_the_demo_has_a_transfer_waiting_and_one_accepted_with_their_staff_logins(app, client):
    result = app.test_cli_runner().invoke(args=["seed", "--preset", "rakeen", "--demo"])
    assert result.exit_code == 0, result.output
    assert "staff_jeddah" in result.output and "staff_madinah" in result.output
    rows = db.session.scalars(db.select(FileTransfer).order_by(FileTransfer.id)).all()
    assert [(row.to_branch.name, row.outcome) for row in rows] == [("فرع جدة", "pending"), ("فرع المدينة المنورة", "accepted")]
    waiting, accepted = rows
    assert db.session.get(Applicant, waiting.applicant_id).branch.is_main, "the file stays until Jeddah answers"
    assert db.session.get(Applicant, accepted.applicant_id).branch.name == "فرع المدينة المنورة"
    history = db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.entity_type == "applicant", AuditEntry.entity_id == accepted.applicant_id,
                                           AuditEntry.action.like("transfer_%")).order_by(AuditEntry.id)
    ).all()
    assert history == ["transfer_request", "transfer_accept"]
    login(client, "staff_jeddah")
    assert _figures(client.get("/admin/").get_data(as_text=True))["incoming-transfers"][0] == "1"
    timeline = client.get(f"/admin/applicants/details/?id={accepted.applicant_id}")
    assert timeline.status_code == 403, "Jeddah's staff do not see Madinah's file"
    madinah = login(app.test_client(), "staff_madinah")
    page = madinah.get(f"/admin/applicants/details/?id={accepted.applicant_id}").get_data(as_text=True)
    assert "قُبل النقل" in page and "انتقل رب الأسرة للعمل في ينبع" in page
    assert load_demo_transfers() == 0, "seeding again adds none"
