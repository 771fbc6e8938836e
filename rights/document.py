"""The data-access answer as an Arabic PDF, built from the same dict as the JSON."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from audit.labels import ACTIONS, APPLICANT_FIELDS, ENTITIES
from domain.dates import clock, dual_date, today
from models.applicant import Applicant
from models.base import db
from models.enums import (
    AttachmentKind,
    ContactKind,
    ContactMethod,
    DecisionOutcome,
    FollowUpStatus,
    Gender,
    NotificationEvent,
    NotificationStatus,
    ReferralStatus,
    RequestStatus,
    label,
)
from models.organization import Organization
from pdf.render import render_pdf
from rights.dossier import dossier

CODED = {"gender": Gender, "preferred_contact": ContactMethod}
EXTRA_FIELDS = {"notes": _l("Notes"), "created_at": _l("Registered on"), "updated_at": _l("Last updated")}


def _when(value: str | None) -> str:
    """ISO text back to Hijri beside Gregorian, with the time where there is one."""
    if not value:
        return ""
    if "T" in value:
        moment = datetime.fromisoformat(value)
        return f"{dual_date(moment)} {clock(moment)}"
    return dual_date(date.fromisoformat(value))


def _applicant_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    labels = {**APPLICANT_FIELDS, **EXTRA_FIELDS}
    lines = []
    for field, value in data.items():
        if value in (None, ""):
            continue
        if field in CODED:
            value = label(CODED[field], value)
        elif field.endswith(("_date", "_at")):
            value = _when(value)
        lines.append((str(labels.get(field, field)), str(value)))
    return lines


def dossier_pdf(applicant: Applicant) -> bytes:
    data = dossier(applicant)
    return render_pdf(
        "data_rights.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        applicant=applicant,
        data=data,
        applicant_lines=_applicant_lines(data["applicant"]),
        when=_when,
        label=label,
        enums={
            "status": RequestStatus, "outcome": DecisionOutcome, "kind": ContactKind, "follow": FollowUpStatus,
            "referral": ReferralStatus, "attachment": AttachmentKind, "event": NotificationEvent,
            "method": ContactMethod, "delivery": NotificationStatus,
        },
        actions=ACTIONS,
        entities=ENTITIES,
        today=today(),
    )
