"""A file moves between branches only when the receiving branch accepts; it takes everything with it."""
from __future__ import annotations

import pytest

from models import Applicant, AuditEntry, Contact, FileTransfer, ServiceRequest, User
from models.base import db
from models.branch import UserBranch
from sila.branches import transfers
from sila.core.errors import Refused
from tests.conftest import login, post_form
from tests.requests.test_concurrency import crowd, crowd_app, race  # noqa: F401  (crowd_app: a fixture)
from tests.security.conftest import user

AT_THE_COMMITTEE = "لجنة البحث"


def _ask(client, branches, reason="انتقل المستفيد إلى جدة"):  # type: ignore[no-untyped-def]
    login(client, "staff")
    return post_form(client, f"/admin/applicants/transfer/{branches.ours.applicant}",
                     {"to_branch": str(branches.other.id), "reason": reason}, follow_redirects=True)


def _switch(client, username: str) -> None:  # type: ignore[no-untyped-def]
    post_form(client, "/logout", {})
    login(client, username)


def _pending(branches) -> FileTransfer:  # type: ignore[no-untyped-def]
    return db.session.scalar(db.select(FileTransfer).where(FileTransfer.applicant_id == branches.ours.applicant))


def _actions(applicant_id: int) -> list[str]:
    return list(db.session.scalars(
        db.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "applicant", AuditEntry.entity_id == applicant_id,
               AuditEntry.action.like("transfer_%"))
        .order_by(AuditEntry.id)
    ))


def test_asking_leaves_the_file_where_it_is_until_the_receiving_branch_accepts(branches, client):
    page = _ask(client, branches).get_data(as_text=True)
    assert "يبقى الملف" in page
    transfer = _pending(branches)
    assert (transfer.outcome, transfer.from_branch_id, transfer.to_branch_id) == (
        "pending", branches.main.id, branches.other.id,
    )
    assert db.session.get(Applicant, branches.ours.applicant).branch_id == branches.main.id
    assert client.get(f"/admin/applicants/details/?id={branches.ours.applicant}").status_code == 200
    assert _actions(branches.ours.applicant) == ["transfer_request"]


def test_after_acceptance_the_file_and_all_around_it_are_at_the_new_branch_only(branches, client):
    _ask(client, branches)
    transfer = _pending(branches)
    _switch(client, "staff_other")
    incoming = client.get("/admin/transfers/").get_data(as_text=True)
    assert "سالم" in incoming
    page = post_form(client, f"/admin/transfers/step/{transfer.id}/accept", {"note": "مرحباً"},
                     follow_redirects=True).get_data(as_text=True)
    assert "أصبح الملف في فرعك" in page
    ours = branches.ours
    assert db.session.get(Applicant, ours.applicant).branch_id == branches.other.id
    assert {db.session.get(ServiceRequest, rid).branch_id for rid in (ours.request, ours.decided)} == {branches.other.id}
    assert db.session.get(Contact, ours.contact).branch_id == branches.other.id
    for url in (f"/admin/applicants/details/?id={ours.applicant}", f"/admin/requests/details/?id={ours.request}",
                f"/admin/contacts/details/?id={ours.contact}", f"/admin/referrals/details/?id={ours.referral}",
                f"/admin/visits/details/?id={ours.visit}", f"/attachments/{ours.attachment}",
                f"/admin/outbox/details/?id={ours.notification}"):
        assert client.get(url).status_code == 200, url
    history = client.get(f"/admin/applicants/details/?id={ours.applicant}").get_data(as_text=True)
    assert "قُبل النقل" in history and "انتقل المستفيد إلى جدة" in history
    _switch(client, "staff")
    for url in (f"/admin/applicants/details/?id={ours.applicant}", f"/admin/requests/details/?id={ours.request}",
                f"/attachments/{ours.attachment}"):
        assert client.get(url).status_code == 403, url
    assert "سالم" in client.get("/admin/transfers/").get_data(as_text=True)
    assert _actions(ours.applicant) == ["transfer_request", "transfer_accept"]


def test_a_declined_transfer_leaves_the_file_at_its_branch(branches, client):
    _ask(client, branches)
    transfer = _pending(branches)
    _switch(client, "staff_other")
    post_form(client, f"/admin/transfers/step/{transfer.id}/decline", {"note": "خارج نطاقنا"})
    assert db.session.get(FileTransfer, transfer.id).outcome == "declined"
    assert db.session.get(FileTransfer, transfer.id).answer_note == "خارج نطاقنا"
    assert db.session.get(Applicant, branches.ours.applicant).branch_id == branches.main.id
    assert _actions(branches.ours.applicant) == ["transfer_request", "transfer_decline"]


def test_only_the_receiving_branch_answers(branches, client):
    _ask(client, branches)
    transfer = _pending(branches)
    page = post_form(client, f"/admin/transfers/step/{transfer.id}/accept", {},
                     follow_redirects=True).get_data(as_text=True)
    assert "موظفو الفرع المستقبِل" in page
    _switch(client, "manager")
    assert client.get("/admin/transfers/").status_code == 200
    assert post_form(client, f"/admin/transfers/step/{transfer.id}/accept", {}).status_code == 403
    assert db.session.get(FileTransfer, transfer.id).outcome == "pending"
    assert db.session.get(Applicant, branches.ours.applicant).branch_id == branches.main.id


def test_a_file_with_a_request_at_the_committee_cannot_move_until_it_is_decided(branches, client):
    request = db.session.get(ServiceRequest, branches.ours.request)
    request.status = "submitted"
    db.session.commit()
    page = _ask(client, branches).get_data(as_text=True)
    assert AT_THE_COMMITTEE in page and "حتى" in page
    assert _pending(branches) is None


def test_a_request_submitted_after_the_ask_stops_the_acceptance(branches):
    transfer = transfers.request_transfer(branches.ours.applicant, branches.other.id, "سبب", user("staff"))
    request = db.session.get(ServiceRequest, branches.ours.request)
    request.status = "submitted"
    db.session.commit()
    with pytest.raises(Refused, match=AT_THE_COMMITTEE):
        transfers.accept(transfer.id, user("staff_other"))
    assert db.session.get(FileTransfer, transfer.id).outcome == "pending"
    assert db.session.get(Applicant, branches.ours.applicant).branch_id == branches.main.id


def test_another_branchs_file_cannot_be_asked_for(branches, client):
    login(client, "staff")
    response = post_form(client, f"/admin/applicants/transfer/{branches.theirs.applicant}",
                         {"to_branch": str(branches.main.id), "reason": "نريده"})
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(FileTransfer)) == 0


def test_a_reason_is_required(branches, client):
    page = _ask(client, branches, reason="  ").get_data(as_text=True)
    assert "سبب النقل" in page
    assert _pending(branches) is None


def _receivers(branches, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    people = crowd("staff", count)
    for person_id in people:
        db.session.add(UserBranch(user_id=person_id, branch_id=branches.other.id))
    db.session.commit()
    return people


@pytest.mark.parametrize("second", ["accept", "decline"])
def test_two_answers_at_once_exactly_one_wins(branches, crowd_app, second):  # noqa: F811  (the fixture)
    transfer_id = transfers.request_transfer(branches.ours.applicant, branches.other.id, "سبب", user("staff")).id
    applicant_id, receiving = branches.ours.applicant, branches.other.id
    people = _receivers(branches, 2)
    result = race(crowd_app, [
        ("accept", lambda actor: transfers.accept(transfer_id, actor), people[0]),
        (second, lambda actor: getattr(transfers, second)(transfer_id, actor), people[1]),
    ])
    assert len(result.winners) == 1 and len(result.refusals) == 1
    assert "أُجيب" in str(result.refusals[0])
    [(winner, _who)] = result.winners
    db.session.expire_all()
    outcome = db.session.get(FileTransfer, transfer_id).outcome
    assert outcome == ("accepted" if winner == "accept" else "declined")
    moved = db.session.get(Applicant, applicant_id).branch_id == receiving
    assert moved == (outcome == "accepted")
    assert len(_actions(applicant_id)) == 2


def test_a_user_of_neither_branch_sees_no_transfer(branches, client):
    transfers.request_transfer(branches.ours.applicant, branches.other.id, "سبب", user("staff"))
    outsider = User(username="staff_far", full_name="بعيد", role="staff")
    outsider.set_password("sila-demo-staff_far")
    db.session.add(outsider)
    db.session.commit()
    login(client, "staff_far")
    assert "سالم" not in client.get("/admin/transfers/").get_data(as_text=True)
