"""Retention: applicants whose business with the association ended long ago lose their identity.

The organization profile sets the period in years. An applicant is eligible when
nothing is pending (no request before delivery or closure, no open referral or
follow-up) and his last activity ended before the period. Anonymizing keeps the
rows, so counts, decisions and survey figures stay true, but erases every value
the models declare personal (models/personal_data.py) in every row of his file
(his household, visits, re-studies, requests and what hangs on them, contacts,
referrals, messages, the audit's old and new values), deletes attachments, and
empties the stored minutes and batch reports that name him (sila/core/pdf/stored.py).

Apply needs the code a dry run printed for the same set of applicants, so the
irreversible step only ever acts on a list somebody has seen.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, Table, func, or_, update

from models import Applicant, Attachment, AuditEntry, Contact, Organization, Referral, ServiceRequest, db
from models.enums import FollowUpStatus, ReferralStatus, RequestStatus
from models.personal_data import CONTACT, erased_columns, kind_of
from sila.attachments import storage
from sila.core.audit.recorder import record
from sila.core.pdf.stored import forget_naming

ERASED = "محذوف"
BATCH = 500
# Audit entries name their record by type and number, not by a foreign key. The field-change audit's
# types come from the models' declarations (household rows among them); the workflow's steps name these.
STEP_ENTITIES = {
    "referral": "referrals", "contact": "contacts", "visit": "home_visits", "agenda_item": "agenda_items",
    "notification": "notifications",
}


def audited_as() -> dict[str, str]:
    """Record type in the audit log → its table, for every type a row of a file is logged under."""
    declared = {
        mapper.class_.__audited__.entity: mapper.local_table.name
        for mapper in db.Model.registry.mappers if getattr(mapper.class_, "__audited__", None)
    }
    return {**declared, **STEP_ENTITIES}
FINISHED = frozenset({
    RequestStatus.closed, RequestStatus.rejected, RequestStatus.withdrawn, RequestStatus.cancelled,
})


@dataclass(frozen=True)
class Eligible:
    applicant_ids: list[int]
    years: int | None

    @property
    def code(self) -> str:
        """Short fingerprint of the list, typed back to confirm the apply step."""
        digest = hashlib.sha256(",".join(map(str, self.applicant_ids)).encode()).hexdigest()
        return digest[:8]


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def eligible(today: date) -> Eligible:
    organization = db.session.scalar(db.select(Organization).limit(1))
    years = organization.retention_years if organization else None
    if not years:
        return Eligible([], years)
    cutoff = _years_before(today, years)
    last_activity = (
        db.select(func.max(func.coalesce(ServiceRequest.closed_at, ServiceRequest.decided_at, ServiceRequest.created_at)))
        .where(ServiceRequest.applicant_id == Applicant.id)
        .scalar_subquery()
    )
    pending_request = db.select(ServiceRequest.id).where(
        ServiceRequest.applicant_id == Applicant.id, ServiceRequest.status.not_in(FINISHED)
    )
    open_referral = db.select(Referral.id).where(
        Referral.applicant_id == Applicant.id, Referral.status != ReferralStatus.closed
    )
    open_contact = db.select(Contact.id).where(
        Contact.applicant_id == Applicant.id, Contact.status != FollowUpStatus.closed
    )
    ids = db.session.scalars(
        db.select(Applicant.id)
        .where(
            Applicant.first_name != ERASED,
            func.coalesce(last_activity, Applicant.created_at) < cutoff,
            ~pending_request.exists(), ~open_referral.exists(), ~open_contact.exists(),
        )
        .order_by(Applicant.id)
    ).all()
    return Eligible(list(ids), years)


def file_rows(applicant_ids: list[int]) -> dict[Table, list[int]]:
    """Every row of these applicants' files: theirs, and each row that points to one of them, at any depth.

    Tables come parents first, so a visit's photos and a request's votes are
    found through the visit and the agenda item that are already in the file.
    """
    rows: dict[Table, list[int]] = {Applicant.__table__: list(applicant_ids)}
    for table in db.metadata.sorted_tables:
        links = [key.parent.in_(rows[key.column.table]) for key in table.foreign_keys
                 if key.column.table is not table and rows.get(key.column.table)]
        if links and table not in rows:
            (key,) = table.primary_key.columns
            rows[table] = list(db.session.scalars(db.select(key).where(or_(*links))))
    entries = [(AuditEntry.entity_type == entity) & AuditEntry.entity_id.in_(rows[db.metadata.tables[name]])
               for entity, name in audited_as().items() if rows.get(db.metadata.tables[name])]
    rows[AuditEntry.__table__] = list(db.session.scalars(db.select(AuditEntry.id).where(or_(*entries))))
    return rows


def _placeholder(column: Column) -> str | None:
    """What an erased value becomes: nothing where the column allows it, else the visible erased mark."""
    if column.nullable:
        return None
    return "" if kind_of(column) is CONTACT else ERASED


def _version_column(table: Table) -> Column | None:
    """The optimistic-locking counter, moved on so a form opened before the erasure cannot save over it."""
    mapper = next(mapper for mapper in db.Model.registry.mappers if mapper.local_table is table)
    return mapper.version_id_col


def _erase_table(table: Table, ids: list[int]) -> None:
    (key,) = table.primary_key.columns
    columns = erased_columns(table)
    values: dict[Any, Any] = {column: _placeholder(column) for column in columns if not column.unique}
    version = _version_column(table)
    if version is not None:
        values[version] = version + 1
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        if values:
            db.session.execute(update(table).where(key.in_(chunk)).values(values))
        for column in columns:
            if column.unique:
                # A unique identifier cannot share one mark: each row gets its own number, never a real one.
                for row_id in chunk:
                    db.session.execute(update(table).where(key == row_id).values(
                        {column: f"0{row_id:0{column.type.length - 1}d}"}
                    ))


def _erase(applicant_ids: list[int]) -> list[str]:
    """Erase the applicants' files in the open transaction; returns the stored files to delete after commit."""
    rows = file_rows(applicant_ids)
    # The stored minutes and batch reports naming them are emptied too; the job renders them from the erased file.
    forget_naming(rows.get(ServiceRequest.__table__, []))
    attachments = Attachment.__table__
    owned = rows.pop(attachments, [])
    files = list(db.session.scalars(db.select(Attachment.stored_name).where(Attachment.id.in_(owned))))
    for table, ids in rows.items():
        if ids:
            _erase_table(table, ids)
            for key in table.foreign_keys:
                if key.column.table is attachments and owned:
                    db.session.execute(update(table).where(key.parent.in_(owned)).values({key.parent: None}))
    # An attachment is the person's document itself: the row and the file go, not only the name.
    db.session.execute(db.delete(Attachment).where(Attachment.id.in_(owned)))
    for applicant_id in applicant_ids:
        record("anonymize", "applicant", applicant_id, note="retention")
    return files


def apply(today: date, code: str) -> int:
    """Anonymize the eligible applicants in one transaction, if `code` matches the dry run's list."""
    found = eligible(today)
    if code != found.code:
        raise ValueError(code)
    files: list[str] = []
    for start in range(0, len(found.applicant_ids), BATCH):
        files += _erase(found.applicant_ids[start:start + BATCH])
    db.session.commit()
    for stored_name in files:
        storage.remove(stored_name)
    db.session.commit()
    return len(found.applicant_ids)
