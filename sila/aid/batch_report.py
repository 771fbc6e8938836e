"""A batch's Arabic report (PDF): its totals per source, every line, who prepared and approved it, and when."""
from __future__ import annotations

from models.base import db
from models.disbursement_batch import DisbursementBatch
from models.enums import BatchStatus, label
from models.organization import Organization
from sila.aid.batches import bank_lines, totals
from sila.core.pdf.render import render_pdf


def batch_report_pdf(batch: DisbursementBatch) -> bytes:
    lines = bank_lines(batch)
    return render_pdf(
        "batch_report.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        batch=batch,
        lines=lines,
        totals=totals(batch),
        grand_total=sum((line.amount for line in lines), start=0),
        status=label(BatchStatus, batch.status),
    )
