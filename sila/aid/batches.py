"""Disbursement batches: a manager prepares the month's cash instalments, another approves, then they are paid.

Four eyes: whoever prepared a batch never approves it. Approved, a batch is
fixed: its lines, amounts and sources no longer change, and corrections are a
new batch. Marking it paid delivers every line still due through the same
step as a single delivery (charge, instalment, receipt, message), all in one
transaction, so a refused charge leaves the whole batch unpaid.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.aid_grant import AidGrant, Instalment
from models.applicant import Applicant
from models.base import db, utcnow
from models.disbursement_batch import BatchLine, DisbursementBatch
from models.enums import BatchStatus, InstalmentStatus, RequestStatus, Role
from models.funding_source import FundingSource
from models.request import ServiceRequest
from models.user import User
from sila.applicants.file_status import held_reason
from sila.core.audit.recorder import record
from sila.core.dates import today
from sila.core.errors import InvalidValue, Refused
from sila.core.iban import clean_iban
from sila.core.money import riyals
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.requests import transitions

APPROVERS = (Role.manager, Role.treasurer)


def _locked(batch_id: int) -> DisbursementBatch:
    return locked_row(DisbursementBatch, batch_id, _l("This batch does not exist."))


def prepare(actor: User, due_by: date, title: str | None = None, service_type_id: int | None = None,
            category: str | None = None) -> DisbursementBatch:
    """The cash instalments due by `due_by` that no batch holds yet, optionally of one service or needs category."""
    with committed():
        require_role(actor, Role.manager)
        in_batches = db.select(BatchLine.instalment_id)
        query = (
            db.select(Instalment, AidGrant)
            .join(AidGrant, AidGrant.id == Instalment.grant_id)
            .join(ServiceRequest, ServiceRequest.id == AidGrant.request_id)
            .where(Instalment.status == InstalmentStatus.due, Instalment.due_on <= due_by,
                   Instalment.id.not_in(in_batches), ServiceRequest.status == RequestStatus.registered)
            .order_by(Instalment.due_on, Instalment.id)
        )
        if service_type_id:
            query = query.where(ServiceRequest.service_type_id == service_type_id)
        if category:
            query = query.where(ServiceRequest.needs_category == category)
        rows = db.session.execute(query).all()
        if not rows:
            raise Refused(_l("No cash instalment is due by this date outside another batch."))
        batch = DisbursementBatch(
            title=(title or "").strip()[:200] or _("Instalments due by %(date)s", date=due_by.isoformat()),
            due_by=due_by, prepared_by_id=actor.id,
        )
        db.session.add(batch)
        db.session.flush()
        db.session.add_all(
            BatchLine(batch_id=batch.id, instalment_id=instalment.id, request_id=grant.request_id,
                      funding_source_id=grant.funding_source_id, amount=instalment.amount)
            for instalment, grant in rows
        )
        record("batch_prepare", "disbursement_batch", batch.id, note=f"{len(rows)}", actor_id=actor.id)
    return batch


def approve(batch_id: int, actor: User) -> DisbursementBatch:
    """A different manager, or the treasurer, approves; from then on the batch is fixed."""
    with committed():
        batch = _locked(batch_id)
        require_role(actor, *APPROVERS)
        if batch.status != BatchStatus.prepared:
            raise Refused(_l("Only a batch awaiting approval can be approved."))
        if batch.prepared_by_id == actor.id:
            raise Refused(_l("You prepared this batch, so someone else must approve it (four eyes)."))
        batch.status = BatchStatus.approved
        batch.approved_by_id, batch.approved_at = actor.id, utcnow()
        record("batch_approve", "disbursement_batch", batch.id, actor_id=actor.id)
    return batch


def discard(batch_id: int, actor: User) -> DisbursementBatch:
    """A batch not yet approved is dropped, freeing its instalments for a corrected batch."""
    with committed():
        batch = _locked(batch_id)
        require_role(actor, Role.manager)
        if batch.status != BatchStatus.prepared:
            raise Refused(_l("An approved batch cannot be changed; corrections go in a new batch."))
        db.session.execute(db.delete(BatchLine).where(BatchLine.batch_id == batch.id))
        batch.status = BatchStatus.discarded
        record("batch_discard", "disbursement_batch", batch.id, actor_id=actor.id)
    return batch


def mark_paid(batch_id: int, actor: User) -> DisbursementBatch:
    """The bank transferred the batch: each line still due is delivered and its beneficiary told."""
    with committed():
        batch = _locked(batch_id)
        require_role(actor, *APPROVERS)
        if batch.status != BatchStatus.approved:
            raise Refused(_l("Only an approved batch can be marked paid."))
        for line in batch.lines:
            if line.instalment.status == InstalmentStatus.due:
                transitions.pay_instalment(line.request_id, actor, line.instalment_id)
        batch.status = BatchStatus.paid
        batch.paid_by_id, batch.paid_at = actor.id, utcnow()
        record("batch_paid", "disbursement_batch", batch.id, actor_id=actor.id)
    return batch


@dataclass(frozen=True)
class BankLine:
    name: str
    iban: str | None
    amount: Decimal
    reference: str
    warnings: tuple[str, ...]


def bank_lines(batch: DisbursementBatch) -> list[BankLine]:
    """Each line as the bank file and the report show it, with what would stop it being paid."""
    lines = []
    for line in batch.lines:
        applicant: Applicant = line.instalment.grant.request.applicant
        warnings = []
        try:
            iban = clean_iban(applicant.iban)
        except InvalidValue as exc:
            iban = None
            warnings.append(str(exc.message))
        if not applicant.iban:
            warnings.append(_("No IBAN on the file."))
        held = held_reason(applicant, today())
        if held:
            warnings.append(held)
        if line.instalment.status != InstalmentStatus.due:
            warnings.append(_("The instalment was stopped."))
        reference = f"{line.instalment.grant.request.number}-{line.instalment.number}"
        lines.append(BankLine(applicant.full_name, iban, line.amount, reference, tuple(warnings)))
    return lines


@dataclass(frozen=True)
class SourceTotal:
    source: FundingSource
    count: int
    total: Decimal

    @property
    def over_budget(self) -> bool:
        return self.total > self.source.remaining


def totals(batch: DisbursementBatch) -> list[SourceTotal]:
    sums: dict[int, list] = defaultdict(lambda: [0, Decimal("0")])
    for line in batch.lines:
        sums[line.funding_source_id][0] += 1
        sums[line.funding_source_id][1] += line.amount
    return [SourceTotal(db.session.get(FundingSource, source_id), count, total)
            for source_id, (count, total) in sorted(sums.items())]


def budget_warnings(batch: DisbursementBatch) -> list[str]:
    return [
        _("“%(name)s” has %(left)s left for %(total)s in this batch.", name=item.source.name,
          left=riyals(item.source.remaining), total=riyals(item.total))
        for item in totals(batch) if item.over_budget and batch.status != BatchStatus.paid
    ]
