"""The closed vocabularies of the domain and their user-facing labels.

Values are stored as short English codes (checked by the database); people
only ever see the translated label.
"""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Vocabulary(StrEnum):
    member = "member"
    beneficiary = "beneficiary"


class Role(StrEnum):
    admin = "admin"
    staff = "staff"
    researcher = "researcher"
    committee = "committee"
    manager = "manager"


class Gender(StrEnum):
    male = "male"
    female = "female"


class ContactMethod(StrEnum):
    sms = "sms"
    email = "email"
    phone = "phone"


class RequiredItemKind(StrEnum):
    document = "document"
    data = "data"


class DocumentKind(StrEnum):
    bylaws = "bylaws"
    support_policy = "support_policy"
    research_guide = "research_guide"
    request_form = "request_form"
    other = "other"


class ContactKind(StrEnum):
    inquiry = "inquiry"
    suggestion = "suggestion"
    complaint = "complaint"
    follow_up = "follow_up"


class FollowUpStatus(StrEnum):
    open = "open"
    under_study = "under_study"
    closed = "closed"


class RequestStatus(StrEnum):
    received = "received"
    verified = "verified"
    attested = "attested"
    submitted = "submitted"
    returned = "returned"
    accepted = "accepted"
    rejected = "rejected"
    registered = "registered"
    closed = "closed"
    withdrawn = "withdrawn"
    cancelled = "cancelled"


class AttestationMethod(StrEnum):
    paper_scan = "paper_scan"
    on_screen = "on_screen"
    portal = "portal"


class AttachmentKind(StrEnum):
    required_item = "required_item"
    attestation = "attestation"
    research_report = "research_report"
    other = "other"


class ReferralStatus(StrEnum):
    open = "open"
    answered = "answered"
    closed = "closed"


class DecisionRule(StrEnum):
    majority = "majority"
    chair = "chair"


class MeetingStatus(StrEnum):
    planned = "planned"
    held = "held"
    closed = "closed"


class VoteChoice(StrEnum):
    approve = "approve"
    reject = "reject"
    abstain = "abstain"


class DecisionOutcome(StrEnum):
    accepted = "accepted"
    rejected = "rejected"
    returned = "returned"


class NotificationEvent(StrEnum):
    received = "received"
    submitted = "submitted"
    decided = "decided"
    service_ready = "service_ready"
    survey = "survey"


class NotificationStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


LABELS: dict[type[StrEnum], dict[str, object]] = {
    Vocabulary: {
        Vocabulary.member: _l("Members of the general assembly"),
        Vocabulary.beneficiary: _l("Beneficiaries"),
    },
    Role: {
        Role.admin: _l("System administrator"),
        Role.staff: _l("Relations staff"),
        Role.researcher: _l("Social researcher"),
        Role.committee: _l("Committee member"),
        Role.manager: _l("Manager"),
    },
    Gender: {
        Gender.male: _l("Male"),
        Gender.female: _l("Female"),
    },
    ContactMethod: {
        ContactMethod.sms: _l("Text message"),
        ContactMethod.email: _l("E-mail"),
        ContactMethod.phone: _l("Phone call"),
    },
    RequiredItemKind: {
        RequiredItemKind.document: _l("Document"),
        RequiredItemKind.data: _l("Data"),
    },
    DocumentKind: {
        DocumentKind.bylaws: _l("Bylaws"),
        DocumentKind.support_policy: _l("Support policy guide"),
        DocumentKind.research_guide: _l("Social research services guide"),
        DocumentKind.request_form: _l("Service request form"),
        DocumentKind.other: _l("Other"),
    },
    ContactKind: {
        ContactKind.inquiry: _l("Inquiry"),
        ContactKind.suggestion: _l("Suggestion"),
        ContactKind.complaint: _l("Complaint"),
        ContactKind.follow_up: _l("Follow-up"),
    },
    FollowUpStatus: {
        FollowUpStatus.open: _l("Open"),
        FollowUpStatus.under_study: _l("Under study"),
        FollowUpStatus.closed: _l("Closed"),
    },
    RequestStatus: {
        RequestStatus.received: _l("Received"),
        RequestStatus.verified: _l("Verified"),
        RequestStatus.attested: _l("Attested"),
        RequestStatus.submitted: _l("Submitted to the committee"),
        RequestStatus.returned: _l("Returned for more information"),
        RequestStatus.accepted: _l("Accepted"),
        RequestStatus.rejected: _l("Rejected"),
        RequestStatus.registered: _l("Registration completed"),
        RequestStatus.closed: _l("Service delivered, closed"),
        RequestStatus.withdrawn: _l("Withdrawn"),
        RequestStatus.cancelled: _l("Cancelled"),
    },
    AttestationMethod: {
        AttestationMethod.paper_scan: _l("Signed paper form (scanned)"),
        AttestationMethod.on_screen: _l("Signed on screen"),
        AttestationMethod.portal: _l("Accepted on the e-services portal"),
    },
    AttachmentKind: {
        AttachmentKind.required_item: _l("Required item"),
        AttachmentKind.attestation: _l("Signed attestation"),
        AttachmentKind.research_report: _l("Social research report"),
        AttachmentKind.other: _l("Other"),
    },
    ReferralStatus: {
        ReferralStatus.open: _l("Open"),
        ReferralStatus.answered: _l("Answered"),
        ReferralStatus.closed: _l("Closed"),
    },
    DecisionRule: {
        DecisionRule.majority: _l("Majority of members present"),
        DecisionRule.chair: _l("Chair's decision"),
    },
    MeetingStatus: {
        MeetingStatus.planned: _l("Planned"),
        MeetingStatus.held: _l("Held"),
        MeetingStatus.closed: _l("Closed"),
    },
    VoteChoice: {
        VoteChoice.approve: _l("Approve"),
        VoteChoice.reject: _l("Reject"),
        VoteChoice.abstain: _l("Abstain"),
    },
    DecisionOutcome: {
        DecisionOutcome.accepted: _l("Accepted"),
        DecisionOutcome.rejected: _l("Rejected"),
        DecisionOutcome.returned: _l("Returned for more information"),
    },
    NotificationEvent: {
        NotificationEvent.received: _l("Request received"),
        NotificationEvent.submitted: _l("Submitted to the committee"),
        NotificationEvent.decided: _l("Decision"),
        NotificationEvent.service_ready: _l("Service ready"),
        NotificationEvent.survey: _l("Satisfaction survey"),
    },
    NotificationStatus: {
        NotificationStatus.pending: _l("Pending"),
        NotificationStatus.sending: _l("Sending"),
        NotificationStatus.sent: _l("Sent"),
        NotificationStatus.failed: _l("Failed"),
    },
}


def label(enum_cls: type[StrEnum], value: str | None) -> str:
    """The translated label of a stored code; unknown codes show as they are."""
    if value is None:
        return ""
    return str(LABELS[enum_cls].get(value, value))


def choices(enum_cls: type[StrEnum]) -> list[tuple[str, object]]:
    """(code, lazy label) pairs for select fields and filters."""
    return [(member.value, LABELS[enum_cls][member]) for member in enum_cls]
