"""SMS through an HTTP provider: one JSON POST per message, any 2xx means accepted.

The body is {"to": E.164 number, "text": message, "sender": sender name}
with a bearer token, the shape most Saudi gateways accept or that a small
adapter in front of them can translate.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from models.notification import Notification
from sila.outbox.backends import DeliveryFailed


@dataclass(frozen=True)
class SmsBackend:
    url: str
    token: str | None = None
    sender: str | None = None
    timeout: float = 15

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmsBackend:
        url = config["SILA_SMS_URL"]
        if not url.startswith(("https://", "http://")):
            raise ValueError(_("SILA_SMS_URL must be an http or https address."))
        return cls(url=url, token=config.get("SILA_SMS_TOKEN"), sender=config.get("SILA_SMS_SENDER"))

    def send(self, notification: Notification) -> None:
        payload = json.dumps(
            {"to": notification.recipient, "text": notification.body, "sender": self.sender}, ensure_ascii=False
        ).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The URL comes from the settings and from_config accepted only http(s).
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310
                response.read()
        except urllib.error.HTTPError as exc:
            raise DeliveryFailed(f"SMS provider answered {exc.code}") from exc
        except (OSError, urllib.error.URLError) as exc:
            raise DeliveryFailed(f"SMS provider unreachable: {exc}") from exc
