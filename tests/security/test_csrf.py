"""Every state-changing POST needs this session's CSRF token: none, a made-up one or another session's is refused."""
from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.conftest import csrf_token, login
from tests.security.conftest import PDF, World
from tests.security.snapshot import unchanged

# (who is logged in, URL, form) for each kind of form the app has.
TARGETS: dict[str, Callable[[World], tuple[str | None, str, dict]]] = {
    "login": lambda w: (None, "/login", {"username": "staff", "password": "sila-demo-staff"}),
    "logout": lambda w: ("staff", "/logout", {}),
    "language switch": lambda w: ("staff", "/locale/en", {"next": "/admin/"}),
    "model form (new applicant)": lambda w: ("staff", "/admin/applicants/new/", {
        "national_id": "1000000008", "first_name": "مزور", "father_name": "علي", "grandfather_name": "صالح",
        "family_name": "الحربي", "gender": "male", "mobile": "0551234567", "preferred_contact": "sms"}),
    "model form (edit contact)": lambda w: ("staff", f"/admin/contacts/edit/?id={w.contact.id}", {
        "kind": "complaint", "channel": str(w.contact.channel_id), "summary": "تغيير مزور", "status": "open"}),
    "Flask-Admin action": lambda w: ("staff", "/admin/requests/action/", {"action": "verify", "rowid": str(w.request.id)}),
    "Flask-Admin delete": lambda w: ("admin", "/admin/channels/delete/", {"id": str(w.request.channel_id)}),
    "workflow step": lambda w: ("staff", f"/admin/requests/step/{w.request.id}/withdraw", {"reason": "سحب مزور"}),
    "referral step": lambda w: ("researcher", f"/admin/referrals/step/{w.referral.id}/answer", {"answer": "جواب"}),
    "file status": lambda w: ("staff", f"/admin/applicants/file-status/{w.applicant.id}", {"status": "suspended"}),
    "upload": lambda w: ("staff", f"/requests/{w.request.id}/attachments", {"file": (io.BytesIO(PDF), "a.pdf")}),
}


def _token(kind: str, client: FlaskClient, app) -> str | None:  # type: ignore[no-untyped-def]
    if kind == "missing":
        return None
    if kind == "made up":
        return "IjEyMzQ1Njc4OTAi.ZZZZZZ.forged-signature"
    return csrf_token(login(app.test_client(), "manager"), "/admin/")


@pytest.mark.parametrize("token", ["missing", "made up", "another session's"])
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_post_without_this_sessions_token_is_refused_and_changes_nothing(app, world, client, target, token):
    username, url, data = TARGETS[target](world)
    if username:
        login(client, username)
    forged = _token(token, client, app)
    if forged is not None:
        data = {**data, "csrf_token": forged}
    with unchanged():
        response = client.post(url, data=data)
    assert response.status_code == 400
    assert 'dir="rtl"' in response.get_data(as_text=True)
    if username:
        assert client.get("/admin/").status_code == 200, "the refused POST must not have logged anyone out"
    else:
        assert client.get("/admin/").status_code == 302, "the refused login must not have logged anyone in"
