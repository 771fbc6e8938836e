"""Retention empties the stored minutes and batch reports naming an anonymized applicant; the job renders them again."""
from __future__ import annotations

import re
from datetime import date

import pypdfium2

from models import Applicant, ServiceRequest
from models.base import db
from models.committee import AgendaItem, Meeting
from models.disbursement_batch import DisbursementBatch
from models.stored_document import DocumentKind
from sila.aid import batches
from sila.core.pdf import stored
from sila.privacy.retention import apply, eligible
from tests.aid.helpers import make_source
from tests.aid.test_batches import _month_of_cash
from tests.committee.test_committee import _committee
from tests.privacy.test_retention import LONG_AGO
from tests.requests.test_workflow import user


def _text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return re.sub(r"\s+", " ", " ".join(page.get_textpage().get_text_range() for page in document))


def test_anonymizing_a_file_empties_the_minutes_and_batch_reports_naming_him(rakeen):
    rakeen.retention_years = 5
    [request] = _month_of_cash(make_source(), count=1)
    batch = batches.prepare(user("manager"), date.today())
    batches.approve(batch.id, user("manager2"))
    meeting = Meeting(committee_id=_committee().id, number=7, held_on=date(2020, 3, 1), status="closed", version=1)
    db.session.add(meeting)
    db.session.flush()
    db.session.add(AgendaItem(meeting_id=meeting.id, request_id=request.id, note="قرار سابق"))
    applicant = db.session.get(Applicant, request.applicant_id)
    applicant.family_name, applicant.created_at = "الغامدي", LONG_AGO
    db.session.execute(db.update(ServiceRequest).where(ServiceRequest.id == request.id)
                       .values(status="closed", created_at=LONG_AGO, closed_at=LONG_AGO, decided_at=LONG_AGO))
    db.session.commit()
    assert stored.render_pending() == (2, 0), "the minutes and the report"
    named = {kind: stored.stored(kind, subject) for kind, subject in (
        (DocumentKind.minutes, meeting.id), (DocumentKind.batch_report, batch.id))}
    assert all("الغامدي" in _text(data) for data in named.values())

    found = eligible(date.today())
    assert found.applicant_ids == [applicant.id]
    apply(date.today(), found.code)
    db.session.expire_all()
    assert stored.stored(DocumentKind.minutes, meeting.id) is None
    assert stored.stored(DocumentKind.batch_report, batch.id) is None, "the PDF with his name and IBAN went too"
    assert db.session.get(DisbursementBatch, batch.id).status == "approved"

    assert stored.render_pending() == (2, 0)
    for kind, subject in ((DocumentKind.minutes, meeting.id), (DocumentKind.batch_report, batch.id)):
        assert "الغامدي" not in _text(stored.stored(kind, subject)), "rendered again from the erased file"
