"""Nobody reaches a record outside his reach by changing an id, in the URL or in a form field.

Objects: applicant, request, attachment, referral, contact, user (and a household
member, reached through the applicant's form).
"""
from __future__ import annotations

from collections.abc import Callable

import pytest

from models import HouseholdMember, ServiceRequest, ServiceType
from models.base import db
from tests.conftest import login, post_form
from tests.security.conftest import World, user
from tests.security.snapshot import unchanged

# (role, URL) a role must not open: the answer is 403 or 404, or a redirect to the list
# without the record's data.
URL_READS: dict[str, Callable[[World], tuple[str, str]]] = {
    "researcher opens an applicant": lambda w: ("researcher", f"/admin/applicants/details/?id={w.applicant.id}"),
    "committee member opens an applicant": lambda w: ("committee", f"/admin/applicants/details/?id={w.applicant.id}"),
    "researcher exports an applicant's data": lambda w: ("researcher", f"/admin/applicants/rights/{w.applicant.id}.json"),
    "committee member opens a request not before the committee": lambda w: (
        "committee", f"/admin/committee_queue/details/?id={w.request.id}"),
    "committee member prints the attestation of a request not before it": lambda w: (
        "committee", f"/admin/committee_queue/attestation/{w.request.id}"),
    "researcher opens a request": lambda w: ("researcher", f"/admin/requests/details/?id={w.request.id}"),
    "researcher downloads a file of a request not referred to him": lambda w: ("researcher", f"/attachments/{w.attachment.id}"),
    "committee member downloads a file of a request not before it": lambda w: ("committee", f"/attachments/{w.attachment.id}"),
    "admin downloads an applicant's file": lambda w: ("admin", f"/attachments/{w.attachment.id}"),
    "researcher opens another researcher's referral": lambda w: (
        "researcher", f"/admin/referrals/details/?id={w.others_referral.id}"),
    "researcher opens a contact": lambda w: ("researcher", f"/admin/contacts/details/?id={w.contact.id}"),
    "committee member opens a contact": lambda w: ("committee", f"/admin/contacts/details/?id={w.contact.id}"),
    "staff opens a user": lambda w: ("staff", f"/admin/users/details/?id={user('admin').id}"),
    "researcher opens a user's edit form": lambda w: ("researcher", f"/admin/users/edit/?id={user('admin').id}"),
    "researcher looks applicants up by name": lambda w: ("researcher", "/admin/referrals/ajax/lookup/?name=applicant&query=نورة"),
    "researcher looks requests up by number": lambda w: (
        "researcher", f"/admin/referrals/ajax/lookup/?name=request&query={w.other_request.id}"),
}
SECRETS = ("نورة", "سالم", "سؤال خاص", "استفسار عن موعد", "%PDF")


@pytest.mark.parametrize("case", sorted(URL_READS))
def test_an_id_in_the_url_does_not_reach_a_record_outside_the_roles_reach(world, client, case):
    role, url = URL_READS[case](world)
    login(client, role)
    with unchanged():
        response = client.get(url)
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "id=" not in response.headers["Location"]
    page = response.get_data(as_text=True)
    assert not [secret for secret in SECRETS if secret in page]


# (role, URL, form) of a POST naming a record out of reach, by URL or in a field.
WRITES: dict[str, Callable[[World], tuple[str, str, dict]]] = {
    "committee decides a request not before the committee": lambda w: (
        "committee", f"/admin/committee_queue/step/{w.request.id}/decide", {"outcome": "accepted", "reason": "x"}),
    "researcher answers another researcher's referral": lambda w: (
        "researcher", f"/admin/referrals/step/{w.others_referral.id}/answer", {"answer": "جواب"}),
    "researcher takes another researcher's referral": lambda w: (
        "researcher", f"/admin/referrals/step/{w.others_referral.id}/take", {}),
    "staff steps a request that does not exist": lambda w: ("staff", "/admin/requests/step/999999/withdraw", {"reason": "x"}),
    "staff uploads to a request that does not exist": lambda w: ("staff", "/requests/999999/attachments", {}),
    "staff sets the file status of an applicant that does not exist": lambda w: (
        "staff", "/admin/applicants/file-status/999999", {"status": "suspended"}),
    "staff refers an applicant with another applicant's request": lambda w: (
        "staff", "/admin/referrals/new/", {"applicant": str(w.applicant.id), "request": str(w.other_request.id),
                                          "reason": "1", "questions": "سؤال"}),
    "staff ticks another service's items on a request's checklist": lambda w: (
        "staff", f"/admin/requests/step/{w.request.id}/checklist", _foreign_ticks(w.request)),
    "staff attaches a file as another service's item": lambda w: (
        "staff", f"/requests/{w.request.id}/attachments", {"required_item_id": str(_foreign_item(w.request))}),
    "staff logs a contact on a channel that does not exist": lambda w: (
        "staff", "/admin/contacts/new/", {"kind": "inquiry", "channel": "999999", "summary": "مزور", "status": "open"}),
    "staff edits a contact that does not exist": lambda w: (
        "staff", "/admin/contacts/edit/?id=999999", {"kind": "inquiry", "channel": "1", "summary": "x", "status": "open"}),
}


def _foreign_item(request: ServiceRequest) -> int:
    other = db.session.scalar(db.select(ServiceType).where(ServiceType.id != request.service_type_id).limit(1))
    return other.required_items[0].id


def _foreign_ticks(request: ServiceRequest) -> dict:
    item = _foreign_item(request)
    return {"item": str(item), f"supplied-{item}": "y", f"matched-{item}": "y"}


@pytest.mark.parametrize("case", sorted(WRITES))
def test_a_post_naming_a_record_out_of_reach_changes_nothing(world, client, case):
    role, url, data = WRITES[case](world)
    login(client, role)
    with unchanged():
        response = post_form(client, url, data)
    assert response.status_code in (200, 302, 403, 404)


def test_another_applicants_household_member_cannot_be_changed_through_an_applicants_form(world, client):
    theirs = HouseholdMember(applicant=world.other_applicant, relation="son", full_name="ابن نورة", gender="male")
    db.session.add(theirs)
    db.session.commit()
    applicant = world.applicant
    login(client, "staff")
    form = {
        "national_id": applicant.national_id, "first_name": "سالم", "father_name": "علي", "grandfather_name": "صالح",
        "family_name": "الحربي", "gender": "male", "mobile": "0551234567", "preferred_contact": "sms",
        "members-0-id": str(theirs.id), "members-0-relation": "son", "members-0-full_name": "اسم مزور",
        "members-0-gender": "male",
    }
    post_form(client, f"/admin/applicants/edit/?id={applicant.id}", form, token_from=f"/admin/applicants/edit/?id={applicant.id}")
    db.session.expire_all()
    member = db.session.get(HouseholdMember, theirs.id)
    assert (member.applicant_id, member.full_name) == (world.other_applicant.id, "ابن نورة")
