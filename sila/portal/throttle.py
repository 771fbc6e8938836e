"""Throttling the sign-in code: every request for a code counts per typed ID, per typed mobile and per address.

Unlike the staff login, successes count too: asking for a code costs an SMS
whether or not a file matches, and counting only some requests would tell
which ones matched. The keys are what was typed, so a limit reached says
nothing about whether the ID or mobile belongs to anyone. Counts live in the
limiter's storage (Redis when RATELIMIT_STORAGE_URI says so), like the login's.
"""
from __future__ import annotations

from flask import current_app, request

from sila.core.arabic import ascii_digits

TYPED_LENGTH = 16


def _typed(field: str) -> str:
    return ascii_digits(request.form.get(field, "")).replace(" ", "").lstrip("+")[:TYPED_LENGTH]


def typed_national_id() -> str:
    return "portal-code-id:" + _typed("national_id")


def typed_mobile() -> str:
    """The last nine digits, so 05…, 9665… and +9665… count as one number."""
    return "portal-code-mobile:" + _typed("mobile")[-9:]


def per_national_id() -> str:
    return current_app.config["SILA_PORTAL_CODE_LIMIT_PER_ID"]


def per_mobile() -> str:
    return current_app.config["SILA_PORTAL_CODE_LIMIT_PER_MOBILE"]


def per_address() -> str:
    return current_app.config["SILA_PORTAL_CODE_LIMIT_PER_IP"]
