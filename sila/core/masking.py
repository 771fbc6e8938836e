"""Personal data shown only as much as a role needs (Saudi Personal Data Protection Law).

Lists show national IDs and mobiles masked to roles that only count and
oversee, as much as each column declares (models/personal_data.py); the full
value is on the detail page, and opening it is audited.
"""
from __future__ import annotations

from sqlalchemy import Column

from models.enums import Role

UNMASKED_ROLES = frozenset({Role.staff})


def masked(value: str | None, keep_start: int = 1, keep_end: int = 3) -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "•" * len(value)
    return value[:keep_start] + "•" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def needs_mask(role: str | None) -> bool:
    return role not in UNMASKED_ROLES


def shown_to(role: str | None, column: Column, value: str | None) -> str:
    """The value as a list shows it to this role: masked as its column declares for roles that only oversee."""
    mask = column.info["mask"]
    if mask and needs_mask(role):
        return masked(value, *mask)
    return value or ""
