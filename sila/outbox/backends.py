"""Where messages go: one small interface, a backend per way of reaching people.

Each backend sends one message or raises DeliveryFailed. The router picks the
backend by the message's method: e-mail through SMTP and SMS through the HTTP
provider when the environment configures them, otherwise the log backend,
which records that a message would have gone (recipient masked) so a
deployment without providers still works end to end.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from models.enums import ContactMethod, NotificationEvent
from models.notification import Notification
from sila.core.masking import masked

log = logging.getLogger("sila.notifications")
CODE_EVENTS = frozenset({NotificationEvent.sign_in_code, NotificationEvent.apply_code})


class DeliveryFailed(Exception):
    """The provider refused or could not be reached; the sender will retry."""


class Backend(Protocol):
    def send(self, notification: Notification) -> None: ...


class LogBackend:
    """Without a provider a one-time code can only reach its applicant through whoever reads this log
    (the demo, a trial): its text, which names nobody, is written; any other message's never is."""

    def send(self, notification: Notification) -> None:
        recipient = masked(notification.recipient, 4, 2)
        if notification.event in CODE_EVENTS:
            log.info("notification %s (%s) to %s: %s", notification.id, notification.event, recipient, notification.body)
            return
        log.info("notification %s (%s) to %s", notification.id, notification.event, recipient)


class Router:
    """One backend per contact method; methods without one are only logged."""

    def __init__(self, backends: Mapping[str, Backend]) -> None:
        self.backends = dict(backends)
        self.fallback = LogBackend()

    def send(self, notification: Notification) -> None:
        self.backends.get(notification.method, self.fallback).send(notification)


def configured_backend(config: Mapping[str, Any]) -> Router:
    """The router for this deployment's settings (SILA_SMTP_* and SILA_SMS_*)."""
    from sila.outbox.sms import SmsBackend
    from sila.outbox.smtp import SmtpBackend

    backends: dict[str, Backend] = {}
    if config.get("SILA_SMTP_HOST"):
        backends[ContactMethod.email] = SmtpBackend.from_config(config)
    if config.get("SILA_SMS_URL"):
        backends[ContactMethod.sms] = SmsBackend.from_config(config)
    return Router(backends)
