"""The bank-transfer file of an approved batch (CSV with a BOM, or XLSX), every cell formula-safe."""
from __future__ import annotations

import tablib
from flask_babel import gettext as _

from admin.export import csv_chunks, neutralised
from models.disbursement_batch import DisbursementBatch
from models.enums import BatchStatus
from sila.aid.batches import bank_lines
from sila.core.errors import Refused


def _rows(batch: DisbursementBatch) -> tuple[list[str], list[list[str]]]:
    if batch.status == BatchStatus.prepared:
        raise Refused(_("The bank file is made only once the batch is approved."))
    headers = [_("Beneficiary"), _("IBAN"), _("Amount (riyals)"), _("Reference")]
    rows = [[neutralised(line.name), line.iban or "", f"{line.amount:.2f}", line.reference]
            for line in bank_lines(batch)]
    return headers, rows


def bank_csv(batch: DisbursementBatch) -> bytes:
    headers, rows = _rows(batch)
    return b"".join(csv_chunks(headers, rows))


def bank_xlsx(batch: DisbursementBatch) -> bytes:
    headers, rows = _rows(batch)
    return tablib.Dataset(*rows, headers=headers).export("xlsx")
