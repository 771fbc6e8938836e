"""What each policy configures: vocabulary, channels in the policy's order, tools.

The texts are the association's own data (Arabic, as in the policies under
shared/policy); admins may edit every one of them after seeding.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from models.enums import AidKind, DocumentKind, RequiredItemKind, Vocabulary

CHANNELS_COMMON = (
    ("interview", "المقابلة"),
    ("phone", "الاتصالات الهاتفية"),
    ("social_media", "وسائل التواصل الاجتماعي"),
    ("letters", "الخطابات"),
    ("help_requests", "خدمات طلب المساعدة"),
    ("volunteering", "خدمة التطوع"),
    ("website", "الموقع الالكتروني للجمعية"),
)

REFERRAL_REASONS = (
    "عدم وضوح الإجراءات",
    "استفسار عن شروط الاستحقاق",
    "حالة تحتاج دراسة اجتماعية",
    "نقص في المستندات",
)

ATTESTATION = (
    "أقر أنا الموقع أدناه بأن جميع البيانات والمعلومات والمستندات التي قدمتها إلى {org} "
    "صحيحة وكاملة، وأنني مسؤول مسؤولية مباشرة عن صحتها، وأتحمل كافة التبعات النظامية "
    "في حال ثبوت خلاف ذلك، وأوافق على قيام الجمعية بالتحقق من هذه البيانات لدى الجهات ذات العلاقة."
)


@dataclass(frozen=True)
class ServiceTypeSpec:
    name: str
    description: str
    items: tuple[tuple[str, str], ...]
    aid_kind: str = AidKind.service


@dataclass(frozen=True)
class Preset:
    key: str
    organization_name: str
    vocabulary: str
    policy_title: str
    board_meeting_number: int | None
    policy_approved_on: date | None
    channels: tuple[tuple[str, str], ...]
    documents: tuple[tuple[str, str], ...]
    service_types: tuple[ServiceTypeSpec, ...]
    referral_reasons: tuple[str, ...] = REFERRAL_REASONS
    city: str = "مكة المكرمة"
    attestation_template: str = ATTESTATION
    scoring_enabled: bool = False
    income_cap_per_person: Decimal | None = None
    restudy_months: int = 12

    @property
    def attestation_text(self) -> str:
        return self.attestation_template.format(org=self.organization_name)


_ID = ("صورة الهوية الوطنية أو الإقامة", RequiredItemKind.document)
_MOBILE = ("رقم جوال ساري باسم المتقدم", RequiredItemKind.data)
_ADDRESS = ("العنوان الوطني", RequiredItemKind.data)

HEALTH_COOP = Preset(
    key="health-coop",
    organization_name="الجمعية التعاونية للخدمات الصحية",
    vocabulary=Vocabulary.member,
    policy_title="سياسة تنظيم العلاقة مع أعضاء الجمعية العمومية وتقديم الخدمات",
    board_meeting_number=8,
    policy_approved_on=date(2021, 3, 1),
    channels=CHANNELS_COMMON + (("branch_reps", "مناديب المكاتب الفرعية"),),
    documents=(
        (DocumentKind.bylaws, "اللائحة الأساسية للجمعية"),
        (DocumentKind.support_policy, "دليل سياسة الدعم للاعضاء"),
        (DocumentKind.request_form, "طلب خدمة عضو"),
    ),
    service_types=(
        ServiceTypeSpec(
            "دعم علاجي",
            "مساعدة العضو في تكاليف العلاج والأدوية",
            (
                _ID,
                _MOBILE,
                ("تقرير طبي حديث", RequiredItemKind.document),
                ("فاتورة أو عرض سعر العلاج", RequiredItemKind.document),
            ),
        ),
        ServiceTypeSpec(
            "أجهزة طبية مساعدة",
            "توفير جهاز طبي مساعد للعضو",
            (_ID, _MOBILE, ("تقرير طبي يوصي بالجهاز", RequiredItemKind.document)),
        ),
        ServiceTypeSpec(
            "تحديث بيانات العضوية",
            "تحديث بيانات عضو الجمعية العمومية",
            (_ID, _MOBILE, _ADDRESS),
        ),
    ),
    city="الرياض",
)

RAKEEN = Preset(
    key="rakeen",
    scoring_enabled=True,
    income_cap_per_person=Decimal(750),
    organization_name="جمعية ركين لإعانة الحاج والمعتمر",
    vocabulary=Vocabulary.beneficiary,
    policy_title="سياسة تنظيم العلاقة مع المستفيدين",
    board_meeting_number=None,
    policy_approved_on=None,
    channels=CHANNELS_COMMON,
    documents=(
        (DocumentKind.bylaws, "اللائحة الأساسية للجمعية"),
        (DocumentKind.research_guide, "دليل خدمات البحث الاجتماعي"),
        (DocumentKind.support_policy, "دليل سياسة الدعم للمستفيدين"),
        (DocumentKind.request_form, "طلب دعم مستفيد"),
    ),
    service_types=(
        ServiceTypeSpec(
            "إعانة حاج",
            "إعانة مالية أو عينية لأداء فريضة الحج",
            (_ID, _MOBILE, ("تعريف بالدخل الشهري", RequiredItemKind.document), ("تصريح الحج", RequiredItemKind.document)),
        ),
        ServiceTypeSpec(
            "إعانة معتمر",
            "إعانة لأداء العمرة",
            (_ID, _MOBILE, ("تعريف بالدخل الشهري", RequiredItemKind.document)),
        ),
        ServiceTypeSpec(
            "سكن وإعاشة",
            "توفير السكن والإعاشة خلال موسم الحج والعمرة",
            (_ID, _MOBILE, _ADDRESS, ("عدد المرافقين وأسماؤهم", RequiredItemKind.data)),
        ),
        ServiceTypeSpec(
            "نقل وتنقل",
            "توفير النقل بين المشاعر والمسجد الحرام",
            (_ID, _MOBILE),
        ),
        ServiceTypeSpec(
            "إعانة شهرية للأسر",
            "إعانة نقدية شهرية تحوَّل إلى حساب المستفيد البنكي",
            (_ID, _MOBILE, ("تعريف بالدخل الشهري", RequiredItemKind.document), ("شهادة الآيبان", RequiredItemKind.document)),
            AidKind.cash,
        ),
        ServiceTypeSpec(
            "سلة غذائية",
            "سلة غذائية تُصرف عينًا للأسرة",
            (_ID, _MOBILE),
            AidKind.in_kind,
        ),
    ),
)

PRESETS: dict[str, Preset] = {preset.key: preset for preset in (HEALTH_COOP, RAKEEN)}
