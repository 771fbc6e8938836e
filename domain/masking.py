"""Personal data shown only as much as a role needs (Saudi Personal Data Protection Law).

Lists show national IDs and mobiles masked to roles that only count and
oversee; the full value is on the detail page, and opening it is audited.
"""
from __future__ import annotations

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
