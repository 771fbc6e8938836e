"""Committee decisions, read-only: they are recorded by the workflow, never typed here."""
from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SilaModelView, choice_filter
from admin.export import ExportMixin
from models.committee import Decision
from models.enums import DecisionOutcome
from sila.committee.letters import LetterNotReady, latest_decision, letter_for_download
from sila.core.errors import Refused


def _letter_link(_view: Any, _context: Any, model: Decision, _name: str) -> Markup:
    if model.letter_rendered_at is None:
        return Markup('<span class="letter-preparing text-muted">{}</span>').format(_("Being prepared"))
    return Markup('<a href="{}">{}</a>').format(url_for(".letter", decision_id=model.id), _("Letter (PDF)"))


class DecisionView(ExportMixin, SilaModelView):
    area = "decisions"
    enum_columns = {"outcome": DecisionOutcome}
    allow_create = False
    allow_edit = False
    column_list = ("decided_at", "request", "outcome", "reason", "decided_by", "letter")
    column_formatters = {"letter": _letter_link}
    column_export_exclude_list = ("letter",)
    column_details_exclude_list = ("letter_pdf", "letter_rendered_at")
    column_default_sort = ("decided_at", True)
    column_filters = (choice_filter(Decision.outcome, _l("Decision"), DecisionOutcome), "decided_at")
    column_labels = {
        "decided_at": _l("Decided on"),
        "request": _l("Request number"),
        "outcome": _l("Decision"),
        "reason": _l("Reason"),
        "decided_by": _l("Decided by"),
        "letter": _l("Decision letter"),
    }

    @expose("/letter/<int:decision_id>.pdf")
    def letter(self, decision_id: int):  # type: ignore[no-untyped-def]
        """The decision letter to hand or send to the applicant, as the job rendered it; each download is audited."""
        try:
            filename, data = letter_for_download(decision_id, current_user._get_current_object())
        except Refused:
            abort(403)
        except LookupError:
            abort(404)
        except LetterNotReady as not_ready:
            flash(str(not_ready), "info")
            return redirect(url_for(".index_view"))
        return Response(data, mimetype="application/pdf", headers={"Content-Disposition": f"attachment; filename={filename}"})

    @expose("/letter/request/<int:request_id>.pdf")
    def request_letter(self, request_id: int):  # type: ignore[no-untyped-def]
        """The letter of a request's latest decision, linked from the request page."""
        decision = latest_decision(request_id)
        if decision is None:
            abort(404)
        return self.letter(decision.id)
