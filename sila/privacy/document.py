"""The data-access answer as an Arabic PDF, built from the same dict as the JSON.

Unlike decision letters, minutes and batch reports (rendered by a background
job and stored, sila/core/pdf/stored.py), it is rendered in the request that
asks for it: the law's answer must show what is held at the moment it is asked
for — a stored copy would be stale after the next edit — and it is asked for
rarely, so the wait is paid seldom and by the one person who asked.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, DateTime, Table

from models import (
    AidDelivery,
    AidGrant,
    Applicant,
    Attestation,
    HomeVisit,
    HouseholdMember,
    IncomeSource,
    Instalment,
    Obligation,
    Organization,
    Restudy,
    Voucher,
    db,
)
from models.enums import (
    AttachmentKind,
    ContactKind,
    ContactMethod,
    DecisionOutcome,
    FollowUpStatus,
    NotificationEvent,
    NotificationStatus,
    ReferralStatus,
    RequestStatus,
    label,
)
from models.personal_data import shown_columns
from sila.core.audit.labels import ACTIONS, ENTITIES
from sila.core.dates import clock, dual_date, today
from sila.core.pdf.render import render_pdf
from sila.privacy.dossier import dossier

Lines = list[tuple[str, str]]
# The parts of the file shown as one small table per row, each line labelled as its model declares.
SECTIONS = (
    ("household_members", HouseholdMember, _l("Household members")),
    ("incomes", IncomeSource, _l("Income sources")),
    ("obligations", Obligation, _l("Monthly obligations")),
    ("home_visits", HomeVisit, _l("Home visits")),
    ("restudies", Restudy, _l("Re-studies")),
    ("attestations", Attestation, _l("Attestations")),
    ("aid_grants", AidGrant, _l("Aid granted")),
    ("instalments", Instalment, _l("Instalment schedule")),
    ("aid_deliveries", AidDelivery, _l("Aid received")),
    ("vouchers", Voucher, _l("Aid vouchers")),
)


def _when(value: str | None) -> str:
    """ISO text back to Hijri beside Gregorian, with the time where there is one."""
    if not value:
        return ""
    if "T" in value:
        moment = datetime.fromisoformat(value)
        return f"{dual_date(moment)} {clock(moment)}"
    return dual_date(date.fromisoformat(value))


def _shown(column: Column, value: Any) -> str:
    if column.info["codes"]:
        return label(column.info["codes"], value)
    if isinstance(column.type, Date | DateTime):
        return _when(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _lines(table: Table, row: dict[str, Any]) -> Lines:
    """Label and value of each filled, labelled column of one row, in the table's order."""
    return [
        (str(column.info["label"]), _shown(column, row[column.name]))
        for column in shown_columns(table)
        if column.info["label"] is not None and row.get(column.name) not in (None, "")
    ]


def _extra_lines(key: str, row: dict[str, Any], data: dict[str, Any]) -> Lines:
    """What a row means beyond its own columns: a re-study's figures, a visit's photos."""
    if key == "restudies":
        after = row["changes"]["after"]
        return [(_("Household size"), str(after["members"] + 1)), (_("Income per person"), after["income_per_person"])]
    if key == "home_visits":
        names = [item["original_name"] for item in data["attachments"] if item["visit_id"] == row["id"]]
        return [(_("Photos and documents"), "، ".join(names))] if names else []
    return []


def _sections(data: dict[str, Any]) -> list[tuple[str, list[Lines]]]:
    return [
        (str(title), [_lines(model.__table__, row) + _extra_lines(key, row, data) for row in data[key]])
        for key, model, title in SECTIONS
    ]


def readable(applicant: Applicant, *, members_in_full: bool = True) -> tuple[Lines, list[tuple[str, list[Lines]]]]:
    """His own lines and the file's sections as people read them, for a page beside this PDF."""
    data = dossier(applicant, members_in_full=members_in_full)
    return _lines(Applicant.__table__, data["applicant"]), _sections(data)


def dossier_pdf(applicant: Applicant, *, members_in_full: bool = True) -> bytes:
    data = dossier(applicant, members_in_full=members_in_full)
    return render_pdf(
        "data_rights.html",
        organization=db.session.scalar(db.select(Organization).limit(1)),
        applicant=applicant,
        data=data,
        applicant_lines=_lines(Applicant.__table__, data["applicant"]),
        sections=_sections(data),
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
