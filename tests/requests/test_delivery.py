"""Messages reach the applicant the way he prefers: e-mail with the letter, SMS, or a staff call.

The SMTP and SMS providers are real servers on 127.0.0.1 (aiosmtpd and a small
HTTP server) so what goes over the wire is what is checked.
"""
from __future__ import annotations

import email
import email.policy
import json
import re
import threading
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from models import AuditEntry, Notification, User
from models.base import db
from sila.outbox.backends import configured_backend
from sila.outbox.sender import MAX_ATTEMPTS, send_pending
from sila.requests.transitions import decide
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request
from tests.operations.test_operations import _free_port


class FakeSmsProvider(ThreadingHTTPServer):
    """Answers every POST with `status`, keeping what it was sent."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.received: list[tuple[dict, dict]] = []

        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                provider.received.append((dict(self.headers), json.loads(body)))
                self.send_response(provider.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/send"


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, _class=EmailMessage, policy=email.policy.default))
        return "250 OK"


@pytest.fixture()
def sms_provider():  # type: ignore[no-untyped-def]
    provider = FakeSmsProvider()
    yield provider
    provider.shutdown()
    provider.server_close()


@pytest.fixture()
def mailbox():  # type: ignore[no-untyped-def]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


def _config(sms_url: str | None = None, smtp_port: int | None = None) -> dict:
    config = {"SILA_SMS_URL": sms_url, "SILA_SMS_TOKEN": "secret-token", "SILA_SMS_SENDER": "Sila"}
    if smtp_port:
        config.update(SILA_SMTP_HOST="127.0.0.1", SILA_SMTP_PORT=smtp_port, SILA_SMTP_SECURITY="none",
                      SILA_SMTP_FROM="association@example.org")
    return config


def _rejected_request(applicant):  # type: ignore[no-untyped-def]
    request = make_request("submitted", applicant=applicant)
    member = db.session.scalar(db.select(User).filter_by(username="committee"))
    decide(request.id, member, "rejected", "الدخل يتجاوز الحد المعتمد")
    return request


def test_a_decision_reaches_an_sms_applicant_in_arabic_through_the_provider(rakeen, sms_provider):
    applicant = make_applicant(mobile="+966551234567", preferred_contact="sms")
    request = _rejected_request(applicant)
    outcome = send_pending(configured_backend(_config(sms_url=sms_provider.url)))
    assert outcome.sent == 1
    headers, payload = sms_provider.received[0]
    assert headers["Authorization"] == "Bearer secret-token"
    assert payload["to"] == "+966551234567" and payload["sender"] == "Sila"
    assert request.number in payload["text"] and "قرار لجنة البحث" in payload["text"]
    assert f"{request.number}-" in payload["text"], "the message quotes the letter's reference"
    message = db.session.scalar(db.select(Notification).filter_by(event="decided"))
    assert message.status == "sent" and message.sent_at is not None


def test_an_e_mail_applicant_gets_the_decision_letter_attached(rakeen, mailbox):
    box, port = mailbox
    applicant = make_applicant(email="applicant@example.org", preferred_contact="email")
    request = _rejected_request(applicant)
    assert send_pending(configured_backend(_config(smtp_port=port))).sent == 1
    [mail] = box.messages
    assert mail["To"] == "applicant@example.org"
    assert request.number in str(mail["Subject"])
    assert request.number in mail.get_body(("plain",)).get_content()
    [letter] = [part for part in mail.iter_attachments()]
    assert letter.get_content_type() == "application/pdf"
    assert letter.get_filename().startswith(f"decision-letter-{request.number}-")
    assert letter.get_content().startswith(b"%PDF")


def test_without_an_e_mail_address_the_preference_falls_back_to_sms(rakeen, sms_provider):
    applicant = make_applicant(mobile="+966551234567", preferred_contact="email", email=None)
    _rejected_request(applicant)
    send_pending(configured_backend(_config(sms_url=sms_provider.url)))
    assert len(sms_provider.received) == 1
    assert db.session.scalar(db.select(Notification.method).filter_by(event="decided")) == "sms"


def test_a_refusing_provider_is_retried_then_the_failure_shows_on_the_outbox(rakeen, client, sms_provider):
    sms_provider.status = 503
    applicant = make_applicant(mobile="+966551234567", preferred_contact="sms")
    _rejected_request(applicant)
    backend = configured_backend(_config(sms_url=sms_provider.url))
    message = db.session.scalar(db.select(Notification))
    for _ in range(MAX_ATTEMPTS):
        message.next_attempt_at = None
        db.session.commit()
        send_pending(backend)
        db.session.refresh(message)
    assert message.status == "failed" and "503" in message.last_error
    assert len(sms_provider.received) == MAX_ATTEMPTS

    login(client, "staff")
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "فشل" in page and "503" in page
    sms_provider.status = 200
    response = post_form(client, "/admin/outbox/action/", {"action": "retry", "rowid": str(message.id)},
                         token_from="/admin/outbox/")
    assert response.status_code == 302
    db.session.refresh(message)
    assert message.status == "pending" and message.attempts == 0
    assert send_pending(backend).sent == 1
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="notification_retry")) is not None


def test_a_phone_preference_puts_the_message_on_the_call_list_not_the_wire(rakeen, client, sms_provider):
    applicant = make_applicant(mobile="+966551234567", preferred_contact="phone")
    _rejected_request(applicant)
    assert send_pending(configured_backend(_config(sms_url=sms_provider.url))).sent == 0
    assert sms_provider.received == []
    message = db.session.scalar(db.select(Notification))
    assert message.method == "phone" and message.status == "pending"

    login(client, "staff")
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "اتصال هاتفي" in page and '<span class="sila-ltr" dir="ltr">0551234567</span>' in page, "the number staff dial"
    post_form(client, "/admin/outbox/action/", {"action": "called", "rowid": str(message.id)},
              token_from="/admin/outbox/")
    db.session.refresh(message)
    assert message.status == "sent"
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="notification_called")).actor_id is not None


def test_managers_read_the_outbox_but_cannot_act_on_it(rakeen, client):
    applicant = make_applicant(mobile="+966551234567", preferred_contact="phone")
    _rejected_request(applicant)
    message = db.session.scalar(db.select(Notification))
    login(client, "manager")
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "05••••••67" in page and "0551234567" not in page, "managers see the number masked"
    response = post_form(client, "/admin/outbox/action/", {"action": "called", "rowid": str(message.id)},
                         token_from="/admin/outbox/")
    assert response.status_code == 403
    db.session.refresh(message)
    assert message.status == "pending"


def test_staff_registering_a_request_tells_the_applicant_it_was_received(rakeen, client):
    from models import Channel, ServiceType

    applicant = make_applicant(preferred_contact="sms")
    login(client, "staff")
    response = post_form(client, "/admin/requests/new/", {
        "applicant": str(applicant.id),
        "service_type": str(db.session.scalar(db.select(ServiceType.id).limit(1))),
        "channel": str(db.session.scalar(db.select(Channel.id).limit(1))),
        "details": "طلب سلة غذائية",
    }, token_from="/admin/requests/new/")
    assert response.status_code == 302
    message = db.session.scalar(db.select(Notification).filter_by(event="received"))
    assert message is not None and message.applicant_id == applicant.id
    assert "استلمت" in message.body and message.subject


def test_a_half_configured_provider_stops_the_send_command_with_an_arabic_reason(app, rakeen):
    app.config["SILA_SMTP_HOST"] = "127.0.0.1"
    app.config["SILA_SMTP_FROM"] = None
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert result.exit_code == 1 and "SILA_SMTP_FROM" in result.output and "عنوان المرسل" in result.output


def test_staff_see_what_the_applicant_was_told_and_what_they_still_owe(rakeen, app, client):
    caller = make_applicant(mobile="+966551234567", preferred_contact="phone")
    request = _rejected_request(caller)
    texted = _rejected_request(make_applicant(preferred_contact="sms"))
    failed = db.session.scalar(db.select(Notification).where(Notification.request_id == texted.id))
    failed.status = "failed"
    db.session.commit()

    login(client, "staff")
    page = client.get(f"/admin/requests/details/?id={request.id}").get_data(as_text=True)
    assert 'data-message="decided"' in page and "اتصال هاتفي" in page and "قيد الانتظار" in page
    home = client.get("/admin/").get_data(as_text=True)
    calls = re.search(r'data-figure="calls-owed">\s*<a href="([^"]+)">(\d+)</a>', home)
    failures = re.search(r'data-figure="failed-messages">\s*<a href="([^"]+)">(\d+)</a>', home)
    assert calls and calls.group(2) == "1" and failures and failures.group(2) == "1"
    listed = client.get(calls.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert listed.count('class="sila-ltr" dir="ltr"') == 1, "the call list shows exactly the one call owed"

    member = login(app.test_client(), "committee")
    page = member.get(f"/admin/committee_queue/details/?id={request.id}").get_data(as_text=True)
    assert 'id="messages"' not in page, "the committee does not read the outbox"
