"""Each rule of the search form of Arabic text, one test apiece, so a regression names the rule it broke."""
from __future__ import annotations

import pytest

from sila.core.arabic import ascii_digits, normalize


@pytest.mark.parametrize("typed", ["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"])
def test_every_alef_form_becomes_bare_alef(typed: str) -> None:
    assert normalize(typed) == "احمد"


def test_taa_marbuta_becomes_haa() -> None:
    assert normalize("فاطمة") == normalize("فاطمه") == "فاطمه"


def test_alef_maqsura_becomes_yaa() -> None:
    assert normalize("مصطفى") == normalize("مصطفي") == "مصطفي"


def test_tashkeel_is_removed() -> None:
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("عَبْدُ ٱللّٰهِ") == "عبد الله"


def test_tatweel_is_removed() -> None:
    assert normalize("محـــمد") == "محمد"


@pytest.mark.parametrize("typed", ["١٠٢٣٤٥٦٧٨٩", "۱۰۲۳۴۵۶۷۸۹", "1023456789"])
def test_arabic_indic_and_persian_digits_become_ascii(typed: str) -> None:
    assert normalize(typed) == "1023456789"
    assert ascii_digits(typed) == "1023456789"


def test_spaces_are_collapsed_and_trimmed() -> None:
    assert normalize("  محمد \t  علي\u00a0 الحربي \n") == "محمد علي الحربي"


def test_invisible_marks_pasted_with_a_name_are_dropped() -> None:
    assert normalize("\u200fمحمد\u200e\u200b") == "محمد"


def test_latin_letters_are_lowercased() -> None:
    assert normalize("Ahmed") == "ahmed"


def test_empty_and_missing_text_give_empty_string() -> None:
    assert normalize(None) == ""
    assert normalize("") == ""


def test_rules_combine_on_a_four_part_name() -> None:
    assert normalize("إِسْراء  عيسى أحمد  آل-زهرانـي") == normalize("اسراء عيسي احمد ال-زهراني")
