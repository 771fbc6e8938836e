"""One applicant's whole file, with a distinctive value in every personal column it can fill.

The data-access and retention tests read the same file: the dossier must show
each of these values, and after retention none of them may remain anywhere.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from werkzeug.datastructures import FileStorage

from models import (
    AgendaItem,
    AidDelivery,
    Applicant,
    Attestation,
    Committee,
    Contact,
    Decision,
    HomeVisit,
    HouseholdMember,
    IncomeSource,
    ItemCheck,
    Meeting,
    Notification,
    Obligation,
    Referral,
    ReferralReason,
    RequiredItem,
    ServiceRequest,
    SurveyResponse,
    User,
    Vote,
    Voucher,
)
from models.base import db
from sila.applicants.restudy import record_restudy
from sila.attachments.service import store_visit_photo
from tests.attachments.test_attachments import tiny_jpeg
from tests.factories import make_applicant, make_request, valid_national_id

LONG_AGO = datetime.now(UTC) - timedelta(days=365 * 6)


@dataclass
class FullFile:
    applicant: Applicant
    request: ServiceRequest
    spouse: HouseholdMember
    visit: HomeVisit
    personal: list[str] = field(default_factory=list)


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def make_full_file(*, old: bool = False) -> FullFile:
    """An applicant with household, money, visit and photo, re-study, a decided request and all around it."""
    when = {"created_at": LONG_AGO} if old else {}
    spouse_id = valid_national_id()
    applicant = make_applicant(
        first_name="زكريا", father_name="إبراهيم", grandfather_name="يعقوب", family_name="الشمراني",
        mobile="0557654321", email="zakariya.s@example.com", address="حي النخيل شارع الأمير سلطان",
        membership_number="R-77810", notes="عليه دين متراكم لدى المؤجر", birth_date=date(1980, 5, 17),
        housing="rented", housing_rent=Decimal(18000), **when,
    )
    db.session.refresh(applicant)  # loaded as a form loads it, so the audit sees the old value
    applicant.mobile = "0551112299"  # an edit: the audit now holds the old mobile too
    applicant.file_status_note = "أوقف مؤقتاً لسفر زكريا"
    spouse = HouseholdMember(
        applicant_id=applicant.id, relation="spouse", full_name="هند سعيد الشمراني", national_id=spouse_id,
        gender="female", birth_date=date(1984, 2, 9), health="chronic", work_status="unemployed",
        monthly_income=Decimal(0),
    )
    son = HouseholdMember(applicant_id=applicant.id, relation="son", full_name="ماجد زكريا الشمراني", gender="male",
                          birth_date=date(2012, 9, 1), monthly_income=Decimal(0))
    db.session.add_all([
        spouse, son,
        IncomeSource(applicant_id=applicant.id, kind="salary", amount=Decimal(3200), note="راتب من مستودعات الحربي"),
        Obligation(applicant_id=applicant.id, kind="rent", amount=Decimal(1500), note="إيجار لدى العقاري أبو فهد"),
    ])
    visit = HomeVisit(
        applicant_id=applicant.id, status="done", scheduled_on=date(2020, 1, 5), visited_on=date(2020, 1, 8),
        attendees="الباحثة وهند سعيد", housing_findings="شقة رطبة في الدور الثالث", income_findings="الراتب يتأخر",
        health_findings="الزوجة تعاني من السكري", needs_findings="مكيف وثلاجة", recommendation="دعم عاجل لأسرة زكريا",
    )
    db.session.add(visit)
    db.session.commit()
    store_visit_photo(visit.id, applicant.id, FileStorage(io.BytesIO(tiny_jpeg()), filename="مطبخ-الشمراني.jpg"),
                      _user("researcher"))
    record_restudy(applicant.id, _user("staff"), date(2020, 2, 1), note="تغير عمل هند")
    request = make_request(
        "closed", applicant=applicant, details="إيجار متأخر ثلاثة أشهر", verification_notes="صك الإيجار باسم زكريا",
        delivery_notes="سلم الشيك لزكريا يدا بيد", closed_at=LONG_AGO if old else None, **when,
    )
    item = db.session.scalar(db.select(RequiredItem).where(RequiredItem.service_type_id == request.service_type_id))
    if item is not None:
        db.session.add(ItemCheck(request_id=request.id, required_item_id=item.id, supplied=True,
                                 notes="الهوية منتهية منذ شهر"))
    db.session.add(Attestation(request_id=request.id, text="أقر بصحة البيانات", signed_name="زكريا إبراهيم الشمراني",
                               method="paper_scan"))
    committee = db.session.scalar(db.select(Committee).limit(1)) or Committee(name="لجنة البحث")
    meeting = Meeting(committee=committee, number=1, held_on=date(2020, 3, 1), version=1)
    db.session.add(meeting)
    db.session.flush()
    agenda = AgendaItem(meeting_id=meeting.id, request_id=request.id, note="حالة زكريا مستعجلة")
    db.session.add(agenda)
    db.session.flush()
    db.session.add(Vote(agenda_item_id=agenda.id, member_id=_user("committee").id, choice="approve",
                        comment="أعرف أسرة الشمراني جيداً"))
    decision = Decision(request_id=request.id, outcome="accepted", reason="دخل أسرة زكريا دون حد الكفاية",
                        decided_at=LONG_AGO if old else datetime.now(UTC))
    db.session.add(decision)
    db.session.flush()
    reason = db.session.scalar(db.select(ReferralReason).limit(1)) or ReferralReason(name="غموض في الدخل")
    db.session.add_all([
        Contact(applicant_id=applicant.id, channel_id=request.channel_id, kind="complaint", status="closed",
                contact_name="أبو ماجد", summary="اشتكى زكريا من تأخر الرد", answer="أبلغناه بموعد اللجنة",
                outcome="رضي عن الرد"),
        Referral(applicant=applicant, request_id=request.id, reason=reason, questions="هل هند تعمل؟", status="closed",
                 answer="لا تعمل هند حالياً", report_findings="زارت الباحثة بيت الشمراني"),
        Notification(applicant_id=applicant.id, request_id=request.id, decision_id=decision.id, event="decided",
                     method="sms", recipient="+966551112299", body="عزيزي زكريا، قُبل طلبك", status="sent"),
        AidDelivery(request_id=request.id, amount=Decimal(350), description="سلة رمضان لأسرة زكريا",
                    received_by_name="مستلمة السلة هند", receiver_relation="household_member",
                    witness_name="شاهد العطار الجار", delivered_by_id=_user("staff").id),
        Voucher(request_id=request.id, code="FULLFILE2345", value=Decimal(200), items="فرشة وبطانية",
                expires_on=date(2020, 5, 1), status="cancelled", cancel_reason="انتقل إلى مدينة أخرى",
                issued_by_id=_user("staff").id),
        SurveyResponse(request_id=request.id, service_type_id=request.service_type_id, channel_id=request.channel_id,
                       month=date(2020, 4, 1), overall=4, speed=3, courtesy=5, clarity=4, channel_ease=5,
                       comment="شكراً لموظفة الاستقبال نورة الشمراني"),
    ])
    db.session.commit()
    personal = [
        applicant.national_id, spouse_id, "زكريا", "إبراهيم", "يعقوب", "الشمراني", "557654321",
        "551112299", "zakariya.s@example.com", "حي النخيل", "R-77810", "دين متراكم", "لسفر", "هند سعيد",
        "ماجد", "مستودعات الحربي", "أبو فهد", "شقة رطبة", "الراتب يتأخر", "السكري", "مكيف", "مطبخ", "عمل هند",
        "ثلاثة أشهر", "صك الإيجار", "يدا بيد", "منتهية منذ", "مستعجلة", "أعرف أسرة", "حد الكفاية", "أبو ماجد",
        "تأخر الرد", "موعد اللجنة", "رضي عن", "هل هند", "لا تعمل", "بيت الشمراني", "قُبل طلبك", "موظفة الاستقبال",
        "سلة رمضان", "مستلمة السلة", "شاهد العطار", "فرشة وبطانية", "إلى مدينة أخرى",
    ]
    return FullFile(applicant, request, spouse, visit, personal)
