"""Arabic text as people type it, reduced to one comparable form.

Search and duplicate detection compare normalized text so that أحمد / احمد /
إحمد, فاطمة / فاطمه and digits typed in either script all match.
"""
from __future__ import annotations

import re

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Zero-width and direction marks pasted along with names from phones and spreadsheets.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\ufeff]")
_SPACES = re.compile(r"\s+")


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to 0-9, everything else untouched."""
    return text.translate(_DIGITS)


def normalize(text: str | None) -> str:
    """The search form of a text: unified letters, no diacritics or tatweel."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", _TASHKEEL.sub("", ascii_digits(text))).translate(_LETTERS)
    return _SPACES.sub(" ", text).strip().lower()


# NUL and the other C0/C1 controls but tab and line breaks, and the bidi embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or a file name
# read differently from what it holds in a right-to-left page.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """Typed text without invisible controls; PostgreSQL also refuses NUL outright."""
    return _HIDDEN.sub("", text)
