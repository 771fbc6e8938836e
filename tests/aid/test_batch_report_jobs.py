"""An approved batch's report is rendered by a background job, stored, and rendered again once paid."""
from __future__ import annotations

from datetime import date

from models.base import db
from models.disbursement_batch import DisbursementBatch
from models.stored_document import DocumentKind, StoredDocument
from sila.aid import batches
from sila.core.pdf import stored
from sila.jobs.registry import job_named
from sila.jobs.runs import run_job
from tests.aid.helpers import make_source
from tests.aid.test_batches import _month_of_cash
from tests.committee.test_minutes_jobs import rendering  # noqa: F401 - a fixture
from tests.conftest import login, post_form
from tests.requests.test_workflow import user


def _report() -> bytes | None:
    return stored.stored(DocumentKind.batch_report, db.session.scalar(db.select(DisbursementBatch.id)))


def test_approving_a_batch_commits_and_its_report_is_served_as_the_job_stored_it(rakeen, app, rendering):  # noqa: F811
    _month_of_cash(make_source(), count=1)
    batch = batches.prepare(user("manager"), date.today())
    approver = login(app.test_client(), "manager2")
    details = f"/admin/batches/details/?id={batch.id}"
    report_url = f"/admin/batches/report/{batch.id}.pdf"
    response = post_form(approver, f"/admin/batches/step/{batch.id}/approve", {}, token_from=details)
    assert response.status_code == 302
    assert db.session.get(DisbursementBatch, batch.id).status == "approved"

    page = approver.get(details).get_data(as_text=True)
    assert "قيد الإعداد" in page and report_url not in page
    assert approver.get(report_url).status_code == 302, "no PDF yet: back to the batch with a message"
    assert "تقرير الدفعة قيد الإعداد" in approver.get(details).get_data(as_text=True)

    rendering(True)
    assert run_job(job_named(app.config, "render_documents")) is True
    approved = _report()
    assert approved.startswith(b"%PDF")
    rendering(False)
    download = approver.get(report_url)
    assert download.status_code == 200 and download.data == approved, "the download serves what the job stored"

    post_form(approver, f"/admin/batches/step/{batch.id}/paid", {}, token_from=details)
    assert db.session.get(DisbursementBatch, batch.id).status == "paid"
    assert _report() is None, "the report shows who marked it paid: the stored one is dropped"
    assert "قيد الإعداد" in approver.get(details).get_data(as_text=True)
    rendering(True)
    assert stored.render_pending() == (1, 0)
    assert _report() not in (None, approved)


def test_a_batch_awaiting_approval_has_a_draft_report_rendered_when_asked(rakeen, app, rendering):  # noqa: F811
    _month_of_cash(make_source(), count=1)
    batch = batches.prepare(user("manager"), date.today())
    rendering(True)
    preparer = login(app.test_client(), "manager")
    draft = preparer.get(f"/admin/batches/report/{batch.id}.pdf")
    assert draft.status_code == 200 and draft.data.startswith(b"%PDF")
    assert db.session.scalar(db.select(db.func.count(StoredDocument.id))) == 0
