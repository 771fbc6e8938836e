"""One committee per branch: a committee member assigned to a branch reads and decides only its requests."""
from __future__ import annotations

from models import Applicant, Decision, ServiceRequest
from models.base import db
from tests.conftest import login, post_form
from tests.factories import make_request


def _submitted(branches):  # type: ignore[no-untyped-def]
    ours = make_request("submitted", applicant=db.session.get(Applicant, branches.ours.applicant))
    theirs = make_request("submitted", applicant=db.session.get(Applicant, branches.theirs.applicant))
    return ours.id, theirs.id, ours.number, theirs.number


def test_a_branch_committee_member_lists_and_decides_only_his_branch(branches, client):
    ours, theirs, our_number, their_number = _submitted(branches)
    login(client, "committee_main")
    queue = client.get("/admin/committee_queue/").get_data(as_text=True)
    assert our_number in queue and their_number not in queue
    assert client.get(f"/admin/committee_queue/details/?id={theirs}").status_code == 403
    response = post_form(client, f"/admin/committee_queue/step/{theirs}/decide", {"outcome": "accepted"},
                         token_from=f"/admin/committee_queue/details/?id={ours}")
    assert response.status_code == 403
    assert db.session.get(ServiceRequest, theirs).status == "submitted"
    assert db.session.scalar(db.select(Decision.id).where(Decision.request_id == theirs)) is None
    response = post_form(client, f"/admin/committee_queue/step/{ours}/decide", {"outcome": "accepted"},
                         token_from=f"/admin/committee_queue/details/?id={ours}")
    assert response.status_code == 302
    assert db.session.get(ServiceRequest, ours).status == "accepted"


def test_the_association_wide_committee_lists_both_branches(branches, client):
    _, _, our_number, their_number = _submitted(branches)
    login(client, "committee")
    queue = client.get("/admin/committee_queue/").get_data(as_text=True)
    assert our_number in queue and their_number in queue
