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
    treasurer = "treasurer"
    representative = "representative"
    outlet = "outlet"


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
    correction = "correction"


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


BEFORE_DECISION = frozenset({
    RequestStatus.received, RequestStatus.verified, RequestStatus.attested,
    RequestStatus.submitted, RequestStatus.returned,
})


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
    restudy = "restudy"
    sign_in_code = "sign_in_code"
    apply_code = "apply_code"
    missing_items = "missing_items"
    group_message = "group_message"
    # A disbursement batch's bank transfer reached him: the SMS receipt of what was paid.
    aid_paid = "aid_paid"
    voucher = "voucher"


# Messages that always go, whatever the applicant chose: everything but a message staff send to a group.
OPTIONAL_EVENTS = frozenset({NotificationEvent.group_message})


class MessageGroup(StrEnum):
    service_type = "service_type"
    category = "category"
    branch = "branch"
    restudy_due = "restudy_due"


class CodePurpose(StrEnum):
    sign_in = "sign_in"
    apply = "apply"


class TemplateKind(StrEnum):
    letter = "letter"
    message = "message"


class ResearchKind(StrEnum):
    home_visit = "home_visit"
    interview = "interview"
    phone = "phone"


class Relation(StrEnum):
    head = "head"
    spouse = "spouse"
    son = "son"
    daughter = "daughter"
    father = "father"
    mother = "mother"
    brother = "brother"
    sister = "sister"
    other = "other"


class MaritalStatus(StrEnum):
    single = "single"
    married = "married"
    divorced = "divorced"
    widowed = "widowed"


class Education(StrEnum):
    none = "none"
    primary = "primary"
    intermediate = "intermediate"
    secondary = "secondary"
    diploma = "diploma"
    bachelor = "bachelor"
    postgraduate = "postgraduate"


class Health(StrEnum):
    healthy = "healthy"
    chronic = "chronic"
    disabled = "disabled"


class WorkStatus(StrEnum):
    employed = "employed"
    unemployed = "unemployed"
    student = "student"
    retired = "retired"
    unable = "unable"
    child = "child"


class IncomeKind(StrEnum):
    salary = "salary"
    social_security = "social_security"
    pension = "pension"
    citizen_account = "citizen_account"
    other_aid = "other_aid"
    other = "other"


class ObligationKind(StrEnum):
    rent = "rent"
    debt = "debt"
    other = "other"


class Housing(StrEnum):
    owned = "owned"
    rented = "rented"
    relatives = "relatives"
    other = "other"


class HousingCondition(StrEnum):
    good = "good"
    fair = "fair"
    poor = "poor"


class FileStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    closed = "closed"
    blocked = "blocked"


class FileStatusReason(StrEnum):
    false_data = "false_data"
    other_association = "other_association"
    missed_update = "missed_update"
    applicant_request = "applicant_request"
    other = "other"


class ScoreFactor(StrEnum):
    income_per_person = "income_per_person"
    household_size = "household_size"
    disabled_members = "disabled_members"
    housing = "housing"
    housing_condition = "housing_condition"


class VisitStatus(StrEnum):
    scheduled = "scheduled"
    done = "done"
    cancelled = "cancelled"


class AidKind(StrEnum):
    cash = "cash"
    in_kind = "in_kind"
    service = "service"


class FundingKind(StrEnum):
    donor = "donor"
    programme = "programme"
    platform_cause = "platform_cause"
    zakat = "zakat"
    sadaqa = "sadaqa"
    other = "other"


class InstalmentStatus(StrEnum):
    due = "due"
    delivered = "delivered"
    stopped = "stopped"


class ReceiverRelation(StrEnum):
    """Who signed for aid handed over in person: the applicant or someone of his household."""

    self = "self"
    household_member = "household_member"


class BatchStatus(StrEnum):
    prepared = "prepared"
    approved = "approved"
    paid = "paid"
    discarded = "discarded"


class VoucherStatus(StrEnum):
    issued = "issued"
    redeemed = "redeemed"
    cancelled = "cancelled"
    # Past its last day unredeemed: the nightly job gave its value back to the funding source.
    expired = "expired"


class NotificationStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


class TransferOutcome(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"


class JobState(StrEnum):
    running = "running"
    succeeded = "succeeded"
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
        Role.treasurer: _l("Treasurer"),
        Role.representative: _l("Branch representative"),
        Role.outlet: _l("Partner outlet"),
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
        ContactKind.correction: _l("Data correction request"),
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
        NotificationEvent.restudy: _l("Yearly update of the file"),
        NotificationEvent.sign_in_code: _l("E-services sign-in code"),
        NotificationEvent.apply_code: _l("Confirmation code of an application"),
        NotificationEvent.missing_items: _l("Missing documents asked for"),
        NotificationEvent.group_message: _l("Message to a group"),
        NotificationEvent.aid_paid: _l("Aid paid by bank transfer"),
        NotificationEvent.voucher: _l("Aid voucher"),
    },
    MessageGroup: {
        MessageGroup.service_type: _l("Active beneficiaries of a service type"),
        MessageGroup.category: _l("A needs category"),
        MessageGroup.branch: _l("A branch's files"),
        MessageGroup.restudy_due: _l("Files due for re-study"),
    },
    CodePurpose: {
        CodePurpose.sign_in: _l("Signing in to the e-services"),
        CodePurpose.apply: _l("Confirming the mobile of a new application"),
    },
    NotificationStatus: {
        NotificationStatus.pending: _l("Pending"),
        NotificationStatus.sending: _l("Sending"),
        NotificationStatus.sent: _l("Sent"),
        NotificationStatus.failed: _l("Failed"),
    },
    TransferOutcome: {
        TransferOutcome.pending: _l("Awaiting the receiving branch"),
        TransferOutcome.accepted: _l("Accepted, the file moved"),
        TransferOutcome.declined: _l("Declined, the file stayed"),
    },
    JobState: {
        JobState.running: _l("Running"),
        JobState.succeeded: _l("Succeeded"),
        JobState.failed: _l("Run failed"),
    },
    TemplateKind: {
        TemplateKind.letter: _l("Decision letter"),
        TemplateKind.message: _l("Message to the applicant"),
    },
    Relation: {
        Relation.head: _l("Head of household"),
        Relation.spouse: _l("Spouse"),
        Relation.son: _l("Son"),
        Relation.daughter: _l("Daughter"),
        Relation.father: _l("Father"),
        Relation.mother: _l("Mother"),
        Relation.brother: _l("Brother"),
        Relation.sister: _l("Sister"),
        Relation.other: _l("Other relative"),
    },
    MaritalStatus: {
        MaritalStatus.single: _l("Single"),
        MaritalStatus.married: _l("Married"),
        MaritalStatus.divorced: _l("Divorced"),
        MaritalStatus.widowed: _l("Widowed"),
    },
    Education: {
        Education.none: _l("No schooling"),
        Education.primary: _l("Primary"),
        Education.intermediate: _l("Intermediate"),
        Education.secondary: _l("Secondary"),
        Education.diploma: _l("Diploma"),
        Education.bachelor: _l("Bachelor's degree"),
        Education.postgraduate: _l("Postgraduate"),
    },
    Health: {
        Health.healthy: _l("Healthy"),
        Health.chronic: _l("Chronic illness"),
        Health.disabled: _l("Disability"),
    },
    WorkStatus: {
        WorkStatus.employed: _l("Employed"),
        WorkStatus.unemployed: _l("Unemployed"),
        WorkStatus.student: _l("Student"),
        WorkStatus.retired: _l("Retired"),
        WorkStatus.unable: _l("Unable to work"),
        WorkStatus.child: _l("Child"),
    },
    IncomeKind: {
        IncomeKind.salary: _l("Salary"),
        IncomeKind.social_security: _l("Social security"),
        IncomeKind.pension: _l("Pension"),
        IncomeKind.citizen_account: _l("Citizen's account"),
        IncomeKind.other_aid: _l("Aid from another association"),
        IncomeKind.other: _l("Other income"),
    },
    ObligationKind: {
        ObligationKind.rent: _l("Rent"),
        ObligationKind.debt: _l("Debt instalment"),
        ObligationKind.other: _l("Other obligation"),
    },
    Housing: {
        Housing.owned: _l("Owned"),
        Housing.rented: _l("Rented"),
        Housing.relatives: _l("With relatives"),
        Housing.other: _l("Other housing"),
    },
    HousingCondition: {
        HousingCondition.good: _l("Good"),
        HousingCondition.fair: _l("Fair"),
        HousingCondition.poor: _l("Poor"),
    },
    FileStatus: {
        FileStatus.active: _l("Active"),
        FileStatus.suspended: _l("Suspended"),
        FileStatus.closed: _l("Closed"),
        FileStatus.blocked: _l("Blocked"),
    },
    FileStatusReason: {
        FileStatusReason.false_data: _l("False data"),
        FileStatusReason.other_association: _l("Aid taken from another association"),
        FileStatusReason.missed_update: _l("Yearly update missed"),
        FileStatusReason.applicant_request: _l("At the applicant's request"),
        FileStatusReason.other: _l("Other reason"),
    },
    ScoreFactor: {
        ScoreFactor.income_per_person: _l("Income per person"),
        ScoreFactor.household_size: _l("Household size"),
        ScoreFactor.disabled_members: _l("Members with a disability"),
        ScoreFactor.housing: _l("Housing"),
        ScoreFactor.housing_condition: _l("Housing condition"),
    },
    AidKind: {
        AidKind.cash: _l("Cash aid"),
        AidKind.in_kind: _l("In-kind aid"),
        AidKind.service: _l("A service"),
    },
    FundingKind: {
        FundingKind.donor: _l("Donor"),
        FundingKind.programme: _l("Programme"),
        FundingKind.platform_cause: _l("Cause on a national donation platform"),
        FundingKind.zakat: _l("Zakat"),
        FundingKind.sadaqa: _l("General sadaqa"),
        FundingKind.other: _l("Other source"),
    },
    InstalmentStatus: {
        InstalmentStatus.due: _l("Due"),
        InstalmentStatus.delivered: _l("Delivered"),
        InstalmentStatus.stopped: _l("Stopped"),
    },
    ReceiverRelation: {
        ReceiverRelation.self: _l("The applicant himself"),
        ReceiverRelation.household_member: _l("A member of his household"),
    },
    VoucherStatus: {
        VoucherStatus.issued: _l("Issued, not yet redeemed"),
        VoucherStatus.redeemed: _l("Redeemed"),
        VoucherStatus.cancelled: _l("Cancelled"),
        VoucherStatus.expired: _l("Expired"),
    },
    BatchStatus: {
        BatchStatus.prepared: _l("Awaiting approval"),
        BatchStatus.approved: _l("Approved"),
        BatchStatus.paid: _l("Paid"),
        BatchStatus.discarded: _l("Discarded"),
    },
    VisitStatus: {
        VisitStatus.scheduled: _l("Scheduled"),
        VisitStatus.done: _l("Done"),
        VisitStatus.cancelled: _l("Cancelled"),
    },
    ResearchKind: {
        ResearchKind.home_visit: _l("Home visit"),
        ResearchKind.interview: _l("Interview"),
        ResearchKind.phone: _l("Phone call"),
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


HOUSEHOLD_FIELDS: dict[str, type[StrEnum]] = {
    "housing": Housing, "housing_condition": HousingCondition, "relation": Relation, "health": Health,
    "work_status": WorkStatus, "income": IncomeKind, "obligation": ObligationKind, "file_status": FileStatus,
}


def label_of(field: str, value: str | None) -> str:
    """The label of a household code by the field it sits in, for templates."""
    return label(HOUSEHOLD_FIELDS[field], value) if value else ""
