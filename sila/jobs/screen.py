"""«المهام الخلفية»: the administrators' view of the background jobs, read-only.

A job that keeps failing stands out here with its last error and how many
times in a row it failed; a worker that stopped shows as a warning on top,
the same test /healthz applies.
"""
from __future__ import annotations

from flask import current_app
from flask_admin import expose

from admin.area_view import AreaView
from models.enums import JobState, label
from sila.jobs.status import overview, result_parts


class JobsView(AreaView):
    area = "jobs"

    @expose("/")
    def index(self):  # type: ignore[no-untyped-def]
        return self.render("admin/jobs.html", overview=overview(current_app.config),
                           state_label=lambda state: label(JobState, state), result_parts=result_parts)
