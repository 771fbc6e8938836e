"""A record of another branch, by URL or by POST, is the Arabic 403 page and changes nothing, for every
object type and every role that works at one branch."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.branches.conftest import BranchFile
from tests.conftest import login, post_form
from tests.security.snapshot import unchanged

FORBIDDEN_PAGE = "ليست لديك صلاحية"

# (object type, URL) read by GET; {file} is the other branch's file.
READS: dict[str, Callable[[BranchFile], str]] = {
    "applicant details": lambda f: f"/admin/applicants/details/?id={f.applicant}",
    "applicant edit form": lambda f: f"/admin/applicants/edit/?id={f.applicant}",
    "applicant data-access export": lambda f: f"/admin/applicants/rights/{f.applicant}.json",
    "applicant in the re-study queue": lambda f: f"/admin/restudy_queue/details/?id={f.applicant}",
    "request details": lambda f: f"/admin/requests/details/?id={f.request}",
    "request edit form": lambda f: f"/admin/requests/edit/?id={f.request}",
    "request attestation print": lambda f: f"/admin/requests/attestation/{f.request}",
    "contact details": lambda f: f"/admin/contacts/details/?id={f.contact}",
    "referral details": lambda f: f"/admin/referrals/details/?id={f.referral}",
    "home visit details": lambda f: f"/admin/visits/details/?id={f.visit}",
    "attachment download": lambda f: f"/attachments/{f.attachment}",
    "outbox message details": lambda f: f"/admin/outbox/details/?id={f.notification}",
    "decision details": lambda f: f"/admin/decisions/details/?id={f.decision}",
}
# (object type, URL, form) posted.
WRITES: dict[str, Callable[[BranchFile], tuple[str, dict]]] = {
    "request step": lambda f: (f"/admin/requests/step/{f.request}/withdraw", {"reason": "مزور"}),
    "ask for missing documents": lambda f: (f"/admin/requests/step/{f.request}/ask_missing", {"note": "مزور"}),
    "request upload": lambda f: (f"/requests/{f.request}/attachments", {}),
    "applicant file status": lambda f: (f"/admin/applicants/file-status/{f.applicant}", {"status": "suspended"}),
    "referral step": lambda f: (f"/admin/referrals/step/{f.referral}/take", {}),
    "contact step": lambda f: (f"/admin/contacts/step/{f.contact}/answer", {"answer": "مزور"}),
    "re-study record": lambda f: (f"/admin/restudy_queue/record/{f.applicant}", {"note": "مزور"}),
}
ROLES = ("staff", "researcher", "manager_main", "rep_main")




@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(READS))
def test_another_branchs_record_by_url_is_the_arabic_403(branches, client, role, case):
    login(client, role)
    with unchanged():
        response = client.get(READS[case](branches.theirs))
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert FORBIDDEN_PAGE in page
    assert "نورة" not in page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(WRITES))
def test_a_post_on_another_branchs_record_is_the_403_and_changes_nothing(branches, client, role, case):
    url, form = WRITES[case](branches.theirs)
    login(client, role)
    with unchanged():
        response = post_form(client, url, form)
    assert response.status_code == 403


@pytest.mark.parametrize("case", sorted(READS))
def test_the_same_urls_open_for_the_branch_that_holds_the_record(branches, client, case):
    """The refusals above are the branch's, not a broken page: staff of the other branch open them."""
    login(client, "staff_other")
    response = client.get(READS[case](branches.theirs))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_a_bulk_action_naming_another_branchs_request_changes_nothing(branches, client):
    login(client, "staff")
    with unchanged():
        response = post_form(client, "/admin/requests/action/",
                             {"action": "verify", "rowid": str(branches.theirs.request)}, follow_redirects=True)
    assert "هذا السجل ليس من السجلات التي تعمل عليها" in response.get_data(as_text=True)
