"""The re-study queue: files due or overdue for their yearly update, and the form to record one."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SilaModelView
from models.applicant import Applicant
from models.base import db
from models.enums import FileStatus
from models.organization import Organization
from models.restudy import Restudy
from sila.applicants.file_status import held_reason
from sila.applicants.household import figures, latest_visit
from sila.applicants.restudy import record_restudy
from sila.applicants.screen import national_id_shown
from sila.core.dates import today
from sila.core.errors import Refused
from sila.core.vocabulary import PERSON


def _overdue(_view: Any, _context: Any, model: Applicant, _name: str) -> str:
    return _("Overdue") if model.next_restudy_on and model.next_restudy_on < today() else _("Due")


class RestudyQueueView(SilaModelView):
    area = "restudy"
    allow_create = False
    allow_edit = False
    allow_export = False
    enum_columns = {"file_status": FileStatus}
    details_template = "admin/restudy_details.html"
    column_list = ("full_name", "national_id", "next_restudy_on", "due", "file_status")
    column_default_sort = "next_restudy_on"
    column_sortable_list = ("next_restudy_on",)
    column_formatters = {
        "due": _overdue,
        "national_id": national_id_shown,
    }
    column_labels = {
        "full_name": PERSON, "national_id": _l("National ID / iqama"), "next_restudy_on": _l("Next re-study"),
        "due": _l("Due"), "file_status": _l("File status"),
    }
    column_details_list = ("full_name", "national_id", "next_restudy_on", "file_status")

    def scope(self, query):  # type: ignore[no-untyped-def]
        organization = db.session.scalar(db.select(Organization).limit(1))
        notice = organization.restudy_notice_days if organization else 30
        return query.filter(
            Applicant.next_restudy_on.is_not(None), Applicant.next_restudy_on <= today() + timedelta(days=notice),
            Applicant.file_status.in_((FileStatus.active, FileStatus.closed)),
        )

    def render(self, template: str, **kwargs: Any) -> str:
        model = kwargs.get("model")
        if template == self.details_template and model is not None:
            history = db.session.scalars(
                db.select(Restudy).where(Restudy.applicant_id == model.id).order_by(Restudy.id.desc())
            ).all()
            kwargs.update(
                household=figures(model), status_held=held_reason(model, today()), visit=latest_visit(model.id),
                history=[(item, json.loads(item.changes)) for item in history], may_record=self._writable(),
            )
        return super().render(template, **kwargs)

    @expose("/record/<int:applicant_id>", methods=("POST",))
    def record(self, applicant_id: int):  # type: ignore[no-untyped-def]
        if not self._writable() or self.get_one(str(applicant_id)) is None:
            abort(403)
        try:
            record_restudy(applicant_id, current_user, today(), request.form.get("note"))
            flash(_("The re-study was recorded and the next date set."), "success")
        except Refused as refusal:
            flash(str(refusal), "error")
        return redirect(self.get_url(".index_view"))
