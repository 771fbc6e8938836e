"""Research teams and home visits: scheduled, recorded by section, with photos."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_admin.model.form import InlineFormAdmin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_

from admin.base import SilaModelView, choice_filter
from forms.dual_date import DualDateField
from models.base import db
from models.enums import Role, VisitStatus
from models.personal_data import labels
from models.request import Attachment
from models.user import User
from models.visit import HomeVisit, ResearchTeamMember
from sila.applicants.visits import record_visit
from sila.attachments.service import store_visit_photo
from sila.core.errors import Refused
from sila.core.vocabulary import PERSON

VISIT_LABELS = {
    **labels(HomeVisit.__table__),
    "applicant": PERSON,
    "team": _l("Research team"),
    "researcher": _l("Researcher"),
    "created_at": _l("Created on"),
}


class TeamMemberInline(InlineFormAdmin):
    form_columns = ("id", "user")
    form_label = _l("Researchers")
    column_labels = {"user": _l("Researcher")}
    form_args = {"user": {"query_factory": lambda: User.query.filter_by(role=Role.researcher, is_active=True)}}


class ResearchTeamView(SilaModelView):
    area = "research_teams"
    column_list = ("name", "is_active")
    column_labels = {"name": _l("Team"), "is_active": _l("Active"), "members": _l("Researchers")}
    form_columns = ("name", "is_active")
    inline_models = (TeamMemberInline(ResearchTeamMember),)


class HomeVisitView(SilaModelView):
    """Researchers record visits; staff schedule them; the committee reads them beside the request."""

    area = "visits"
    enum_columns = {"status": VisitStatus}
    details_template = "admin/visit_details.html"
    column_list = ("scheduled_on", "applicant", "team", "researcher", "status", "visited_on")
    column_default_sort = ("scheduled_on", True)
    column_filters = (choice_filter(HomeVisit.status, _l("Status"), VisitStatus), "scheduled_on")
    column_labels = VISIT_LABELS
    form_columns = (
        "applicant", "team", "researcher", "status", "scheduled_on", "visited_on", "attendees",
        "housing_findings", "income_findings", "health_findings", "needs_findings", "recommendation",
    )
    form_overrides = {"scheduled_on": DualDateField, "visited_on": DualDateField}
    form_ajax_refs = {"applicant": {"fields": ("national_id", "name_search"), "page_size": 10}}
    form_args = {
        "researcher": {
            "query_factory": lambda: User.query.filter_by(role=Role.researcher, is_active=True),
            "blank_text": _l("Not assigned"),
        },
        "team": {"blank_text": _l("No team")},
    }

    def scope(self, query):  # type: ignore[no-untyped-def]
        """A researcher sees his visits, his teams' visits and the unassigned ones."""
        if current_user.role == Role.researcher:
            teams = db.select(ResearchTeamMember.team_id).where(ResearchTeamMember.user_id == current_user.id)
            return query.filter(or_(
                HomeVisit.researcher_id == current_user.id,
                HomeVisit.team_id.in_(teams),
                (HomeVisit.researcher_id.is_(None)) & (HomeVisit.team_id.is_(None)),
            ))
        return query

    def on_model_change(self, form: Any, model: HomeVisit, is_created: bool) -> None:
        record_visit(model)

    def render(self, template: str, **kwargs: Any) -> str:
        model = kwargs.get("model")
        if template == self.details_template and model is not None:
            kwargs["photos"] = db.session.scalars(
                db.select(Attachment).where(Attachment.visit_id == model.id).order_by(Attachment.id)
            ).all()
            kwargs["can_add_photo"] = self._writable()
        return super().render(template, **kwargs)

    @expose("/photo/<int:visit_id>", methods=("POST",))
    def photo(self, visit_id: int):  # type: ignore[no-untyped-def]
        visit = self.get_one(str(visit_id))
        if visit is None or not self._writable():
            abort(403)
        try:
            store_visit_photo(visit.id, visit.applicant_id, request.files.get("file"), current_user)
            flash(_("The file was added to the visit."), "success")
        except Refused as refusal:
            flash(str(refusal), "error")
        return redirect(self.get_url(".details_view", id=visit.id))

