"""The Arabic wording each letter and message starts with, before an admin edits it.

Written once per key in the association's own vocabulary: a health cooperative
addresses «العضو», a charity «المستفيد». Seeded into the database by the preset,
and used as the fallback while a row is missing.
"""
from __future__ import annotations

from models.enums import DecisionOutcome, NotificationEvent, TemplateKind, Vocabulary

PERSON = {Vocabulary.member: "العضو", Vocabulary.beneficiary: "المستفيد"}

_GREETING = "السلام عليكم ورحمة الله وبركاته، وبعد:\n"
_CLOSING = "\nوتقبلوا خالص التحية والتقدير."

_TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    (TemplateKind.letter, DecisionOutcome.accepted): (
        "قبول طلبكم رقم {number}",
        _GREETING
        + "فيسرّ {organization} إفادتكم بأن لجنة البحث درست طلبكم رقم {number} لخدمة «{service}» وقررت قبوله.\n"
        "وسيتواصل معكم موظف العلاقات لاستكمال تسجيل القرار في ملف %(person)s وتحديد موعد تقديم الخدمة، "
        "ونأمل إحضار أصل الهوية الوطنية عند المراجعة."
        + _CLOSING,
    ),
    (TemplateKind.letter, DecisionOutcome.rejected): (
        "الاعتذار عن طلبكم رقم {number}",
        _GREETING
        + "فنشكر لكم تواصلكم مع {organization}، ونفيدكم بأن لجنة البحث درست طلبكم رقم {number} لخدمة «{service}» "
        "واعتذرت عن قبوله للسبب المبيّن في هذا الخطاب.\n"
        "ويمكنكم التقدم بطلب جديد متى تغيّرت ظروفكم أو توافرت شروط الخدمة، كما يمكنكم الاستفسار عن القرار "
        "بالتواصل مع الجمعية مع ذكر رقم الخطاب."
        + _CLOSING,
    ),
    (TemplateKind.letter, DecisionOutcome.returned): (
        "إعادة طلبكم رقم {number} لاستكمال المعلومات",
        _GREETING
        + "فنفيدكم بأن لجنة البحث في {organization} اطّلعت على طلبكم رقم {number} لخدمة «{service}» "
        "ورأت إعادته إليكم لاستكمال ما هو مبيّن في هذا الخطاب.\n"
        "نأمل مراجعة الجمعية لتقديم المطلوب، وسيُعرض طلبكم على اللجنة مجددًا بعد استكماله دون الحاجة إلى طلب جديد، "
        "ويبقى ملف %(person)s محفوظًا لدينا."
        + _CLOSING,
    ),
    (TemplateKind.message, NotificationEvent.received): (
        "استلام طلبكم رقم {number}",
        "%(person)s الكريم {name}، استلمت {organization} طلبكم رقم {number} لخدمة «{service}»، "
        "وسنبلغكم بكل خطوة فيه. شكرًا لكم.",
    ),
    (TemplateKind.message, NotificationEvent.submitted): (
        "رفع طلبكم رقم {number} إلى لجنة البحث",
        "%(person)s الكريم {name}، رُفع طلبكم رقم {number} إلى لجنة البحث، "
        "وتستطيعون معرفة الرد ابتداءً من {earliest_answer}. {organization}",
    ),
    (TemplateKind.message, NotificationEvent.decided): (
        "قرار لجنة البحث في طلبكم رقم {number}",
        "%(person)s الكريم {name}، صدر قرار لجنة البحث في طلبكم رقم {number}: {decision}. "
        "وتجدون التفاصيل في خطاب القرار رقم {letter_reference}. {organization}",
    ),
    (TemplateKind.message, NotificationEvent.service_ready): (
        "خدمة طلبكم رقم {number} جاهزة",
        "%(person)s الكريم {name}، نفيدكم بجاهزية خدمة «{service}» لطلبكم رقم {number}، "
        "وللاستفسار تواصلوا مع {organization}. شكرًا لكم.",
    ),
    (TemplateKind.message, NotificationEvent.survey): (
        "رأيكم في خدمة {organization}",
        "%(person)s الكريم {name}، يسعدنا معرفة رأيكم في خدمة «{service}». "
        "شاركونا تقييمكم عبر الرابط: {survey_link}",
    ),
    (TemplateKind.message, NotificationEvent.restudy): (
        "التحديث السنوي لملفكم",
        "%(person)s الكريم {name}، يحين موعد التحديث السنوي لملفكم لدى {organization} في {due_date}. "
        "نأمل التواصل معنا لتحديث بيانات الأسرة، فالملف غير المحدَّث يُغلق مؤقتًا.",
    ),
}

KEYS: tuple[tuple[str, str], ...] = tuple(_TEXTS)


def default_text(kind: str, key: str, vocabulary: str) -> tuple[str, str]:
    """(subject, body) for one letter or message, in the given vocabulary."""
    subject, body = _TEXTS[(kind, key)]
    person = PERSON.get(vocabulary, PERSON[Vocabulary.beneficiary])
    return subject, body % {"person": person}
