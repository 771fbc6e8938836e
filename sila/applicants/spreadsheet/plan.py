"""Importing applicants from a spreadsheet: a dry run that explains every row, then all or nothing.

Each row goes through the same cleaning as the staff form (national ID, mobile,
Hijri or Gregorian dates). A row is created, updated (only the fields the file
fills and that differ), left unchanged, or refused with its Arabic reasons. An
update sets off what an edit on the form does (`sila.applicants.edits`): an
attestation it makes untrue is voided and undecided requests are rescored. The
import runs only when no row is refused, in one transaction with one audit entry
naming the file and its SHA-256, so running the same file twice changes nothing.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import insert

from models.applicant import Applicant
from models.base import db, utcnow
from models.branch import main_office_id
from models.enums import ContactMethod, Gender
from sila.applicants.edits import after_edit
from sila.applicants.spreadsheet.columns import FIELDS, FULL_NAME, IGNORE
from sila.applicants.spreadsheet.reader import rows
from sila.core.arabic import normalize
from sila.core.audit.recorder import record
from sila.core.dates import parse_date
from sila.core.errors import InvalidValue
from sila.core.mobile import clean_mobile
from sila.core.national_id import clean_national_id

NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
COMPARED = tuple(name for name in FIELDS if name not in ("national_id", FULL_NAME))
# Read as typed; the others go through the same cleaning as the staff form.
AS_TYPED = tuple(name for name in COMPARED if name not in (*NAME_PARTS, "gender", "birth_date", "mobile"))
GENDERS = {
    normalize(word): gender
    for gender, words in {
        Gender.male: ("ذكر", "م", "male", "m"),
        Gender.female: ("أنثى", "انثى", "ا", "ف", "female", "f"),
    }.items()
    for word in words
}
BATCH = 1000


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    action: str = "create"
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    applicant_id: int | None = None


@dataclass
class Plan:
    file_name: str
    sha256: str
    rows: list[Row]

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.counts["refused"]


def _column_lengths() -> dict[str, int]:
    return {
        column.name: column.type.length
        for column in Applicant.__table__.columns
        if getattr(column.type, "length", None)
    }


def _clean(raw: dict[str, str], lengths: dict[str, int]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    errors: list[str] = []

    def attempt(name: str, cleaner: Any) -> None:
        try:
            values[name] = cleaner(raw.get(name, ""))
        except InvalidValue as exc:
            errors.append(str(exc))

    attempt("national_id", clean_national_id)
    attempt("mobile", clean_mobile)
    if raw.get(FULL_NAME):
        parts = raw[FULL_NAME].split()
        if len(parts) < 2:
            errors.append(_("The full name needs at least a first and a family name."))
        else:
            middle = parts[1:-1] + ["", ""]
            values.update(first_name=parts[0], father_name=middle[0], grandfather_name=" ".join(middle[1:]).strip(),
                          family_name=parts[-1])
    for part in NAME_PARTS:
        if raw.get(part):
            values[part] = raw[part]
    if not values.get("first_name") or not values.get("family_name"):
        errors.append(_("The first name and the family name are required."))
    gender = normalize(raw.get("gender", ""))
    if gender:
        if gender in GENDERS:
            values["gender"] = GENDERS[gender]
        else:
            errors.append(_("Gender must be ذكر or أنثى."))
    if raw.get("birth_date"):
        attempt("birth_date", parse_date)
    for name in AS_TYPED:
        if raw.get(name):
            values[name] = raw[name]
    for name, value in values.items():
        if isinstance(value, str) and name in lengths and len(value) > lengths[name]:
            errors.append(_("%(field)s is longer than %(max)d characters.", field=FIELDS.get(name, name), max=lengths[name]))
    return values, errors


def _existing(national_ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    columns = [Applicant.id, Applicant.national_id, *(getattr(Applicant, name) for name in COMPARED)]
    for start in range(0, len(national_ids), BATCH):
        chunk = national_ids[start:start + BATCH]
        for row in db.session.execute(db.select(*columns).where(Applicant.national_id.in_(chunk))):
            found[row.national_id] = dict(row._mapping)
    return found


def _membership_owners(numbers: list[str]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start:start + BATCH]
        for number, national_id in db.session.execute(
            db.select(Applicant.membership_number, Applicant.national_id).where(Applicant.membership_number.in_(chunk))
        ):
            owners[number] = national_id
    return owners


def plan(data: bytes, file_name: str, mapping: list[str]) -> Plan:
    """Read, clean and classify every row; the database is only read."""
    lengths = _column_lengths()
    planned: list[Row] = []
    lines = rows(data, file_name)
    next(lines, None)
    for line, cells in enumerate(lines, start=2):
        if not any(cells):
            continue
        raw = {name: cells[index] for index, name in enumerate(mapping) if name != IGNORE and index < len(cells)}
        values, errors = _clean(raw, lengths)
        planned.append(Row(line, values, "refused" if errors else "create", errors))
    seen: dict[str, int] = {}
    for row in planned:
        national_id = row.values.get("national_id")
        if national_id in seen:
            row.action = "refused"
            row.errors.append(_("The same national ID is already on line %(line)d of this file.", line=seen[national_id]))
        elif national_id:
            seen[national_id] = row.line
    existing = _existing(list(seen))
    owners = _membership_owners([row.values["membership_number"] for row in planned if row.values.get("membership_number")])
    for row in planned:
        number = row.values.get("membership_number")
        if number and owners.get(number, row.values.get("national_id")) != row.values.get("national_id"):
            row.action = "refused"
            row.errors.append(_("The membership number %(number)s belongs to another person.", number=number))
        stored = existing.get(row.values.get("national_id"))
        if stored is None or row.action == "refused":
            if stored is None and row.action != "refused" and "gender" not in row.values:
                row.action = "refused"
                row.errors.append(_("Gender is required for a new person."))
            continue
        row.applicant_id = stored["id"]
        row.changes = [name for name in COMPARED if name in row.values and row.values[name] != stored[name]]
        row.action = "update" if row.changes else "unchanged"
    return Plan(file_name, hashlib.sha256(data).hexdigest(), planned)


def _full_name(values: dict[str, Any]) -> str:
    return " ".join(values.get(part) or "" for part in NAME_PARTS).strip()


def apply(plan_: Plan) -> Counter:
    """Write the plan in one transaction; refuses to start when a row is refused."""
    if not plan_.can_apply:
        raise InvalidValue(_("Correct the refused rows first: nothing was imported."))
    now = utcnow()
    # A bulk INSERT skips the model's own choice of branch: imported files start at the main office.
    branch_id = main_office_id(db.session.connection())
    new = [
        {
            "father_name": "", "grandfather_name": "", "preferred_contact": ContactMethod.sms, **row.values,
            "name_search": normalize(_full_name(row.values)), "created_at": now, "version": 1, "branch_id": branch_id,
        }
        for row in plan_.rows if row.action == "create"
    ]
    try:
        for start in range(0, len(new), BATCH):
            db.session.execute(insert(Applicant), new[start:start + BATCH])
        for row in plan_.rows:
            if row.action == "update":
                _update(row)
        counts = plan_.counts
        record("import", "applicant", None, note=_(
            "%(file)s (SHA-256 %(sha)s): %(created)d created, %(updated)d updated, %(unchanged)d unchanged",
            file=plan_.file_name, sha=plan_.sha256, created=counts["create"], updated=counts["update"],
            unchanged=counts["unchanged"],
        ))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return counts


def _update(row: Row) -> None:
    """Through the ORM, so the audit listener records each corrected field, with what an edit on the form sets off."""
    stored = db.session.get(Applicant, row.applicant_id)
    for name in row.changes:
        setattr(stored, name, row.values[name])
    after_edit(stored, None)
