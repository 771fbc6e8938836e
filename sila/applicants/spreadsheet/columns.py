"""Which spreadsheet column is which field: the headers associations actually use.

Headers are compared in normalized form (hamza, taa marbuta, spaces), so
"رقم الهويه" and "رقم الهوية" are one header. Staff can change every guess
before anything is imported.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from models.applicant import Applicant
from models.personal_data import audited_fields
from sila.core.arabic import normalize
from sila.core.audit.labels import APPLICANT_FIELDS

IGNORE = ""
FULL_NAME = "full_name"

_SYNONYMS = {
    "national_id": (
        "رقم الهوية", "الهوية", "رقم الهوية الوطنية", "الهوية الوطنية", "رقم الاقامة", "الاقامة",
        "رقم الهوية او الاقامة", "السجل المدني", "رقم السجل المدني", "national id", "id number", "iqama",
    ),
    FULL_NAME: ("الاسم", "الاسم الكامل", "الاسم الرباعي", "اسم المستفيد", "اسم العضو", "name", "full name"),
    "first_name": ("الاسم الاول", "first name"),
    "father_name": ("اسم الاب", "father name", "father's name"),
    "grandfather_name": ("اسم الجد", "grandfather name", "grandfather's name"),
    "family_name": ("اسم العائلة", "العائلة", "اللقب", "family name", "last name"),
    "gender": ("الجنس", "النوع", "gender", "sex"),
    "birth_date": ("تاريخ الميلاد", "الميلاد", "birth date", "date of birth"),
    "mobile": ("الجوال", "رقم الجوال", "الهاتف", "رقم الهاتف", "رقم التواصل", "الجوال الاساسي", "mobile", "phone"),
    "email": ("البريد الالكتروني", "البريد", "الايميل", "email", "e-mail"),
    "city": ("المدينة", "المدينه", "city"),
    "address": ("العنوان", "الحي", "العنوان الوطني", "address"),
    "membership_number": ("رقم العضوية", "membership number"),
    "notes": ("ملاحظات", "الملاحظات", "notes"),
}
# The fields a file may fill: those staff type on the applicant, as the model declares them, that a header can name.
FIELDS: dict[str, object] = {
    name: (_l("Full name (four parts in one cell)") if name == FULL_NAME else APPLICANT_FIELDS[name])
    for name in ("national_id", FULL_NAME, *audited_fields(Applicant.__table__)) if name in _SYNONYMS
}
_KNOWN = {normalize(header): field for field, headers in _SYNONYMS.items() for header in headers}


def guess(header: object) -> str:
    """The field a header most likely means, or IGNORE."""
    return _KNOWN.get(normalize(str(header or "")), IGNORE)


def guess_all(headers: list[str]) -> list[str]:
    """One guess per column; a field is guessed for its first column only."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        field = guess(header)
        if field in taken:
            field = IGNORE
        taken.add(field)
        mapping.append(field)
    return mapping
