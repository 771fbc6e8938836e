"""Satisfaction survey results, read-only, for the team as a whole.

Managers and administrators read it, and relations staff too: every figure is
the team's, none is a staff member's, so nothing here can rank or single out
a colleague. The page has no staff column and no staff filter by design.
"""
from __future__ import annotations

from flask_admin import expose
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from admin.area_view import AreaView
from sila.surveys import results as surveys


class SurveyResultsView(AreaView):
    area = "survey_results"

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        language = str(get_locale() or "ar")
        return self.render(
            "admin/survey_results.html",
            scores=surveys.SCORE_LABELS,
            top=surveys.TOP_SCORE,
            team=surveys.team(),
            sections=(
                ("by-channel", _l("By channel"), surveys.by_channel()),
                ("by-service", _l("By service type"), surveys.by_service_type()),
                ("by-month", _l("By month"), surveys.by_month(language)),
            ),
            comments=surveys.comments(language),
        )
