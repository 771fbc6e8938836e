"""Arabic text as people type it, reduced to one comparable form.

Search and duplicate detection compare normalized text so that أحمد / احمد /
إحمد, فاطمة / فاطمه and digits typed in either script all match.
"""
from __future__ import annotations

import re

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"\s+")


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to 0-9, everything else untouched."""
    return text.translate(_DIGITS)


def normalize(text: str | None) -> str:
    """The search form of a text: unified letters, no diacritics or tatweel."""
    if not text:
        return ""
    text = _TASHKEEL.sub("", ascii_digits(text)).translate(_LETTERS)
    return _SPACES.sub(" ", text).strip().lower()
