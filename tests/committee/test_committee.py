"""Committee meetings: attendance, agenda, votes, the count under each rule, decisions and minutes."""
from __future__ import annotations

import re
from datetime import date

import pypdfium2
import pytest

from models import AuditEntry, ServiceRequest, User
from models.base import db
from models.committee import AgendaItem, Committee, CommitteeMember, Decision, Meeting, Vote
from sila.committee import meetings
from sila.core.errors import Refused
from sila.core.pdf.stored import render_pending
from tests.conftest import login, post_form
from tests.factories import make_request

MEETING_DAY = date(2026, 3, 1)


def _user(username: str) -> User:
    return db.session.scalar(db.select(User).where(User.username == username))


def _committee() -> Committee:
    return db.session.scalar(db.select(Committee).order_by(Committee.id).limit(1))


def _member(username: str, committee: Committee | None = None) -> User:
    """Another committee-role user working for the whole association, made a member of the committee unless
    told otherwise."""
    user = User(username=username, full_name=f"عضو {username}", role="committee", all_branches=True)
    user.set_password("a-long-test-password")
    db.session.add(user)
    db.session.flush()
    if committee is not None:
        db.session.add(CommitteeMember(committee_id=committee.id, user_id=user.id))
    db.session.commit()
    return user


def _submitted(**overrides: object) -> ServiceRequest:
    staff = _user("staff")
    values = {"verified_by_id": staff.id, "submitted_by_id": staff.id, **overrides}
    return make_request("submitted", **values)


def _held(attendees: list[User], requests: list[ServiceRequest]) -> tuple[Meeting, list[AgendaItem]]:
    """A held meeting of the research committee with these attendees and agenda."""
    staff = _user("staff")
    meeting = meetings.create_meeting(_committee().id, staff, MEETING_DAY, "القاعة")
    meetings.set_attendees(meeting.id, staff, [user.id for user in attendees])
    items = [meetings.add_item(meeting.id, staff, request.id) for request in requests]
    meetings.start_meeting(meeting.id, staff)
    return meeting, items


def _decision(request: ServiceRequest) -> Decision | None:
    return db.session.scalar(db.select(Decision).where(Decision.request_id == request.id))


def _status(request: ServiceRequest) -> str:
    return db.session.scalar(db.select(ServiceRequest.status).where(ServiceRequest.id == request.id))


def _note(item: AgendaItem) -> str | None:
    return db.session.scalar(db.select(AgendaItem.note).where(AgendaItem.id == item.id))


def test_majority_with_a_quorum_accepts_through_the_single_decision_path(rakeen):
    chair, second, third = _user("committee"), _user("committee2"), _member("committee3", _committee())
    request = _submitted()
    meeting, [item] = _held([chair, second, third], [request])
    meetings.cast_vote(item.id, chair, "approve", "مستحق")
    meetings.cast_vote(item.id, second, "reject", "الدخل مرتفع")
    meetings.cast_vote(item.id, third, "approve")

    result = meetings.tally(item.id, _user("staff"))

    assert result.outcome == "accepted" and (result.approve, result.reject) == (2, 1)
    decision = _decision(request)
    assert decision.outcome == "accepted" and decision.meeting_id == meeting.id and decision.decided_by_id == chair.id
    assert _status(request) == "accepted"
    assert db.session.scalar(db.select(AuditEntry.action).where(
        AuditEntry.entity_type == "request", AuditEntry.entity_id == request.id, AuditEntry.action == "decide"
    )) == "decide"
    with pytest.raises(Refused):
        meetings.cast_vote(item.id, chair, "reject")


def test_a_majority_rejection_gives_the_rejecting_comments_as_the_reason(rakeen):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _meeting, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "reject", "لا تنطبق الشروط")
    meetings.cast_vote(item.id, second, "reject", "الملف ناقص")

    meetings.tally(item.id, chair)

    decision = _decision(request)
    assert decision.outcome == "rejected"
    assert "لا تنطبق الشروط" in decision.reason and "الملف ناقص" in decision.reason
    assert _status(request) == "rejected"


def test_a_rejection_nobody_explained_needs_a_reason_when_counting(rakeen):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _meeting, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "reject")
    meetings.cast_vote(item.id, second, "abstain")

    with pytest.raises(Refused):
        meetings.tally(item.id, chair)
    assert _status(request) == "submitted" and _decision(request) is None

    meetings.tally(item.id, chair, "لم يثبت الاحتياج")
    assert _decision(request).reason == "لم يثبت الاحتياج"


def test_missing_quorum_leaves_the_item_open_with_an_explanation(rakeen):
    chair = _user("committee")
    request = _submitted()
    _meeting, [item] = _held([chair], [request])
    meetings.cast_vote(item.id, chair, "approve")

    result = meetings.tally(item.id, _user("staff"))

    assert result.outcome is None
    assert _status(request) == "submitted" and _decision(request) is None
    assert _note(item) == result.note and "1" in result.note and "2" in result.note


def test_a_tie_stays_open_until_a_member_changes_his_vote(rakeen):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _meeting, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "approve")
    meetings.cast_vote(item.id, second, "reject", "غير مستحق")

    assert meetings.tally(item.id, chair).outcome is None
    assert _note(item) and _status(request) == "submitted"

    meetings.cast_vote(item.id, second, "approve")
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote).where(Vote.agenda_item_id == item.id)) == 2
    assert meetings.tally(item.id, chair).outcome == "accepted"
    assert _status(request) == "accepted" and _note(item) is None


def test_the_majority_waits_for_every_attending_member(rakeen):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _meeting, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "approve")

    result = meetings.tally(item.id, chair)

    assert result.outcome is None and second.full_name in result.note
    assert _status(request) == "submitted"


def test_under_the_chair_rule_the_chairs_vote_decides(rakeen):
    committee = _committee()
    committee.decision_rule = "chair"
    db.session.commit()
    chair, second, third = _user("committee"), _user("committee2"), _member("committee3", committee)
    request, other = _submitted(), _submitted()
    _meeting, [item, waiting] = _held([chair, second, third], [request, other])
    meetings.cast_vote(item.id, second, "reject", "لا")
    meetings.cast_vote(item.id, third, "reject", "لا")
    meetings.cast_vote(waiting.id, second, "approve")

    assert meetings.tally(waiting.id, chair).outcome is None
    meetings.cast_vote(item.id, chair, "approve")
    assert meetings.tally(item.id, chair).outcome == "accepted"
    assert _decision(request).decided_by_id == chair.id and _status(request) == "accepted"
    assert _status(other) == "submitted"


def test_a_member_with_a_conflict_of_interest_cannot_vote_nor_count_for_the_quorum(rakeen):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted(verified_by_id=second.id)
    _meeting, [item] = _held([chair, second], [request])

    with pytest.raises(Refused, match="conflict of interest|تعارض"):
        meetings.cast_vote(item.id, second, "approve")
    meetings.cast_vote(item.id, chair, "approve")
    result = meetings.tally(item.id, chair)

    assert result.outcome is None and len(result.eligible) == 1
    assert _status(request) == "submitted"


def test_only_attending_members_of_the_committee_vote(rakeen):
    chair, second = _user("committee"), _user("committee2")
    outsider = _member("outsider")
    request = _submitted()
    meeting, [item] = _held([chair], [request])

    for voter in (outsider, second, _user("staff")):
        with pytest.raises(Refused):
            meetings.cast_vote(item.id, voter, "approve")
    with pytest.raises(Refused):
        meetings.set_attendees(meeting.id, _user("staff"), [chair.id, outsider.id])
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote)) == 0


def test_the_agenda_takes_only_submitted_undecided_requests_once(rakeen):
    staff = _user("staff")
    first, second, received = _submitted(), _submitted(), make_request("received")
    meeting = meetings.create_meeting(_committee().id, staff, MEETING_DAY)
    with pytest.raises(Refused):
        meetings.add_item(meeting.id, staff, received.id)
    item = meetings.add_item(meeting.id, staff, first.id)
    with pytest.raises(Refused):
        meetings.add_item(meeting.id, staff, first.id)
    other = meetings.create_meeting(_committee().id, staff, MEETING_DAY)
    with pytest.raises(Refused):
        meetings.add_item(other.id, staff, first.id)

    assert meetings.add_all_items(meeting.id, staff) == 1
    assert [line.item.request_id for line in meetings.agenda_of(meeting.id)] == [first.id, second.id]
    meetings.drop_item(item.id, staff)
    assert [line.item.request_id for line in meetings.agenda_of(meeting.id)] == [second.id]
    with pytest.raises(Refused):
        meetings.add_item(meeting.id, _user("committee2"), first.id)


def test_meeting_numbers_are_unique_per_committee_and_the_secretary_is_staff_or_the_chair(rakeen):
    staff = _user("staff")
    first = meetings.create_meeting(_committee().id, staff, MEETING_DAY)
    assert first.number == 1 and first.secretary_id == staff.id
    with pytest.raises(Refused):
        meetings.create_meeting(_committee().id, staff, MEETING_DAY, number=1)
    with pytest.raises(Refused):
        meetings.create_meeting(_committee().id, staff, MEETING_DAY, secretary_id=_user("committee2").id)
    with pytest.raises(Refused):
        meetings.create_meeting(_committee().id, _user("committee2"), MEETING_DAY)
    by_chair = meetings.create_meeting(_committee().id, _user("committee"), MEETING_DAY)
    assert by_chair.number == 2 and by_chair.secretary_id == _user("committee").id


def test_closing_the_meeting_notes_undecided_items_and_ends_voting(rakeen):
    chair, second = _user("committee"), _user("committee2")
    meeting, [item] = _held([chair, second], [_submitted()])
    meetings.close_meeting(meeting.id, _user("staff"))

    assert _note(item)
    with pytest.raises(Refused):
        meetings.cast_vote(item.id, chair, "approve")
    assert meetings.eligible_requests()[0].id == item.request_id


def _meeting_page(client, meeting_id: int) -> str:  # type: ignore[no-untyped-def]
    return f"/admin/meetings/details/?id={meeting_id}"


def test_a_meeting_run_on_screen_from_agenda_to_minutes(rakeen, client):
    accepted, rejected = _submitted(), _submitted()
    login(client, "staff")
    response = post_form(client, "/admin/meetings/new/", {
        "committee": str(_committee().id), "number": "", "held_on": "01/03/2026", "place": "قاعة الجمعية",
        "secretary": "__None",
    }, token_from="/admin/meetings/new/")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    meeting = db.session.scalar(db.select(Meeting))
    page = _meeting_page(client, meeting.id)
    chair, second = _user("committee"), _user("committee2")
    for step, data in (("attendees", {"attendee": [str(chair.id), str(second.id)]}), ("add_all", {}), ("start", {})):
        post_form(client, f"/admin/meetings/meeting/{meeting.id}/{step}", data, token_from=page)
    assert db.session.scalar(db.select(Meeting.status)) == "held"
    items = {item.request_id: item for item in db.session.scalars(db.select(AgendaItem))}
    assert set(items) == {accepted.id, rejected.id}
    screen = client.get(page).get_data(as_text=True)
    assert accepted.number in screen and accepted.applicant.full_name in screen

    for username in ("committee", "committee2"):
        post_form(client, "/logout", {})
        login(client, username)
        assert 'name="choice"' in client.get(page).get_data(as_text=True)
        post_form(client, f"/admin/meetings/item/{items[accepted.id].id}/vote", {"choice": "approve"}, token_from=page)
        post_form(client, f"/admin/meetings/item/{items[rejected.id].id}/vote",
                  {"choice": "reject", "comment": "الدخل يتجاوز الحد"}, token_from=page)
    post_form(client, f"/admin/meetings/item/{items[accepted.id].id}/tally", {}, token_from=page)
    assert _status(accepted) == "submitted"  # a member who is neither chair nor secretary does not count

    post_form(client, "/logout", {})
    login(client, "committee")
    post_form(client, f"/admin/meetings/item/{items[accepted.id].id}/tally", {}, token_from=page)
    post_form(client, "/logout", {})
    login(client, "staff")
    post_form(client, f"/admin/meetings/item/{items[rejected.id].id}/tally", {}, token_from=page)
    assert _status(accepted) == "accepted" and _status(rejected) == "rejected"
    assert _decision(rejected).reason == "الدخل يتجاوز الحد" and _decision(rejected).meeting_id == meeting.id
    post_form(client, f"/admin/meetings/meeting/{meeting.id}/close", {}, token_from=page)
    assert db.session.scalar(db.select(Meeting.status)) == "closed"

    render_pending()  # the job prepares the final minutes
    pdf = client.get(f"/admin/meetings/minutes/{meeting.id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    text = pypdfium2.PdfDocument(pdf.data)[0].get_textpage().get_text_range()
    assert str(meeting.number) in text and accepted.number in text
    assert "لجنة" in text and "البحث" in text and chair.full_name in text
    assert "1447 هـ" in text and "مارس 2026" in text  # Hijri beside Gregorian
    assert "الدخل يتجاوز الحد" in text and "مرفوض" in text


def test_a_tie_on_screen_shows_its_explanation(rakeen, client):
    chair, second = _user("committee"), _user("committee2")
    meeting, [item] = _held([chair, second], [_submitted()])
    meetings.cast_vote(item.id, chair, "approve")
    meetings.cast_vote(item.id, second, "reject", "لا")
    login(client, "staff")
    page = _meeting_page(client, meeting.id)
    post_form(client, f"/admin/meetings/item/{item.id}/tally", {}, token_from=page)

    screen = client.get(page).get_data(as_text=True)
    assert re.search(r'class="alert alert-warning item-note"[^>]*>\s*' + re.escape(_note(item)), screen)


def test_who_sees_and_changes_meetings_and_committees(rakeen, client):
    meeting, [item] = _held([_user("committee"), _user("committee2")], [_submitted()])
    login(client, "manager")
    assert client.get("/admin/meetings/").status_code == 200
    assert client.get("/admin/committees/").status_code == 200
    assert client.get(f"/admin/committees/edit/?id={_committee().id}").status_code == 403
    refused = post_form(client, f"/admin/meetings/item/{item.id}/vote", {"choice": "approve"})
    assert refused.status_code == 403
    post_form(client, "/logout", {})

    login(client, "researcher")
    assert client.get("/admin/meetings/").status_code == 403
    post_form(client, "/logout", {})

    login(client, "committee2")
    assert client.get(_meeting_page(client, meeting.id)).status_code == 200
    assert client.get("/admin/committees/").status_code == 403
    not_chair = post_form(client, f"/admin/meetings/meeting/{meeting.id}/close", {}, follow_redirects=True)
    assert db.session.scalar(db.select(Meeting.status)) == "held" and not_chair.status_code == 200

    post_form(client, "/logout", {})
    login(client, "admin")
    assert client.get(f"/admin/committees/edit/?id={_committee().id}").status_code == 200


def test_the_demo_has_a_planned_meeting_with_submitted_requests(rakeen):
    from sila.settings.presets.demo_meetings import load_demo_meetings

    for _ in range(3):
        _submitted()
    assert load_demo_meetings() == 3
    assert load_demo_meetings() == 0
    meeting = db.session.scalar(db.select(Meeting))
    assert meeting.status == "planned" and meeting.secretary_id == _user("staff").id
    committee = _committee()
    assert committee.decision_rule == "majority" and committee.quorum == 2
    assert meetings.chair_of(committee.id).username == "committee"
    assert {user.username for user in meetings.attendees_of(meeting.id)} == {"committee", "committee2"}


def test_the_admin_sets_the_rule_the_quorum_and_one_chair(rakeen, client):
    committee = _committee()
    chair, second = _user("committee"), _user("committee2")
    rows = {row.user_id: row.id for row in db.session.scalars(db.select(CommitteeMember))}
    url = f"/admin/committees/edit/?id={committee.id}"
    form = {
        "name": committee.name, "decision_rule": "chair", "quorum": "3", "is_active": "y",
        "members-0-id": str(rows[chair.id]), "members-0-user": str(chair.id), "members-0-is_chair": "y",
        "members-1-id": str(rows[second.id]), "members-1-user": str(second.id),
    }
    login(client, "admin")
    two_chairs = post_form(client, url, {**form, "members-1-is_chair": "y"}, token_from=url, follow_redirects=True)
    assert two_chairs.status_code == 200
    db.session.refresh(committee)
    assert committee.decision_rule == "majority" and committee.quorum == 2

    assert post_form(client, url, form, token_from=url).status_code == 302
    db.session.refresh(committee)
    assert committee.decision_rule == "chair" and committee.quorum == 3
    assert meetings.chair_of(committee.id).id == chair.id


def test_a_failure_after_the_tally_decided_rolls_back_the_decision_and_the_count(rakeen, monkeypatch):
    chair, second = _user("committee"), _user("committee2")
    request = _submitted()
    _meeting, [item] = _held([chair, second], [request])
    meetings.cast_vote(item.id, chair, "approve")
    meetings.cast_vote(item.id, second, "approve")
    decide = meetings.transitions.decide

    def decide_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        decide(*args, **kwargs)
        raise RuntimeError("the server stopped after the decision was written")

    monkeypatch.setattr(meetings.transitions, "decide", decide_then_fail)
    with pytest.raises(RuntimeError):
        meetings.tally(item.id, chair)

    assert _decision(request) is None and _status(request) == "submitted"
    assert not db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(
        AuditEntry.action.in_(("decide", "tally"))
    ))
    monkeypatch.setattr(meetings.transitions, "decide", decide)
    assert meetings.tally(item.id, chair).outcome == "accepted" and _status(request) == "accepted"
