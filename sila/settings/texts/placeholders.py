"""Which {placeholders} each letter and message may use, and how they are filled.

An admin types these texts, so a typo such as {nmae} or a lone brace must be
refused when the text is saved, in Arabic and beside the field, rather than
break a letter months later. Filling never fails: a value not supplied is left
empty, and only bare names are ever looked up.

Admins write placeholders by their Arabic names ({رقم_الطلب}); the code passes
values by the English names it has always used. Texts saved before the Arabic
names existed say {number}: those names are still accepted and filled, so no
stored letter breaks, but only the Arabic ones are offered.
"""
from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

from flask_babel import lazy_gettext as _l

from models.enums import DecisionOutcome, NotificationEvent, TemplateKind
from sila.core.errors import InvalidValue

DESCRIPTIONS: dict[str, object] = {
    "name": _l("The applicant's full name"),
    "number": _l("The request number"),
    "service": _l("The requested service"),
    "organization": _l("The association's name"),
    "date_hijri": _l("Today's date in the Hijri calendar"),
    "date_gregorian": _l("Today's date in the Gregorian calendar"),
    "decision": _l("The committee's decision"),
    "reason": _l("The reason the committee gave"),
    "letter_reference": _l("The decision letter's reference number"),
    "earliest_answer": _l("The earliest date of the answer, Hijri and Gregorian"),
    "survey_link": _l("The link to the satisfaction survey"),
    "due_date": _l("The date the yearly update of the file is due, Hijri and Gregorian"),
    "code": _l("The one-time code"),
    "items": _l("The documents asked for"),
    "note": _l("The staff member's note"),
    "link": _l("The link to the applicant's file on the portal"),
    "amount": _l("The amount paid, in riyals"),
    "paid_for": _l("What was paid: the instalments and their source"),
    "voucher_code": _l("The voucher's code, shown at the partner outlet"),
    "voucher_value": _l("The voucher's value in riyals"),
    "voucher_expiry": _l("The date the voucher is valid until, Hijri and Gregorian"),
}

ARABIC_NAMES: dict[str, str] = {
    "name": "الاسم",
    "number": "رقم_الطلب",
    "service": "الخدمة",
    "organization": "اسم_الجمعية",
    "date_hijri": "التاريخ_الهجري",
    "date_gregorian": "التاريخ_الميلادي",
    "decision": "القرار",
    "reason": "السبب",
    "letter_reference": "رقم_الخطاب",
    "earliest_answer": "موعد_الرد",
    "survey_link": "رابط_الاستبيان",
    "due_date": "موعد_التحديث",
    "code": "الرمز",
    "items": "المستندات",
    "note": "الملاحظة",
    "link": "الرابط",
    "amount": "المبلغ",
    "paid_for": "البيان",
    "voucher_code": "رمز_القسيمة",
    "voucher_value": "قيمة_القسيمة",
    "voucher_expiry": "صلاحية_القسيمة",
}

_COMMON = ("name", "organization", "date_hijri", "date_gregorian")
_REQUEST = (*_COMMON, "number", "service")
_LETTER = (*_REQUEST, "decision", "letter_reference")

ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {
    (TemplateKind.letter, DecisionOutcome.accepted): _LETTER,
    (TemplateKind.letter, DecisionOutcome.rejected): (*_LETTER, "reason"),
    (TemplateKind.letter, DecisionOutcome.returned): (*_LETTER, "reason"),
    (TemplateKind.message, NotificationEvent.received): _REQUEST,
    (TemplateKind.message, NotificationEvent.submitted): (*_REQUEST, "earliest_answer"),
    (TemplateKind.message, NotificationEvent.decided): (*_REQUEST, "decision", "reason", "letter_reference"),
    (TemplateKind.message, NotificationEvent.service_ready): _REQUEST,
    (TemplateKind.message, NotificationEvent.survey): (*_REQUEST, "survey_link"),
    (TemplateKind.message, NotificationEvent.restudy): (*_COMMON, "due_date"),
    (TemplateKind.message, NotificationEvent.aid_paid): (*_REQUEST, "amount", "paid_for"),
    # No name: the code may be sent before anyone knows whose file it opens, and the log backend prints it.
    (TemplateKind.message, NotificationEvent.sign_in_code): ("organization", "date_hijri", "date_gregorian", "code"),
    (TemplateKind.message, NotificationEvent.apply_code): ("organization", "date_hijri", "date_gregorian", "code"),
    (TemplateKind.message, NotificationEvent.missing_items): (*_REQUEST, "items", "note", "link"),
    (TemplateKind.message, NotificationEvent.voucher): (*_REQUEST, "voucher_code", "voucher_value", "voucher_expiry"),
}

UNBALANCED = _l("A brace { or } is not closed. Write placeholders as {name}.")
UNKNOWN = _l("The placeholder {%(name)s} is not available here. Available placeholders: %(allowed)s.")
PLAIN_ONLY = _l("Write the placeholder {%(name)s} without formatting, exactly as listed.")
EMPTY_NAME = _l("Empty braces {} are not a placeholder. Available placeholders: %(allowed)s.")


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of every {field}; ValueError on unbalanced braces."""
    return [(field, spec or "", conversion) for _, field, spec, conversion in Formatter().parse(text) if field is not None]


def allowed_placeholders(kind: str, key: str) -> list[tuple[str, str]]:
    """(Arabic placeholder, description) pairs, shown as help next to the text being edited."""
    return [(ARABIC_NAMES[name], str(DESCRIPTIONS[name])) for name in ALLOWED[(kind, key)]]


def check_text(kind: str, key: str, text: str | None) -> None:
    """Refuse unknown placeholders, formatting inside braces and unbalanced braces."""
    english = ALLOWED[(kind, key)]
    allowed = {*english, *(ARABIC_NAMES[name] for name in english)}
    listing = "، ".join("{" + ARABIC_NAMES[name] + "}" for name in english)
    try:
        fields = _fields(text or "")
    except ValueError as exc:
        raise InvalidValue(UNBALANCED) from exc
    for field, spec, conversion in fields:
        if field == "":
            raise InvalidValue(EMPTY_NAME % {"allowed": listing})
        if field not in allowed:
            raise InvalidValue(UNKNOWN % {"name": field, "allowed": listing})
        if spec or conversion:
            raise InvalidValue(PLAIN_ONLY % {"name": field})


class _Values(dict):
    """Values as plain text; a placeholder with no value becomes empty, never an error."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(text: str, values: Mapping[str, object]) -> str:
    """The text with each {placeholder} replaced, by its Arabic or its older English name.

    Stored texts were checked when saved; a text that somehow is not valid
    (attribute access, formatting, a lone brace) is returned as typed rather
    than evaluated.
    """
    try:
        fields = _fields(text)
    except ValueError:
        return text
    if any(not field.isidentifier() or spec or conversion for field, spec, conversion in fields):
        return text
    plain = {name: "" if value is None else str(value) for name, value in values.items()}
    plain |= {ARABIC_NAMES[name]: value for name, value in plain.items() if name in ARABIC_NAMES}
    return text.format_map(_Values(plain))
