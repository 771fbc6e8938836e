"""Realistic Saudi people for demo data: four-part Arabic names, valid IDs and mobiles."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sila.core.national_id import check_digit

MALE = (
    "محمد", "أحمد", "عبدالله", "عبدالرحمن", "خالد", "فهد", "سعود", "فيصل", "تركي", "ناصر",
    "سلطان", "بندر", "ماجد", "عمر", "علي", "إبراهيم", "يوسف", "صالح", "سعد", "حمد",
    "عبدالعزيز", "منصور", "راشد", "مشعل", "نايف", "بدر", "طلال", "هاني", "وليد", "ياسر",
)
FEMALE = (
    "فاطمة", "نورة", "سارة", "مريم", "عائشة", "هند", "لطيفة", "منيرة", "الجوهرة", "ريم",
    "أمل", "هيفاء", "خديجة", "أسماء", "رقية", "حصة", "شيخة", "موضي", "لمى", "رهف",
)
FAMILY = (
    "العتيبي", "القحطاني", "الغامدي", "الزهراني", "الشهري", "الحربي", "المطيري", "الدوسري",
    "السبيعي", "الشمري", "العنزي", "الرشيدي", "البقمي", "الأحمدي", "الجهني", "المالكي",
    "الثبيتي", "الهذلي", "اللحياني", "السلمي", "بن لادن", "باعشن", "الصبان", "فلمبان",
)
CITIES = ("مكة المكرمة", "جدة", "الطائف", "المدينة المنورة", "الرياض", "الدمام", "أبها", "تبوك")
MOBILE_PREFIXES = ("50", "53", "54", "55", "56", "59")


def national_id(rng: random.Random, citizen: bool = True) -> str:
    first_nine = ("1" if citizen else "2") + "".join(rng.choice("0123456789") for _ in range(8))
    return first_nine + check_digit(first_nine)


def mobile(rng: random.Random) -> str:
    return "05" + rng.choice(MOBILE_PREFIXES)[1] + "".join(rng.choice("0123456789") for _ in range(7))


def person(rng: random.Random) -> dict:
    gender = rng.choice(("male", "female"))
    first = rng.choice(MALE if gender == "male" else FEMALE)
    return {
        "national_id": national_id(rng, citizen=rng.random() < 0.85),
        "first_name": first,
        "father_name": rng.choice(MALE),
        "grandfather_name": rng.choice(MALE),
        "family_name": rng.choice(FAMILY),
        "gender": gender,
        "birth_date": date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55)),
        "mobile": mobile(rng),
        "city": rng.choice(CITIES),
    }
