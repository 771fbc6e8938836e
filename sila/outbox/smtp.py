"""E-mail through the association's SMTP server, the decision letter attached.

The letter is rendered at sending time from the decision the message
announces, so the PDF in the mailbox is the same one staff download.
"""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask_babel import gettext as _

from models.notification import Notification
from sila.outbox.backends import DeliveryFailed

SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpBackend:
    host: str
    port: int
    sender: str
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpBackend:
        security = config.get("SILA_SMTP_SECURITY") or "starttls"
        if security not in SECURITY:
            raise ValueError(_("SILA_SMTP_SECURITY must be one of: %(values)s.", values=", ".join(SECURITY)))
        if not config.get("SILA_SMTP_FROM"):
            raise ValueError(_("SILA_SMTP_FROM (the sender address) is required when SILA_SMTP_HOST is set."))
        return cls(
            host=config["SILA_SMTP_HOST"], port=int(config.get("SILA_SMTP_PORT") or 587),
            sender=config["SILA_SMTP_FROM"], security=security,
            user=config.get("SILA_SMTP_USER"), password=config.get("SILA_SMTP_PASSWORD"),
        )

    def message(self, notification: Notification) -> EmailMessage:
        from sila.committee.letter_jobs import stored_letter
        from sila.committee.letters import decision_letter_pdf, letter_file_name

        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = notification.recipient
        message["Subject"] = notification.subject or ""
        message["Message-ID"] = make_msgid(idstring=f"sila-{notification.id}")
        message.set_content(notification.body)
        if notification.decision_id is not None:
            # The stored letter; the sender is a job too, so one not rendered yet is rendered here (not
            # stored: the sender's transaction holds the message's claim and is not this one's to commit).
            letter = stored_letter(notification.decision_id) or decision_letter_pdf(notification.decision_id)
            message.add_attachment(
                letter, maintype="application", subtype="pdf",
                filename=letter_file_name(notification.decision_id),
            )
        return message

    def send(self, notification: Notification) -> None:
        message = self.message(notification)
        try:
            if self.security == "ssl":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if self.user:
                    client.login(self.user, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"SMTP: {exc}") from exc
