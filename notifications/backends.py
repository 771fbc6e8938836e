"""Where messages go. Each backend sends one message or raises DeliveryFailed.

The log backend is the default: it records that a message would have gone,
with the recipient masked, so a deployment without SMS or e-mail still works.
"""
from __future__ import annotations

import logging
from typing import Protocol

from domain.masking import masked
from models.notification import Notification

log = logging.getLogger("sila.notifications")


class DeliveryFailed(Exception):
    """The provider refused or could not be reached; the sender will retry."""


class Backend(Protocol):
    def send(self, notification: Notification) -> None: ...


class LogBackend:
    def send(self, notification: Notification) -> None:
        log.info("notification %s (%s) to %s", notification.id, notification.event, masked(notification.recipient, 4, 2))


BACKENDS: dict[str, type] = {"log": LogBackend}


def configured_backend(name: str) -> Backend:
    if name not in BACKENDS:
        raise ValueError(f"unknown notification backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name]()
