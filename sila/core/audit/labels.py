"""How audit entries read to people: acts, record types, fields and coded values, translated."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.enums import ReferralStatus, label
from models.personal_data import codes, labels
from models.request import ServiceRequest

ACTIONS = {
    "create": _l("Created"),
    "update": _l("Data changed"),
    "checklist": _l("Checklist updated"),
    "verify": _l("Verified and signed off"),
    "attest": _l("Attestation signed"),
    "void_attestation": _l("Attestation voided after an edit"),
    "submit": _l("Submitted to the research committee"),
    "decide": _l("Committee decision"),
    "register": _l("Registration completed"),
    "deliver": _l("Service delivered"),
    "withdraw": _l("Withdrawn"),
    "cancel": _l("Cancelled"),
    "upload": _l("Attachment uploaded"),
    "download": _l("Attachment downloaded"),
    "view": _l("Personal data viewed"),
    "data_export": _l("Personal data exported (data-access request)"),
    "anonymize": _l("Identity erased after the retention period"),
    "file_status": _l("File status changed"),
    "restudy": _l("File re-studied"),
    "letter_download": _l("Decision letter downloaded"),
    "export": _l("List exported"),
    "visit": _l("Home visit recorded"),
    "import": _l("Imported from a spreadsheet"),
    "attendance": _l("Attendance recorded"),
    "agenda_add": _l("Added to the agenda"),
    "agenda_drop": _l("Dropped from the agenda"),
    "start": _l("Meeting opened"),
    "vote": _l("Vote cast"),
    "tally": _l("Votes counted"),
    "refer": _l("Referred to the social researcher"),
    "take": _l("Referral taken by a researcher"),
    "answer": _l("Referral answered"),
    "close": _l("Closed"),
    "notification_retry": _l("Message queued to be sent again"),
    "notification_called": _l("Applicant called with the message"),
}
ENTITIES = {
    "request": _l("Request"), "applicant": _l("Applicant"), "referral": _l("Referral"),
    "meeting": _l("Committee meeting"), "agenda_item": _l("Agenda item"), "visit": _l("Home visit"),
    "requests": _l("Requests list"), "applicants": _l("Applicants list"), "contacts": _l("Contacts list"),
    "referrals": _l("Referrals list"), "decisions": _l("Decisions list"),
    "notification": _l("Outbox message"),
}
# Field labels are declared on the model columns (models/personal_data.py); the audit reads them from there.
APPLICANT_FIELDS = labels(Applicant.__table__)
FIELDS = {
    **labels(ServiceRequest.__table__),
    **APPLICANT_FIELDS,
    "researcher_id": _l("Researcher"),
}
CODED = {**codes(ServiceRequest.__table__), **codes(Applicant.__table__)}
STATUS_BY_ENTITY = {"referral": ReferralStatus}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def entity_label(entity: str) -> str:
    return str(ENTITIES.get(entity, entity))


def field_label(field: str | None) -> str:
    return str(FIELDS.get(field, field)) if field else ""


def value_label(field: str | None, value: str | None, entity: str | None = None) -> str:
    """A stored value as shown: coded values by their label, the rest as they are."""
    if value is None:
        return ""
    if field == "status" and entity in STATUS_BY_ENTITY:
        return label(STATUS_BY_ENTITY[entity], value)
    if field in CODED:
        return label(CODED[field], value)
    return value
