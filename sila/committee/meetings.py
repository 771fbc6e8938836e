"""Committee meetings as guarded steps: attendance, agenda, votes and the count that decides.

A meeting is planned, then held (members vote), then closed. Its secretary
(relations staff or the committee's chair) or the chair manages it; only
members who attend vote, never on a request they verified or submitted.

The count on an item (`count`) follows one written rule:
- Quorum: the attending members who may vote on this request (present and
  without a conflict of interest) must be at least the committee's quorum.
- Majority rule: every one of them has voted; abstentions are not counted,
  and the request is accepted when approvals are more than rejections
  (strictly more than half of the votes cast), rejected when rejections are.
  Equal counts, all abstaining included, are a tie.
- Chair rule: with a quorum, the chair's own approve or reject decides;
  others' votes are recorded for the minutes.
When the rule is met the decision goes through `transitions.decide`, the same
path and conflict-of-interest guard as a single member's decision, in the name
of a member who voted for it (the chair first); otherwise the item stays open
and `AgendaItem.note` says why, in Arabic. Either way the count's audit entry,
and the decision's, name who pressed "count" as the actor: the member the
decision is in the name of is the decision's `decided_by` and the count's note.

Each step locks its row, checks who acts and what must be true, changes it,
writes one audit entry and commits — or changes nothing and raises `Refused`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.base import db
from models.committee import AgendaItem, Committee, CommitteeMember, Decision, Meeting, MeetingAttendee, Vote
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, RequestStatus, Role, VoteChoice, label
from models.request import ServiceRequest
from models.stored_document import DocumentKind
from models.user import User
from sila.aid.grants import GrantTerms
from sila.branches.scope import may_reach, visible
from sila.core.audit.recorder import record
from sila.core.errors import Refused
from sila.core.pdf.stored import ask_for
from sila.core.step_permissions import require_role
from sila.core.unit_of_work import committed, locked_row
from sila.requests import transitions
from sila.requests.next_steps import conflict_of_interest

OPEN_MEETING = frozenset({MeetingStatus.planned, MeetingStatus.held})
CONFLICT = _l("You verified or submitted this request, so you cannot decide on it (conflict of interest).")
NOT_MANAGER = _l("Only the meeting's secretary or the committee's chair can do this.")
OTHER_BRANCH = _l("This request belongs to a file of another branch.")


def _locked_meeting(meeting_id: int) -> Meeting:
    return locked_row(Meeting, meeting_id, _l("This meeting does not exist."))


def _locked_item(item_id: int, actor: User) -> AgendaItem:
    """The item, if its request is at the actor's branches: a meeting may span branches, its items do not."""
    item = locked_row(AgendaItem, item_id, _l("This agenda item does not exist."))
    if not may_reach(AgendaItem, item.id, actor):
        raise Refused(OTHER_BRANCH)
    return item


def members_of(committee_id: int) -> list[User]:
    """The committee's members, the chair first."""
    return list(db.session.scalars(
        db.select(User).join(CommitteeMember, CommitteeMember.user_id == User.id)
        .where(CommitteeMember.committee_id == committee_id)
        .order_by(CommitteeMember.is_chair.desc(), User.full_name)
    ))


def chair_of(committee_id: int) -> User | None:
    return db.session.scalar(
        db.select(User).join(CommitteeMember, CommitteeMember.user_id == User.id)
        .where(CommitteeMember.committee_id == committee_id, CommitteeMember.is_chair.is_(True))
        .limit(1)
    )


def is_member(committee_id: int, user: User | None) -> bool:
    return user is not None and db.session.scalar(
        db.select(CommitteeMember.id).filter_by(committee_id=committee_id, user_id=user.id)
    ) is not None


def attendees_of(meeting_id: int) -> list[User]:
    return list(db.session.scalars(
        db.select(User).join(MeetingAttendee, MeetingAttendee.user_id == User.id)
        .where(MeetingAttendee.meeting_id == meeting_id).order_by(User.full_name)
    ))


def _is_chair(committee_id: int, user: User | None) -> bool:
    chair = chair_of(committee_id)
    return user is not None and chair is not None and chair.id == user.id


def may_create(actor: User | None, committee_id: int | None = None) -> bool:
    """Relations staff, or a committee's chair, call meetings."""
    if actor is None or not actor.is_active:
        return False
    if actor.role == Role.staff:
        return True
    chaired = db.select(CommitteeMember.id).filter_by(user_id=actor.id, is_chair=True)
    if committee_id is not None:
        chaired = chaired.filter_by(committee_id=committee_id)
    return actor.role == Role.committee and db.session.scalar(chaired.limit(1)) is not None


def may_manage(meeting: Meeting, actor: User | None) -> bool:
    """The meeting's secretary or the committee's chair sets attendance and agenda and counts votes."""
    if actor is None or not actor.is_active:
        return False
    return actor.id == meeting.secretary_id or _is_chair(meeting.committee_id, actor)


def _require_manager(meeting: Meeting, actor: User) -> None:
    if not may_manage(meeting, actor):
        raise Refused(NOT_MANAGER)


def _require_meeting_status(meeting: Meeting, allowed: Iterable[str]) -> None:
    if meeting.status not in allowed:
        raise Refused(_(
            "This step is not possible while the meeting is “%(status)s”.",
            status=label(MeetingStatus, meeting.status),
        ))


def next_number(committee_id: int) -> int:
    highest = db.session.scalar(db.select(db.func.max(Meeting.number)).where(Meeting.committee_id == committee_id))
    return (highest or 0) + 1


def create_meeting(
    committee_id: int,
    actor: User,
    held_on: date | None,
    place: str | None = None,
    number: int | None = None,
    secretary_id: int | None = None,
) -> Meeting:
    """Call a meeting: its number is unique within the committee; the secretary is staff or the chair."""
    with committed():
        committee = db.session.get(Committee, committee_id) if committee_id else None
        if committee is None or not committee.is_active:
            raise Refused(_l("Choose an active committee."))
        if not may_create(actor, committee.id):
            raise Refused(_l("Only relations staff or the committee's chair can call a meeting."))
        if held_on is None:
            raise Refused(_l("Enter the date of the meeting."))
        number = next_number(committee.id) if number is None else number
        if number < 1:
            raise Refused(_l("The meeting number must be a positive whole number."))
        taken = db.session.scalar(db.select(Meeting.id).filter_by(committee_id=committee.id, number=number))
        if taken is not None:
            raise Refused(_("This committee already has a meeting numbered %(number)s.", number=number))
        secretary = db.session.get(User, secretary_id or actor.id)
        if secretary is None or not secretary.is_active or not (
            secretary.role == Role.staff or _is_chair(committee.id, secretary)
        ):
            raise Refused(_l("The secretary must be a relations staff member or the committee's chair."))
        meeting = Meeting(
            committee_id=committee.id, number=number, held_on=held_on, place=(place or "").strip()[:200] or None,
            status=MeetingStatus.planned, secretary_id=secretary.id,
        )
        db.session.add(meeting)
        db.session.flush()
        record("create", "meeting", meeting.id, field="number", new=number, note=meeting.place, actor_id=actor.id)
    return meeting


def set_attendees(meeting_id: int, actor: User, user_ids: Iterable[int]) -> list[User]:
    """Who attends, among the committee's members: only they vote and count towards the quorum."""
    with committed():
        meeting = _locked_meeting(meeting_id)
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, OPEN_MEETING)
        members = {user.id: user for user in members_of(meeting.committee_id)}
        wanted = set(user_ids)
        if not wanted <= members.keys():
            raise Refused(_l("Only members of this committee can be recorded as attending."))
        current = {row.user_id: row for row in db.session.scalars(
            db.select(MeetingAttendee).filter_by(meeting_id=meeting.id)
        )}
        for user_id in current.keys() - wanted:
            db.session.delete(current[user_id])
        for user_id in wanted - current.keys():
            db.session.add(MeetingAttendee(meeting_id=meeting.id, user_id=user_id))
        names = "، ".join(members[user_id].full_name for user_id in sorted(wanted))
        record("attendance", "meeting", meeting.id, field="attendees", new=len(wanted), note=names or None,
               actor_id=actor.id)
    return [members[user_id] for user_id in sorted(wanted)]


def _on_open_agenda() -> object:
    """Requests already waiting on the agenda of a planned or held meeting."""
    return (
        db.select(AgendaItem.request_id).join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.status.in_(OPEN_MEETING))
    )


def eligible_requests(actor: User | None = None) -> list[ServiceRequest]:
    """Requests submitted and not yet decided, on no open meeting's agenda: oldest submission first;
    only those of the actor's branches when one is named."""
    query = (
        db.select(ServiceRequest)
        .where(ServiceRequest.status == RequestStatus.submitted, ServiceRequest.id.not_in(_on_open_agenda()))
        .order_by(ServiceRequest.submitted_at, ServiceRequest.id)
    )
    return list(db.session.scalars(query if actor is None else visible(query, ServiceRequest, actor)))


def _next_position(meeting_id: int) -> int:
    highest = db.session.scalar(db.select(db.func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id))
    return (highest or 0) + 1


def add_item(meeting_id: int, actor: User, request_id: int) -> AgendaItem:
    """Put one submitted, undecided request on the agenda."""
    with committed():
        meeting = _locked_meeting(meeting_id)
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, OPEN_MEETING)
        request = db.session.get(ServiceRequest, request_id) if request_id else None
        if request is not None and not may_reach(ServiceRequest, request.id, actor):
            raise Refused(OTHER_BRANCH)
        if request is None or request.status != RequestStatus.submitted:
            raise Refused(_l("Only requests submitted to the committee and not yet decided can go on the agenda."))
        if db.session.scalar(_on_open_agenda().where(AgendaItem.request_id == request.id).limit(1)) is not None:
            raise Refused(_l("This request is already on the agenda of an open meeting."))
        item = AgendaItem(meeting_id=meeting.id, request_id=request.id, position=_next_position(meeting.id))
        db.session.add(item)
        db.session.flush()
        record("agenda_add", "meeting", meeting.id, field="request", new=request.number, actor_id=actor.id)
    return item


def add_all_items(meeting_id: int, actor: User) -> int:
    """Every request waiting for the committee, in the order they were submitted."""
    with committed():
        meeting = _locked_meeting(meeting_id)
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, OPEN_MEETING)
        waiting = eligible_requests(actor)
        if not waiting:
            raise Refused(_l("No submitted request is waiting for the agenda."))
        position = _next_position(meeting.id)
        for offset, request in enumerate(waiting):
            db.session.add(AgendaItem(meeting_id=meeting.id, request_id=request.id, position=position + offset))
        record("agenda_add", "meeting", meeting.id, field="request", new=len(waiting),
               note="، ".join(request.number for request in waiting), actor_id=actor.id)
    return len(waiting)


def item_decision(item: AgendaItem) -> Decision | None:
    """The decision this meeting reached on the item, if any."""
    return db.session.scalar(
        db.select(Decision).filter_by(meeting_id=item.meeting_id, request_id=item.request_id).limit(1)
    )


def _require_undecided(item: AgendaItem) -> None:
    if item_decision(item) is not None:
        raise Refused(_l("The committee has already decided this item."))
    if item.request.status != RequestStatus.submitted:
        raise Refused(_l("This request is no longer awaiting the committee's decision."))


def drop_item(item_id: int, actor: User) -> None:
    """Take an undecided request off the agenda; votes already cast on it go with it."""
    with committed():
        item = _locked_item(item_id, actor)
        meeting = item.meeting
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, OPEN_MEETING)
        if item_decision(item) is not None:
            raise Refused(_l("The committee has already decided this item."))
        number = item.request.number
        db.session.execute(db.delete(Vote).where(Vote.agenda_item_id == item.id))
        db.session.delete(item)
        record("agenda_drop", "meeting", meeting.id, field="request", old=number, actor_id=actor.id)


def start_meeting(meeting_id: int, actor: User) -> Meeting:
    """The meeting is under way: from now on attending members vote."""
    with committed():
        meeting = _locked_meeting(meeting_id)
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, {MeetingStatus.planned})
        meeting.status = MeetingStatus.held
        record("start", "meeting", meeting.id, field="status", old=MeetingStatus.planned, new=MeetingStatus.held,
               actor_id=actor.id)
    return meeting


def close_meeting(meeting_id: int, actor: User) -> Meeting:
    """The meeting ends; items left undecided say so in the minutes and can go to a later meeting."""
    with committed():
        meeting = _locked_meeting(meeting_id)
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, {MeetingStatus.held})
        for item in db.session.scalars(db.select(AgendaItem).filter_by(meeting_id=meeting.id)):
            if not item.note and item_decision(item) is None:
                item.note = _("The meeting ended without a decision on this request.")
        meeting.status = MeetingStatus.closed
        record("close", "meeting", meeting.id, field="status", old=MeetingStatus.held, new=MeetingStatus.closed,
               actor_id=actor.id)
        # The minutes are final now: a job renders and stores them (sila/core/pdf/stored.py).
        ask_for(DocumentKind.minutes, meeting.id)
    return meeting


def may_vote(item: AgendaItem, actor: User | None) -> bool:
    """Whether to offer the vote form; `cast_vote` checks the same and more."""
    if actor is None or actor.role != Role.committee or not actor.is_active:
        return False
    return (
        item.meeting.status == MeetingStatus.held
        and item.request.status == RequestStatus.submitted
        and item_decision(item) is None
        and not conflict_of_interest(item.request, actor)
        and actor.id in {user.id for user in attendees_of(item.meeting_id)}
    )


def cast_vote(item_id: int, actor: User, choice: str, comment: str | None = None) -> Vote:
    """A member present at the held meeting votes on an item, or changes his vote until it is decided."""
    with committed():
        item = _locked_item(item_id, actor)
        meeting = item.meeting
        require_role(actor, Role.committee)
        if not is_member(meeting.committee_id, actor):
            raise Refused(_l("Only members of this committee can vote."))
        _require_meeting_status(meeting, {MeetingStatus.held})
        if actor.id not in {user.id for user in attendees_of(meeting.id)}:
            raise Refused(_l("Only members recorded as attending the meeting can vote."))
        _require_undecided(item)
        if conflict_of_interest(item.request, actor):
            raise Refused(CONFLICT)
        if choice not in {c.value for c in VoteChoice}:
            raise Refused(_l("Choose approve, reject or abstain."))
        text = (comment or "").strip()
        if len(text) > transitions.MAX_TEXT:
            raise Refused(_l("The text is too long (at most 4000 characters)."))
        vote = db.session.scalar(db.select(Vote).filter_by(agenda_item_id=item.id, member_id=actor.id))
        old = vote.choice if vote is not None else None
        if vote is None:
            vote = Vote(agenda_item_id=item.id, member_id=actor.id)
            db.session.add(vote)
        vote.choice, vote.comment = choice, text or None
        record("vote", "agenda_item", item.id, field="choice", old=old, new=choice, note=vote.comment,
               actor_id=actor.id)
    return vote


@dataclass
class Count:
    """The votes on an item under the committee's rule, and what they decide."""

    approve: int = 0
    reject: int = 0
    abstain: int = 0
    eligible: list[User] = field(default_factory=list)
    outcome: str | None = None
    decider: User | None = None
    reasons: list[str] = field(default_factory=list)
    note: str | None = None


def _votes(item: AgendaItem) -> list[Vote]:
    return list(db.session.scalars(db.select(Vote).filter_by(agenda_item_id=item.id).order_by(Vote.id)))


def count(item: AgendaItem) -> Count:
    """Apply the committee's rule to the item's votes; changes nothing."""
    committee = item.meeting.committee
    result = Count(eligible=[
        user for user in attendees_of(item.meeting_id)
        if user.is_active and not conflict_of_interest(item.request, user)
    ])
    eligible_ids = {user.id for user in result.eligible}
    votes = [vote for vote in _votes(item) if vote.member_id in eligible_ids]
    for vote in votes:
        setattr(result, vote.choice, getattr(result, vote.choice) + 1)
    if len(result.eligible) < committee.quorum:
        result.note = _(
            "No quorum: %(present)s attending members may vote on this request, the committee needs %(quorum)s.",
            present=len(result.eligible), quorum=committee.quorum,
        )
        return result
    chair = chair_of(committee.id)
    if committee.decision_rule == DecisionRule.chair:
        chair_vote = next((vote for vote in votes if chair is not None and vote.member_id == chair.id), None)
        if chair is None or chair.id not in eligible_ids:
            result.note = _("The committee decides by its chair's vote, but the chair is absent or has a "
                            "conflict of interest on this request.")
        elif chair_vote is None:
            result.note = _("Waiting for the chair's vote.")
        elif chair_vote.choice == VoteChoice.abstain:
            result.note = _("The chair abstained, so there is no decision under the chair's rule.")
        else:
            result.outcome = _outcome(chair_vote.choice)
            result.decider = chair
        _reasons(result, votes, chair)
        return result
    voted = {vote.member_id for vote in votes}
    waiting = [user.full_name for user in result.eligible if user.id not in voted]
    if waiting:
        result.note = _("Waiting for the votes of: %(names)s.", names="، ".join(waiting))
    elif result.approve == result.reject == 0:
        result.note = _("Every member abstained, so there is no decision.")
    elif result.approve == result.reject:
        result.note = _("Tie: %(approve)s approve and %(reject)s reject, so there is no decision.",
                        approve=result.approve, reject=result.reject)
    else:
        choice = VoteChoice.approve if result.approve > result.reject else VoteChoice.reject
        result.outcome = _outcome(choice)
        winners = [vote.member_id for vote in votes if vote.choice == choice]
        decider_id = chair.id if chair is not None and chair.id in winners else winners[0]
        result.decider = next(user for user in result.eligible if user.id == decider_id)
    _reasons(result, votes, chair)
    return result


def _outcome(choice: str) -> str:
    return DecisionOutcome.accepted if choice == VoteChoice.approve else DecisionOutcome.rejected


def _reasons(result: Count, votes: list[Vote], chair: User | None) -> None:
    """The rejecting votes' comments, the chair's first: the reason the applicant is given."""
    if result.outcome != DecisionOutcome.rejected:
        return
    rejecting = sorted(
        (vote for vote in votes if vote.choice == VoteChoice.reject and vote.comment),
        key=lambda vote: (chair is None or vote.member_id != chair.id, vote.id),
    )
    result.reasons = list(dict.fromkeys(vote.comment for vote in rejecting))


def tally(item_id: int, actor: User, reason: str | None = None, grant: GrantTerms | None = None) -> Count:
    """Count the votes; a met rule records the decision through `decide`, otherwise the note says why.

    A rejection needs a reason: the rejecting votes' comments, or `reason`
    when none of them wrote one. What is granted, typed on the count's form,
    goes to `decide` with the acceptance, so a meeting's grant is recorded by
    the same step, checks and transaction as a single member's.
    """
    with committed():
        item = _locked_item(item_id, actor)
        meeting = item.meeting
        _require_manager(meeting, actor)
        _require_meeting_status(meeting, {MeetingStatus.held})
        _require_undecided(item)
        result = count(item)
        if result.outcome is None:
            item.note = result.note
            record("tally", "agenda_item", item.id, field="note", new=result.note, actor_id=actor.id)
            return result
        given = (reason or "").strip()
        because = "؛ ".join(result.reasons) or given
        if result.outcome == DecisionOutcome.rejected and not because:
            raise Refused(_l("No rejecting vote gave a reason: write the reason for the rejection."))
        item.note = None
        record("tally", "agenda_item", item.id, field="outcome", new=result.outcome, note=result.decider.full_name,
               actor_id=actor.id)
        transitions.decide(item.request_id, result.decider, result.outcome, because or None, meeting_id=meeting.id,
                           counted_by=actor, grant=grant)
    return result


@dataclass(frozen=True)
class VoteLine:
    member: str
    choice: str
    comment: str | None


@dataclass(frozen=True)
class AgendaLine:
    """One item as the meeting page and the minutes show it: votes, count, decision or note."""

    item: AgendaItem
    votes: list[VoteLine]
    count: Count
    decision: Decision | None


def agenda_of(meeting_id: int, actor: User | None = None) -> list[AgendaLine]:
    """The meeting's agenda in order, each item with its votes and where it stands; only the items of the
    actor's branches when one is named (a meeting of an association-wide committee spans branches)."""
    query = db.select(AgendaItem).filter_by(meeting_id=meeting_id).order_by(AgendaItem.position, AgendaItem.id)
    items = db.session.scalars(query if actor is None else visible(query, AgendaItem, actor))
    lines = []
    for item in items:
        voters = {user.id: user.full_name for user in db.session.scalars(
            db.select(User).join(Vote, Vote.member_id == User.id).where(Vote.agenda_item_id == item.id)
        )}
        votes = [
            VoteLine(voters.get(vote.member_id, ""), label(VoteChoice, vote.choice), vote.comment)
            for vote in _votes(item)
        ]
        lines.append(AgendaLine(item=item, votes=votes, count=count(item), decision=item_decision(item)))
    return lines
