"""An applicant's request to correct the data held about him, and the answer he reads back.

The request is a contact of kind "correction" on his file, on the website
channel: staff see it in the contacts list like any message, check the right
value against the originals, change the file through the usual screens (so
the change is audited as any edit) and record the answer, which closes it.
The portal never changes his file by itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from models.applicant import Applicant
from models.base import db
from models.contact import Contact
from models.enums import ContactKind, FollowUpStatus, label
from models.personal_data import labels
from sila.contacts.rules import log
from sila.core.dates import dual_date
from sila.portal.applications import website_channel

OTHER = "other"


def correctable_fields() -> list[tuple[str, str]]:
    """(field, label) of each labelled item of his own record, then "something else" for the rest of the file."""
    return [(name, str(text)) for name, text in labels(Applicant.__table__).items()] + [
        (OTHER, _("Other data in my file (household, income, housing)")),
    ]


def ask_for_correction(applicant: Applicant, field: str, correct_value: str) -> Contact:
    """Logged as he sent it; the summary names the field in Arabic for the staff who read it."""
    names = dict(correctable_fields())
    with force_locale("ar"):
        summary = _("Correction requested for “%(field)s”: %(value)s", field=names.get(field, names[OTHER]),
                    value=correct_value)
    return log(
        None, ContactKind.correction, website_channel().id, summary, applicant_id=applicant.id,
        contact_name=applicant.full_name, contact_mobile=applicant.mobile,
    )


@dataclass(frozen=True)
class Correction:
    asked_on: str
    summary: str
    status: str
    answer: str | None


def corrections_of(applicant: Applicant) -> list[Correction]:
    rows = db.session.scalars(
        db.select(Contact)
        .where(Contact.applicant_id == applicant.id, Contact.kind == ContactKind.correction)
        .order_by(Contact.id.desc())
    )
    return [
        Correction(dual_date(row.created_at), row.summary, label(FollowUpStatus, row.status), row.answer)
        for row in rows
    ]
