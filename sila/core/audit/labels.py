"""How audit entries read to people: acts, record types, fields and coded values, translated."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.enums import ReferralStatus, label
from models.personal_data import codes, labels
from models.request import ServiceRequest
from sila.core.audit.entity_fields import ENTITY_CODED, ENTITY_FIELDS, YES_NO

ACTIONS = {
    "create": _l("Created"),
    "update": _l("Data changed"),
    "delete": _l("Deleted"),
    "checklist": _l("Checklist updated"),
    "verify": _l("Verified and signed off"),
    "outside_area": _l("Proceeded outside the service area"),
    "attest": _l("Attestation signed"),
    "void_attestation": _l("Attestation voided after an edit"),
    "submit": _l("Submitted to the research committee"),
    "decide": _l("Committee decision"),
    "register": _l("Registration completed"),
    "deliver": _l("Service delivered"),
    "deliver_instalment": _l("Aid instalment delivered"),
    "grant": _l("What was granted recorded"),
    "batch_prepare": _l("Disbursement batch prepared"),
    "batch_approve": _l("Disbursement batch approved"),
    "batch_discard": _l("Disbursement batch discarded"),
    "batch_paid": _l("Disbursement batch marked paid"),
    "batch_download": _l("Disbursement batch file downloaded"),
    "voucher_issue": _l("Aid voucher issued"),
    "voucher_cancel": _l("Aid voucher cancelled"),
    "voucher_expire": _l("Aid voucher expired, its value released"),
    "voucher_print": _l("Aid voucher printed"),
    "withdraw": _l("Withdrawn"),
    "cancel": _l("Cancelled"),
    "upload": _l("Attachment uploaded"),
    "download": _l("Attachment downloaded"),
    "view": _l("Personal data viewed"),
    "data_export": _l("Personal data exported (data-access request)"),
    "anonymize": _l("Identity erased after the retention period"),
    "file_status": _l("File status changed"),
    "restudy": _l("File re-studied"),
    "transfer_request": _l("Transfer to another branch asked"),
    "transfer_accept": _l("Transfer accepted, the file moved"),
    "transfer_decline": _l("Transfer declined, the file stayed"),
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
    "log": _l("Contact recorded"),
    "assign": _l("Follow-up owner assigned"),
    "set_due": _l("Follow-up due date set"),
    "start_study": _l("Taken under study"),
    "write_report": _l("Research report written"),
    "notification_retry": _l("Message queued to be sent again"),
    "notification_called": _l("Applicant called with the message"),
    "portal_sign_in": _l("Signed in to the e-services with a code"),
    "group_message": _l("A message sent to a group"),
    "ask_missing_items": _l("Missing documents asked of the applicant online"),
    "supply_missing_item": _l("A missing document supplied on the portal, awaiting matching"),
    "portal_sign_out": _l("Signed out of the e-services"),
}
ENTITIES = {
    "request": _l("Request"), "applicant": _l("Applicant"), "referral": _l("Referral"),
    "meeting": _l("Committee meeting"), "agenda_item": _l("Agenda item"), "visit": _l("Home visit"),
    "requests": _l("Requests list"), "applicants": _l("Applicants list"), "contacts": _l("Contacts list"),
    "referrals": _l("Referrals list"), "decisions": _l("Decisions list"),
    "notification": _l("Outbox message"), "contact": _l("Contact"), "group_message": _l("Message to a group"),
    "user": _l("User"), "organization": _l("Organization profile"), "committee": _l("Committee"),
    "committee_member": _l("Committee member"), "score_rule": _l("Needs-scoring rule"),
    "need_category": _l("Needs category"), "text_template": _l("Letter or message text"), "channel": _l("Channel"),
    "service_type": _l("Service type"), "required_item": _l("Required item"),
    "reference_document": _l("Reference document"), "referral_reason": _l("Referral reason"),
    "research_team": _l("Research team"), "research_team_member": _l("Research team member"),
    "household_member": _l("Household member"), "income_source": _l("Income source"),
    "obligation": _l("Monthly obligation"), "branch": _l("Branch"), "user_branch": _l("Staff member's branch"),
    "file_transfer": _l("File transfer"),
    "funding_source": _l("Funding source"), "disbursement_batch": _l("Disbursement batch"),
    "aid_dashboard": _l("Aid dashboard"),
    "catalogue_item": _l("In-kind catalogue item"),
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


def field_label(field: str | None, entity: str | None = None) -> str:
    """A field's label on its record type, else the applicant's and request's shared ones."""
    if not field:
        return ""
    return str(ENTITY_FIELDS.get(entity or "", {}).get(field) or FIELDS.get(field, field))


def value_label(field: str | None, value: str | None, entity: str | None = None) -> str:
    """A stored value as shown: coded values by their label, the rest as they are."""
    if value is None:
        return ""
    coded = ENTITY_CODED.get(entity or "", {}).get(field or "")
    if coded is YES_NO:
        return {"True": _("Yes"), "False": _("No")}.get(value, value)
    if coded:
        return next((label(enum_cls, value) for enum_cls in coded if value in {m.value for m in enum_cls}), value)
    if field == "status" and entity in STATUS_BY_ENTITY:
        return label(STATUS_BY_ENTITY[entity], value)
    if field in CODED:
        return label(CODED[field], value)
    return value
