"""A role that has no button for an action cannot take it by POSTing the form anyway.

Each forged POST carries a valid CSRF token, so only the server's role check stands
in the way; the database must hold the same rows afterwards.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import login, post_form
from tests.security.conftest import World, user
from tests.security.snapshot import unchanged

APPLICANT_FORM = {
    "national_id": "1000000008", "first_name": "مزور", "father_name": "علي", "grandfather_name": "صالح",
    "family_name": "الحربي", "gender": "male", "mobile": "0551234567", "preferred_contact": "sms",
}

# (role, URL, form): each answered 403
FORGED: dict[str, Callable[[World], tuple[str, str, dict]]] = {
    "committee member creates an applicant": lambda w: ("committee", "/admin/applicants/new/", APPLICANT_FORM),
    "committee member edits an applicant": lambda w: (
        "committee", f"/admin/applicants/edit/?id={w.applicant.id}", {**APPLICANT_FORM, "national_id": w.applicant.national_id}),
    "committee member sets a file status": lambda w: (
        "committee", f"/admin/applicants/file-status/{w.applicant.id}", {"status": "suspended"}),
    "committee member withdraws a request": lambda w: (
        "committee", f"/admin/requests/step/{w.request.id}/withdraw", {"reason": "x"}),
    "committee member edits a contact": lambda w: (
        "committee", f"/admin/contacts/edit/?id={w.contact.id}", {"summary": "تغيير"}),
    "staff creates a user": lambda w: (
        "staff", "/admin/users/new/", {"username": "intruder", "full_name": "دخيل", "role": "admin",
                                      "is_active": "y", "new_password": "a-long-enough-password"}),
    "staff makes himself an admin": lambda w: (
        "staff", f"/admin/users/edit/?id={user('staff').id}", {"username": "staff", "full_name": "موظف", "role": "admin"}),
    "staff resets the admin's password": lambda w: (
        "staff", f"/admin/users/edit/?id={user('admin').id}", {"username": "admin", "new_password": "taken-over-account"}),
    "staff deletes audit entries": lambda w: ("staff", "/admin/audit/delete/", {"id": "1"}),
    "admin deletes audit entries": lambda w: ("admin", "/admin/audit/action/", {"action": "delete", "rowid": "1"}),
    "researcher creates a request": lambda w: (
        "researcher", "/admin/requests/new/", {"applicant": str(w.applicant.id), "service_type": "1", "channel": "1"}),
    "researcher verifies a request": lambda w: ("researcher", f"/admin/requests/step/{w.request.id}/verify", {}),
    "researcher runs a bulk action on requests": lambda w: (
        "researcher", "/admin/requests/action/", {"action": "submit", "rowid": str(w.request.id)}),
    "researcher creates a referral": lambda w: (
        "researcher", "/admin/referrals/new/", {"applicant": str(w.applicant.id), "reason": "1", "questions": "؟"}),
    "researcher uploads a file": lambda w: ("researcher", f"/requests/{w.request.id}/attachments", {}),
    "manager edits an applicant": lambda w: (
        "manager", f"/admin/applicants/edit/?id={w.applicant.id}", {**APPLICANT_FORM, "national_id": w.applicant.national_id}),
    "manager creates a contact": lambda w: (
        "manager", "/admin/contacts/new/", {"kind": "inquiry", "channel": "1", "summary": "مزور", "status": "open"}),
    "manager edits a channel": lambda w: ("manager", f"/admin/channels/edit/?id={w.request.channel_id}", {"name": "قناة"}),
    "manager edits a user": lambda w: ("manager", f"/admin/users/edit/?id={user('staff').id}", {"role": "admin"}),
    "manager runs a bulk action on requests": lambda w: (
        "manager", "/admin/requests/action/", {"action": "verify", "rowid": str(w.request.id)}),
    "admin uploads an applicant's file": lambda w: ("admin", f"/requests/{w.request.id}/attachments", {}),
}


@pytest.mark.parametrize("case", sorted(FORGED))
def test_a_forged_post_for_a_role_without_that_action_is_refused(world, client, case):
    role, url, data = FORGED[case](world)
    login(client, role)
    with unchanged():
        response = post_form(client, url, data)
    assert response.status_code == 403


# Steps a role reaches through a screen it may read, but the workflow refuses to that role.
REFUSED_STEPS: dict[str, Callable[[World], tuple[str, str, dict]]] = {
    "manager withdraws a request": lambda w: ("manager", f"/admin/requests/step/{w.request.id}/withdraw", {"reason": "x"}),
    "manager takes a referral": lambda w: ("manager", f"/admin/referrals/step/{w.referral.id}/take", {}),
    "staff decides for the committee": lambda w: (
        "staff", f"/admin/requests/step/{w.request.id}/decide", {"outcome": "accepted", "reason": "x"}),
    "staff answers a referral for the researcher": lambda w: (
        "staff", f"/admin/referrals/step/{w.referral.id}/answer", {"answer": "جواب"}),
}


@pytest.mark.parametrize("case", sorted(REFUSED_STEPS))
def test_the_workflow_refuses_a_step_to_a_role_that_may_only_read(world, client, case):
    role, url, data = REFUSED_STEPS[case](world)
    login(client, role)
    with unchanged():
        response = post_form(client, url, data, follow_redirects=True)
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "لا يسمح" in response.get_data(as_text=True) or "غير ممكن" in response.get_data(as_text=True)
