"""Committees (settings) and their meetings: attendance, agenda, votes, count and minutes.

Every change goes through sila/committee/meetings.py; these screens only turn
forms and buttons into those calls and show where each item stands.
"""
from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect
from flask_admin import expose
from flask_admin.model.form import InlineFormAdmin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import Optional

from admin.base import SilaModelView, choice_filter
from admin.steps import Step, StepsMixin
from forms.dual_date import DualDateField
from models.base import db
from models.committee import AgendaItem, Committee, CommitteeMember, Meeting, MeetingAttendee, Vote
from models.enums import DecisionOutcome, DecisionRule, MeetingStatus, Role, VoteChoice, choices, label
from models.stored_document import DocumentKind
from models.user import User
from sila.aid.grants import terms_from
from sila.aid.panel import usable_sources
from sila.branches.scope import may_reach
from sila.committee import meetings
from sila.committee.minutes import minutes_for
from sila.core.errors import Refused
from sila.core.pdf.stored import preparing
from sila.core.permissions import can_read


class CommitteeMemberInline(InlineFormAdmin):
    form_columns = ("id", "user", "is_chair")
    form_label = _l("Members")
    column_labels = {"user": _l("Member"), "is_chair": _l("Chair")}
    form_args = {"user": {"query_factory": lambda: User.query.filter_by(role=Role.committee, is_active=True)}}


def _members(_view: Any, _context: Any, model: Committee, _name: str) -> str:
    chair = meetings.chair_of(model.id)
    return "، ".join(
        _("%(name)s (chair)", name=user.full_name) if chair and chair.id == user.id else user.full_name
        for user in meetings.members_of(model.id)
    )


class CommitteeView(SilaModelView):
    """Admins set members, the chair, the decision rule and the quorum; managers read them."""

    area = "committees"
    enum_columns = {"decision_rule": DecisionRule}
    column_list = ("name", "decision_rule", "quorum", "is_active")
    column_details_list = ("name", "decision_rule", "quorum", "is_active", "members")
    column_formatters_detail = {"members": _members}
    column_labels = {
        "name": _l("Committee"),
        "decision_rule": _l("Decision rule"),
        "quorum": _l("Quorum"),
        "is_active": _l("Active"),
        "members": _l("Members"),
        "created_at": _l("Created on"),
    }
    column_descriptions = {"quorum": _l("How many members without a conflict of interest must attend to decide.")}
    form_columns = ("name", "decision_rule", "quorum", "is_active")
    inline_models = (CommitteeMemberInline(CommitteeMember),)

    def on_model_change(self, form: Any, model: Committee, is_created: bool) -> None:
        if model.quorum is None or model.quorum < 1:
            raise Refused(_l("The quorum must be at least one member."))
        db.session.flush()
        chairs = db.session.scalar(
            db.select(db.func.count()).select_from(CommitteeMember).filter_by(committee_id=model.id, is_chair=True)
        )
        if chairs > 1:
            raise Refused(_l("A committee has one chair: tick the chair for one member only."))


def _number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0


def _item_count(_view: Any, _context: Any, model: Meeting, _name: str) -> str:
    return str(db.session.scalar(
        db.select(db.func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == model.id)
    ))


MEETING_STEPS: dict[str, Step] = {
    "attendees": lambda mid, actor, form: meetings.set_attendees(
        mid, actor, [int(value) for value in form.getlist("attendee") if value.isdigit()]
    ),
    "add": lambda mid, actor, form: meetings.add_item(mid, actor, _number(form.get("request_id"))),
    "add_all": lambda mid, actor, form: meetings.add_all_items(mid, actor),
    "start": lambda mid, actor, form: meetings.start_meeting(mid, actor),
    "close": lambda mid, actor, form: meetings.close_meeting(mid, actor),
}
ITEM_STEPS: dict[str, Step] = {
    "vote": lambda iid, actor, form: meetings.cast_vote(iid, actor, form.get("choice", ""), form.get("comment")),
    "tally": lambda iid, actor, form: meetings.tally(iid, actor, form.get("reason"), terms_from(form)),
    "drop": lambda iid, actor, form: meetings.drop_item(iid, actor),
}
DONE = {
    "attendees": _l("The attendance was saved."),
    "add": _l("The request was added to the agenda."),
    "add_all": _l("The waiting requests were added to the agenda."),
    "start": _l("The meeting is under way: attending members can vote."),
    "close": _l("The meeting was closed."),
    "vote": _l("Your vote was recorded."),
    "drop": _l("The request was taken off the agenda."),
}


class MeetingView(StepsMixin, SilaModelView):
    area = "meetings"
    done = DONE
    enum_columns = {"status": MeetingStatus}
    details_template = "admin/meeting_details.html"
    column_list = ("number", "committee", "held_on", "place", "status", "secretary", "items")
    column_formatters = {"items": _item_count}
    column_default_sort = ("held_on", True)
    column_filters = (choice_filter(Meeting.status, _l("Status"), MeetingStatus), "held_on")
    column_labels = {
        "number": _l("Meeting No."),
        "committee": _l("Committee"),
        "held_on": _l("Meeting date"),
        "place": _l("Place"),
        "status": _l("Status"),
        "secretary": _l("Secretary"),
        "items": _l("Agenda items"),
        "created_at": _l("Created on"),
    }
    column_details_list = ("committee", "number", "held_on", "place", "status", "secretary")
    allow_edit = False
    form_columns = ("committee", "number", "held_on", "place", "secretary")
    form_overrides = {"held_on": DualDateField}
    form_args = {
        "committee": {"query_factory": lambda: Committee.query.filter_by(is_active=True).order_by(Committee.id)},
        "number": {
            "validators": [Optional()],
            "description": _l("Leave it empty for the committee's next number."),
        },
        "secretary": {
            "query_factory": lambda: User.query.filter(
                User.is_active.is_(True), User.role.in_((Role.staff, Role.committee))
            ).order_by(User.full_name),
            "description": _l("Relations staff or the committee's chair; empty means you."),
            "blank_text": _l("Myself"),
        },
    }

    @property
    def can_create(self) -> bool:  # type: ignore[override]
        return meetings.may_create(self._actor()) and self.allow_create

    @staticmethod
    def _actor() -> User | None:
        return current_user._get_current_object() if current_user.is_authenticated else None

    def scope(self, query):  # type: ignore[no-untyped-def]
        """A committee member sees the meetings of his own committees."""
        if current_user.role == Role.committee:
            mine = db.select(CommitteeMember.committee_id).where(CommitteeMember.user_id == current_user.id)
            return query.filter(Meeting.committee_id.in_(mine))
        return query

    def create_model(self, form: Any) -> Meeting | bool:
        """The workflow is the only way a meeting comes to be."""
        try:
            return meetings.create_meeting(
                committee_id=form.committee.data.id if form.committee.data else 0,
                actor=current_user._get_current_object(),
                held_on=form.held_on.data,
                place=form.place.data,
                number=form.number.data,
                secretary_id=form.secretary.data.id if form.secretary.data else None,
            )
        except Refused as refusal:
            flash(str(refusal), "error")
            return False

    def get_save_return_url(self, model: Meeting, is_created: bool = False) -> str:
        return self.get_url(".details_view", id=model.id)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.details_template and kwargs.get("model") is not None:
            kwargs.update(self._workspace(kwargs["model"]))
        return super().render(template, **kwargs)

    def _workspace(self, meeting: Meeting) -> dict[str, Any]:
        """What the meeting page shows: attendance, the agenda with votes and counts, the forms allowed."""
        actor = current_user._get_current_object()
        manages = self._writable() and meetings.may_manage(meeting, actor)
        is_open = meeting.status in meetings.OPEN_MEETING
        lines = meetings.agenda_of(meeting.id, actor)
        return {
            "minutes_preparing": preparing(DocumentKind.minutes, meeting.id),
            "members": meetings.members_of(meeting.committee_id),
            "chair": meetings.chair_of(meeting.committee_id),
            "attending": {row.user_id for row in db.session.scalars(
                db.select(MeetingAttendee).filter_by(meeting_id=meeting.id)
            )},
            "lines": lines,
            "funding_sources": usable_sources() if manages and meeting.status == MeetingStatus.held else [],
            "can_vote": {line.item.id for line in lines if self._writable() and meetings.may_vote(line.item, actor)},
            "my_votes": self._my_votes(lines, actor),
            "manages": manages,
            "edit_agenda": manages and is_open,
            "waiting": meetings.eligible_requests(actor) if manages and is_open else [],
            "rule": label(DecisionRule, meeting.committee.decision_rule),
            "vote_choices": choices(VoteChoice),
            "outcome_label": lambda outcome: label(DecisionOutcome, outcome),
            "can_open_requests": can_read(actor.role, "requests"),
            "can_open_queue": can_read(actor.role, "committee_queue"),
        }

    @staticmethod
    def _my_votes(lines: list[meetings.AgendaLine], actor: User) -> dict[int, str]:
        rows = db.session.scalars(db.select(Vote).where(
            Vote.member_id == actor.id, Vote.agenda_item_id.in_([line.item.id for line in lines])
        ))
        return {row.agenda_item_id: row.choice for row in rows}

    def flash_done(self, name: str, result: Any) -> None:
        """A count says what the committee decided, or why nothing was decided yet."""
        if name != "tally":
            super().flash_done(name, result)
        elif result.outcome is None:
            flash(result.note, "warning")
        else:
            flash(_("The committee's decision was recorded: %(outcome)s.",
                    outcome=label(DecisionOutcome, result.outcome)), "success")

    @expose("/meeting/<int:meeting_id>/<step>", methods=("POST",))
    def meeting_step(self, meeting_id: int, step: str) -> Response:
        self.open_for_step(meeting_id)
        self.take_step(step, meeting_id, MEETING_STEPS)
        return self.back_after_step(meeting_id)

    @expose("/item/<int:item_id>/<step>", methods=("POST",))
    def item_step(self, item_id: int, step: str) -> Response:
        item = db.session.get(AgendaItem, item_id)
        meeting_id = item.meeting_id if item else None
        self.open_for_step(meeting_id)
        if not may_reach(AgendaItem, item_id, current_user._get_current_object()):
            abort(403)
        self.take_step(step, item_id, ITEM_STEPS)
        return self.back_after_step(meeting_id)

    @expose("/minutes/<int:meeting_id>.pdf")
    def minutes(self, meeting_id: int):  # type: ignore[no-untyped-def]
        """The minutes as an Arabic PDF, for printing and signing: as stored once closed, a draft before."""
        meeting = self.get_one(str(meeting_id))
        if meeting is None:
            abort(404)
        data = minutes_for(meeting.id, current_user._get_current_object())
        if data is None:
            flash(_("The minutes are being prepared; they will be ready in a minute."), "info")
            return redirect(self.get_url(".details_view", id=meeting.id))
        return Response(data, mimetype="application/pdf", headers={
            "Content-Disposition": f"attachment; filename=meeting-{meeting.committee_id}-{meeting.number}-minutes.pdf",
            "Cache-Control": "no-store",
        })
