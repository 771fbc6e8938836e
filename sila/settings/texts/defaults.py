"""The Arabic wording each letter and message starts with, before an admin edits it.

Written once per key in the association's own vocabulary: a health cooperative
addresses «العضو», a charity «المستفيد». Seeded into the database by the preset,
and used as the fallback while a row is missing. Placeholders are written by
their Arabic names, the ones the admin is offered (sila/settings/texts/placeholders.py).
"""
from __future__ import annotations

from models.enums import DecisionOutcome, NotificationEvent, TemplateKind, Vocabulary

PERSON = {Vocabulary.member: "العضو", Vocabulary.beneficiary: "المستفيد"}

_GREETING = "السلام عليكم ورحمة الله وبركاته، وبعد:\n"
_CLOSING = "\nوتقبلوا خالص التحية والتقدير."

_TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    (TemplateKind.letter, DecisionOutcome.accepted): (
        "قبول طلبكم رقم {رقم_الطلب}",
        _GREETING
        + "فيسرّ {اسم_الجمعية} إفادتكم بأن لجنة البحث درست طلبكم رقم {رقم_الطلب} لخدمة «{الخدمة}» وقررت قبوله.\n"
        "وسيتواصل معكم موظف العلاقات لاستكمال تسجيل القرار في ملف %(person)s وتحديد موعد تقديم الخدمة، "
        "ونأمل إحضار أصل الهوية الوطنية عند المراجعة."
        + _CLOSING,
    ),
    (TemplateKind.letter, DecisionOutcome.rejected): (
        "الاعتذار عن طلبكم رقم {رقم_الطلب}",
        _GREETING
        + "فنشكر لكم تواصلكم مع {اسم_الجمعية}، ونفيدكم بأن لجنة البحث درست طلبكم رقم {رقم_الطلب} لخدمة «{الخدمة}» "
        "واعتذرت عن قبوله للسبب المبيّن في هذا الخطاب.\n"
        "ويمكنكم التقدم بطلب جديد متى تغيّرت ظروفكم أو توافرت شروط الخدمة، كما يمكنكم الاستفسار عن القرار "
        "بالتواصل مع الجمعية مع ذكر رقم الخطاب."
        + _CLOSING,
    ),
    (TemplateKind.letter, DecisionOutcome.returned): (
        "إعادة طلبكم رقم {رقم_الطلب} لاستكمال المعلومات",
        _GREETING
        + "فنفيدكم بأن لجنة البحث في {اسم_الجمعية} اطّلعت على طلبكم رقم {رقم_الطلب} لخدمة «{الخدمة}» "
        "ورأت إعادته إليكم لاستكمال ما هو مبيّن في هذا الخطاب.\n"
        "نأمل مراجعة الجمعية لتقديم المطلوب، وسيُعرض طلبكم على اللجنة مجددًا بعد استكماله دون الحاجة إلى طلب جديد، "
        "ويبقى ملف %(person)s محفوظًا لدينا."
        + _CLOSING,
    ),
    (TemplateKind.message, NotificationEvent.received): (
        "استلام طلبكم رقم {رقم_الطلب}",
        "%(person)s الكريم {الاسم}، استلمت {اسم_الجمعية} طلبكم رقم {رقم_الطلب} لخدمة «{الخدمة}»، "
        "وسنبلغكم بكل خطوة فيه. شكرًا لكم.",
    ),
    (TemplateKind.message, NotificationEvent.submitted): (
        "رفع طلبكم رقم {رقم_الطلب} إلى لجنة البحث",
        "%(person)s الكريم {الاسم}، رُفع طلبكم رقم {رقم_الطلب} إلى لجنة البحث، "
        "وتستطيعون معرفة الرد ابتداءً من {موعد_الرد}. {اسم_الجمعية}",
    ),
    (TemplateKind.message, NotificationEvent.decided): (
        "قرار لجنة البحث في طلبكم رقم {رقم_الطلب}",
        "%(person)s الكريم {الاسم}، صدر قرار لجنة البحث في طلبكم رقم {رقم_الطلب}: {القرار}. "
        "وتجدون التفاصيل في خطاب القرار رقم {رقم_الخطاب}. {اسم_الجمعية}",
    ),
    (TemplateKind.message, NotificationEvent.service_ready): (
        "خدمة طلبكم رقم {رقم_الطلب} جاهزة",
        "%(person)s الكريم {الاسم}، نفيدكم بجاهزية خدمة «{الخدمة}» لطلبكم رقم {رقم_الطلب}، "
        "وللاستفسار تواصلوا مع {اسم_الجمعية}. شكرًا لكم.",
    ),
    (TemplateKind.message, NotificationEvent.survey): (
        "رأيكم في خدمة {اسم_الجمعية}",
        "%(person)s الكريم {الاسم}، يسعدنا معرفة رأيكم في خدمة «{الخدمة}». "
        "شاركونا تقييمكم عبر الرابط: {رابط_الاستبيان}",
    ),
    (TemplateKind.message, NotificationEvent.restudy): (
        "التحديث السنوي لملفكم",
        "%(person)s الكريم {الاسم}، يحين موعد التحديث السنوي لملفكم لدى {اسم_الجمعية} في {موعد_التحديث}. "
        "نأمل التواصل معنا لتحديث بيانات الأسرة، فالملف غير المحدَّث يُغلق مؤقتًا.",
    ),
    (TemplateKind.message, NotificationEvent.aid_paid): (
        "تحويل مساعدة طلبكم رقم {رقم_الطلب}",
        "%(person)s الكريم {الاسم}، حوّلت {اسم_الجمعية} إلى حسابكم المصرفي {المبلغ} عن طلبكم رقم {رقم_الطلب}: "
        "{البيان}. تاريخ التحويل {التاريخ_الهجري}. شكرًا لكم.",
    ),
    (TemplateKind.message, NotificationEvent.sign_in_code): (
        "رمز الدخول إلى الخدمات الإلكترونية",
        "رمز دخول %(person)s إلى خدمات {اسم_الجمعية} الإلكترونية: {الرمز}. "
        "صالح خمس دقائق ولمرة واحدة، ولا تشاركه مع أحد.",
    ),
    (TemplateKind.message, NotificationEvent.apply_code): (
        "رمز تأكيد طلبكم",
        "رمز تأكيد طلب %(person)s لدى {اسم_الجمعية}: {الرمز}. "
        "لا يُستلم الطلب حتى يُدخل الرمز، وهو صالح خمس دقائق ولمرة واحدة، ولا تشاركه مع أحد.",
    ),
    (TemplateKind.message, NotificationEvent.missing_items): (
        "مستندات ناقصة في طلبكم رقم {رقم_الطلب}",
        "%(person)s الكريم {الاسم}، يحتاج طلبكم رقم {رقم_الطلب} لدى {اسم_الجمعية} إلى: {المستندات}. {الملاحظة} "
        "ارفعوها بعد الدخول إلى ملفكم: {الرابط}",
    ),
    (TemplateKind.message, NotificationEvent.voucher): (
        "قسيمة مساعدة عينية لطلبكم رقم {رقم_الطلب}",
        "%(person)s الكريم {الاسم}، صدرت لكم قسيمة «{الخدمة}» بقيمة {قيمة_القسيمة}، رمزها: {رمز_القسيمة}، "
        "صالحة حتى {صلاحية_القسيمة}. اعرضوا الرمز على المتجر الشريك لاستلامها مرة واحدة. {اسم_الجمعية}",
    ),
}

KEYS: tuple[tuple[str, str], ...] = tuple(_TEXTS)


def default_text(kind: str, key: str, vocabulary: str) -> tuple[str, str]:
    """(subject, body) for one letter or message, in the given vocabulary."""
    subject, body = _TEXTS[(kind, key)]
    person = PERSON.get(vocabulary, PERSON[Vocabulary.beneficiary])
    return subject, body % {"person": person}
