"""Every table of Sila, importable from one place for Alembic and the app."""
from models.applicant import Applicant
from models.audit import AuditEntry
from models.base import db
from models.channel import Channel
from models.committee import AgendaItem, Committee, CommitteeMember, Decision, Meeting, MeetingAttendee, Vote
from models.contact import Contact
from models.document import ReferenceDocument
from models.notification import Notification
from models.organization import Organization
from models.referral import Referral, ReferralReason
from models.request import Attachment, Attestation, ItemCheck, ServiceRequest
from models.service_type import RequiredItem, ServiceType
from models.survey import SurveyInvitation, SurveyResponse
from models.user import User

__all__ = [
    "AgendaItem", "Applicant", "Attachment", "Attestation", "AuditEntry", "Channel",
    "Committee", "CommitteeMember", "Contact", "Decision", "ItemCheck", "Meeting",
    "MeetingAttendee", "Notification", "Organization", "ReferenceDocument", "Referral",
    "ReferralReason", "RequiredItem", "ServiceRequest", "ServiceType", "SurveyInvitation",
    "SurveyResponse", "User", "Vote", "db",
]
