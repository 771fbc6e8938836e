"""Every table of Sila, importable from one place for Alembic and the app."""
from models.aid_delivery import AidDelivery
from models.aid_grant import AidGrant, Instalment
from models.applicant import Applicant
from models.attachment_blob import AttachmentBlob
from models.audit import AuditEntry
from models.base import db
from models.branch import Branch, UserBranch
from models.catalogue import CatalogueItem, GrantItem
from models.channel import Channel
from models.committee import AgendaItem, Committee, CommitteeMember, Decision, Meeting, MeetingAttendee, Vote
from models.contact import Contact
from models.disbursement_batch import BatchLine, DisbursementBatch
from models.document import ReferenceDocument
from models.file_transfer import FileTransfer
from models.funding_source import FundingSource
from models.group_message import GroupMessage
from models.held_application import HeldApplication
from models.household import HouseholdMember, IncomeSource, Obligation
from models.job_run import JobRun
from models.missing_items import AskedItem, MissingItemsAsk
from models.notification import Notification
from models.organization import Organization
from models.portal_code import PortalCode
from models.referral import Referral, ReferralReason
from models.request import Attachment, Attestation, ItemCheck, ServiceRequest
from models.request_tally import RequestTally
from models.restudy import Restudy
from models.scoring import NeedCategory, ScoreRule
from models.service_type import RequiredItem, ServiceType
from models.stored_document import StoredDocument
from models.survey import SurveyInvitation, SurveyResponse
from models.text_template import TextTemplate
from models.user import User
from models.visit import HomeVisit, ResearchTeam, ResearchTeamMember
from models.voucher import Voucher

__all__ = [
    "AgendaItem", "AidDelivery", "AidGrant", "Applicant", "AskedItem", "Attachment", "AttachmentBlob",
    "Attestation", "AuditEntry", "BatchLine", "Branch", "CatalogueItem", "Channel", "Committee", "CommitteeMember",
    "Contact", "Decision", "DisbursementBatch", "FileTransfer", "FundingSource", "GrantItem", "GroupMessage",
    "HeldApplication", "HomeVisit", "HouseholdMember", "IncomeSource", "Instalment", "ItemCheck", "JobRun",
    "Meeting", "MeetingAttendee", "MissingItemsAsk", "NeedCategory", "Notification", "Obligation", "Organization",
    "PortalCode", "ReferenceDocument", "Referral", "ReferralReason", "RequestTally", "RequiredItem", "ResearchTeam",
    "ResearchTeamMember", "Restudy", "ScoreRule", "ServiceRequest", "ServiceType", "StoredDocument", "SurveyInvitation",
    "SurveyResponse", "TextTemplate", "User", "UserBranch", "Vote", "Voucher", "db",
]
