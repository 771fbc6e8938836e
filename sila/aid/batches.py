"""Disbursement batches: a manager prepares the month's cash instalments, another approves, then they are paid.

A batch holds the instalments due by a date, of one service, needs category or
branch if asked, or of the requests the manager chose (sila/aid/batch_choice.py).
Four eyes: whoever prepared a batch never approves it. A batch may be of one
branch: a manager assigned to branches prepares, approves and reads only
batches of his own branches (the treasurer and association-wide managers
every batch), so the lines' names and IBANs stay where the files are. Approved, a batch is
fixed: its lines, amounts and sources no longer change, and corrections are a
new batch. Marking it paid delivers every line still due through the same
step as a single delivery (charge, instalment, receipt, message), all in one
transaction, so a refused charge leaves the whole batch unpaid.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from models.aid_grant import AidGrant, Instalment
from models.applicant import Applicant
from models.base import db, utcnow
from models.branch import Branch
from models.disbursement_batch import BatchLine, DisbursementBatch
from models.enums import BatchStatus, InstalmentStatus, NotificationEvent, RequestStatus, Role
from models.funding_source import FundingSource
from models.request import ServiceRequest, request_number
from models.stored_document import DocumentKind
from models.user import User
from sila.aid.batch_choice import NotBatchable, refusals
from sila.applicants.file_status import held_reason
from sila.branches.scope import at_branches, branch_ids, may_reach
from sila.core.audit.recorder import record
from sila.core.dates import today
from sila.core.errors import InvalidValue, Refused
from sila.core.iban import clean_iban
from sila.core.money import riyals
from sila.core.pdf.stored import ask_for
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.outbox.queue import queue_notification
from sila.requests import transitions

APPROVERS = (Role.manager, Role.treasurer)


def _locked(batch_id: int, actor: User) -> DisbursementBatch:
    batch = locked_row(DisbursementBatch, batch_id, _l("This batch does not exist."))
    if not may_reach(DisbursementBatch, batch.id, actor):
        raise Refused(_l("This batch belongs to another branch."))
    return batch


def preparable_branches(actor: User) -> list[Branch]:
    """The branches a batch may be prepared for by this user: his own, or every active one."""
    ids = branch_ids(actor)
    query = db.select(Branch).where(Branch.is_active.is_(True)).order_by(Branch.is_main.desc(), Branch.name)
    return list(db.session.scalars(query if ids is None else query.where(at_branches(Branch.id, ids))))


def _checked_branch(actor: User, branch_id: int | None) -> int | None:
    ids = branch_ids(actor)
    if ids is None:
        if branch_id is not None and db.session.get(Branch, branch_id) is None:
            raise Refused(_l("Choose one of the branches offered."))
        return branch_id
    if branch_id is None:
        raise Refused(_l("You work at some branches only: choose which one the batch is for."))
    if branch_id not in ids:
        raise Refused(_l("This batch belongs to another branch."))
    return branch_id


def prepare(actor: User, due_by: date, title: str | None = None, service_type_id: int | None = None,
            category: str | None = None, branch_id: int | None = None,
            request_ids: Sequence[int] = ()) -> DisbursementBatch:
    """The cash instalments due by `due_by` that no batch holds yet, optionally of one service, needs category
    or branch (a branch-assigned manager: always one of his).

    Given `request_ids` (the requests a manager chose), the batch holds those requests' instalments only, and
    the service and category are not asked; a chosen request that cannot go in refuses the whole batch with
    its reason (sila/aid/batch_choice.py)."""
    with committed():
        require_role(actor, Role.manager)
        branch_id = _checked_branch(actor, branch_id)
        in_batches = db.select(BatchLine.instalment_id)
        query = (
            db.select(Instalment, AidGrant)
            .join(AidGrant, AidGrant.id == Instalment.grant_id)
            .join(ServiceRequest, ServiceRequest.id == AidGrant.request_id)
            .where(Instalment.status == InstalmentStatus.due, Instalment.due_on <= due_by,
                   Instalment.id.not_in(in_batches), ServiceRequest.status == RequestStatus.registered)
            .order_by(Instalment.due_on, Instalment.id)
        )
        if request_ids:
            query = query.where(ServiceRequest.id.in_(request_ids))
        else:
            if service_type_id:
                query = query.where(ServiceRequest.service_type_id == service_type_id)
            if category:
                query = query.where(ServiceRequest.needs_category == category)
        if branch_id is not None:
            query = query.where(ServiceRequest.branch_id == branch_id)
        rows = db.session.execute(query).all()
        if request_ids:
            refused = refusals(actor, request_ids, due_by, branch_id, {grant.request_id for _, grant in rows})
            if refused:
                raise NotBatchable(refused)
        if not rows:
            raise Refused(_l("No cash instalment is due by this date outside another batch."))
        default_title = (
            _("Instalments of %(count)s chosen requests due by %(date)s", count=len(request_ids),
              date=due_by.isoformat())
            if request_ids else _("Instalments due by %(date)s", date=due_by.isoformat())
        )
        batch = DisbursementBatch(
            title=(title or "").strip()[:200] or default_title,
            due_by=due_by, prepared_by_id=actor.id, branch_id=branch_id,
        )
        db.session.add(batch)
        db.session.flush()
        db.session.add_all(
            BatchLine(batch_id=batch.id, instalment_id=instalment.id, request_id=grant.request_id,
                      funding_source_id=grant.funding_source_id, amount=instalment.amount)
            for instalment, grant in rows
        )
        _flush_lines()
        chosen = ": " + "، ".join(request_number(request_id) for request_id in request_ids) if request_ids else ""
        record("batch_prepare", "disbursement_batch", batch.id, note=f"{len(rows)}{chosen}", actor_id=actor.id)
    return batch


def _flush_lines() -> None:
    """An instalment is in one batch only (a unique key): a manager who prepared the same instalments a moment
    earlier wins, and this one is told so in Arabic instead of a server error."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise Refused(_l("Another manager has just put some of these instalments in a batch: prepare again.")) from exc


def approve(batch_id: int, actor: User) -> DisbursementBatch:
    """A different manager, or the treasurer, approves; from then on the batch is fixed."""
    with committed():
        require_role(actor, *APPROVERS)
        batch = _locked(batch_id, actor)
        if batch.status != BatchStatus.prepared:
            raise Refused(_l("Only a batch awaiting approval can be approved."))
        if batch.prepared_by_id == actor.id:
            raise Refused(_l("You prepared this batch, so someone else must approve it (four eyes)."))
        batch.status = BatchStatus.approved
        batch.approved_by_id, batch.approved_at = actor.id, utcnow()
        record("batch_approve", "disbursement_batch", batch.id, actor_id=actor.id)
        # Fixed from now on: its report is rendered by a job and stored (sila/core/pdf/stored.py).
        ask_for(DocumentKind.batch_report, batch.id)
    return batch


def discard(batch_id: int, actor: User) -> DisbursementBatch:
    """A batch not yet approved is dropped, freeing its instalments for a corrected batch."""
    with committed():
        require_role(actor, Role.manager)
        batch = _locked(batch_id, actor)
        if batch.status != BatchStatus.prepared:
            raise Refused(_l("An approved batch cannot be changed; corrections go in a new batch."))
        db.session.execute(db.delete(BatchLine).where(BatchLine.batch_id == batch.id))
        batch.status = BatchStatus.discarded
        record("batch_discard", "disbursement_batch", batch.id, actor_id=actor.id)
    return batch


def mark_paid(batch_id: int, actor: User) -> DisbursementBatch:
    """The bank transferred the batch: each line still due is delivered and its beneficiary told."""
    with committed():
        require_role(actor, *APPROVERS)
        batch = _locked(batch_id, actor)
        if batch.status != BatchStatus.approved:
            raise Refused(_l("Only an approved batch can be marked paid."))
        paid: dict[int, list[BatchLine]] = defaultdict(list)
        for line in batch.lines:
            if line.instalment.status == InstalmentStatus.due:
                transitions.pay_instalment(line.request_id, actor, line.instalment_id)
                paid[line.request_id].append(line)
        for lines in paid.values():
            _tell_paid(lines)
        batch.status = BatchStatus.paid
        batch.paid_by_id, batch.paid_at = actor.id, utcnow()
        record("batch_paid", "disbursement_batch", batch.id, actor_id=actor.id)
        # The report shows who marked it paid and when: the stored one is replaced.
        ask_for(DocumentKind.batch_report, batch.id)
    return batch


def _tell_paid(lines: list[BatchLine]) -> None:
    """One SMS receipt per request of the batch: the riyals transferred and the instalments they pay."""
    request = lines[0].instalment.grant.request
    grant = lines[0].instalment.grant
    numbers = "، ".join(str(line.instalment.number) for line in lines)
    with force_locale("ar"):
        paid_for = _("instalment %(numbers)s of %(count)s, from %(source)s", numbers=numbers,
                     count=grant.instalments, source=lines[0].funding_source.name)
        amount = riyals(sum((line.amount for line in lines), Decimal("0")))
    queue_notification(request, NotificationEvent.aid_paid, amount=amount, paid_for=paid_for)


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
