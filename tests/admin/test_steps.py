"""Every screen answers its step buttons and bulk actions the same way (admin/steps.py)."""
from __future__ import annotations

import pytest

from models import AuditEntry, Channel, Contact, Notification, Referral, ReferralReason, ServiceRequest, User
from models.base import db
from tests.conftest import login, post_form
from tests.factories import make_applicant, make_request


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _request() -> ServiceRequest:
    return make_request()


def _contact() -> Contact:
    contact = Contact(channel=db.session.scalar(db.select(Channel).limit(1)), applicant=make_applicant(),
                      kind="inquiry", summary="استفسار عن موعد")
    db.session.add(contact)
    db.session.commit()
    return contact


def _referral() -> Referral:
    request = make_request()
    referral = Referral(applicant=request.applicant, request=request, questions="متى يصل الرد؟",
                        reason=db.session.scalar(db.select(ReferralReason).limit(1)), researcher=_user("researcher"))
    db.session.add(referral)
    db.session.commit()
    return referral


ROWS = {"requests": _request, "contacts": _contact, "referrals": _referral}


def _audit_rows() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("screen", sorted(ROWS))
def test_a_step_the_screen_does_not_know_changes_nothing_and_says_so(rakeen, client, screen):
    row_id = ROWS[screen]().id
    before = _audit_rows()
    login(client, "staff")
    details = f"/admin/{screen}/details/?id={row_id}"
    response = post_form(client, f"/admin/{screen}/step/{row_id}/nothing", {}, token_from=details)
    assert response.status_code == 302 and response.headers["Location"].endswith(details)
    assert "خطوة غير معروفة." in client.get(details).get_data(as_text=True)
    assert _audit_rows() == before


def test_a_decision_from_the_committee_queue_returns_to_the_queue_it_left(rakeen, client):
    request = make_request("submitted")
    login(client, "committee")
    response = post_form(client, f"/admin/committee_queue/step/{request.id}/decide", {"outcome": "accepted"},
                         token_from=f"/admin/committee_queue/details/?id={request.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/committee_queue/")
    assert db.session.get(ServiceRequest, request.id).status == "accepted"


def _message(status: str) -> Notification:
    message = Notification(applicant=make_applicant(), event="submitted", method="sms", recipient="+966551234567",
                           body="رسالة", status=status)
    db.session.add(message)
    db.session.commit()
    return message


def test_a_bulk_action_says_what_was_done_first_then_each_refusal(rakeen, client):
    failed, waiting = _message("failed"), _message("pending")
    login(client, "staff")
    response = post_form(client, "/admin/outbox/action/", {"action": "retry", "rowid": [waiting.id, failed.id]},
                         token_from="/admin/outbox/", follow_redirects=True)
    page = response.get_data(as_text=True)
    done = page.index("أُعيدت إلى قائمة الإرسال: 1 رسالة.")
    refused = page.index(f"مرفوض — {waiting.id}: ")
    assert done < refused
    assert db.session.get(Notification, failed.id).status == "pending"
