"""Login throttling: failed attempts are limited per account name and per address.

Only failures count, so a user who types his password right is never slowed
down. The account key is whatever name was typed, existing or not, so a
lockout says nothing about which accounts exist. Counts live in the limiter's
storage (memory by default, Redis when several processes must share them).
"""
from __future__ import annotations

from flask import current_app, request
from flask.wrappers import Response

from sila.core.arabic import normalize


def typed_account() -> str:
    return "login-account:" + normalize(request.form.get("username", ""))[:80]


def failed(response: Response) -> bool:
    """A login that did not redirect into the app was a failure."""
    return response.status_code != 302


def per_account() -> str:
    return current_app.config["SILA_LOGIN_LIMIT_PER_ACCOUNT"]


def per_address() -> str:
    return current_app.config["SILA_LOGIN_LIMIT_PER_IP"]
