"""Every background job once: its name, when it runs, what it does, how it is shown.

The worker (sila/jobs/worker.py), the embedded scheduler (sila/jobs/embedded.py),
`flask jobs run` and the jobs screen all read this list, so a job added here is
scheduled, runnable by hand and shown everywhere at once. Schedules are cron
lines in UTC (a sixth field counts seconds); `SILA_JOBS_SCHEDULE` overrides them
per job, e.g. `backup=0 23 * * *;retention=30 23 * * *`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from croniter import croniter
from flask_babel import lazy_gettext as _l

from sila.jobs import duties


@dataclass(frozen=True)
class Job:
    name: str
    cron: str
    work: Callable[[], str]
    label: Any

    def next_after(self, moment: datetime) -> datetime:
        return croniter(self.cron, moment).get_next(datetime)

    def period_of(self, moment: datetime) -> datetime:
        """The start of the period `moment` falls in: what a run at that time is for."""
        iterator = croniter(self.cron, moment)
        iterator.get_next(datetime)
        return iterator.get_prev(datetime)


# Daily jobs after midnight in Riyadh (21:00 UTC), one after the other, backup last.
JOBS: tuple[Job, ...] = (
    Job("send_messages", "* * * * *", duties.send_messages, _l("Send due messages")),
    Job("render_letters", "* * * * *", duties.render_letters, _l("Prepare decision letters")),
    Job("render_documents", "* * * * *", duties.render_documents, _l("Prepare minutes and batch reports")),
    Job("review_files", "5 21 * * *", duties.review_files, _l("Yearly re-study review")),
    Job("prune_portal", "10 21 * * *", duties.prune_portal, _l("Unconfirmed applications and spent codes")),
    Job("expire_vouchers", "15 21 * * *", duties.expire_vouchers, _l("Release expired vouchers")),
    Job("retention", "20 21 * * *", duties.retention, _l("Retention")),
    Job("backup", "40 21 * * *", duties.backup, _l("Backup")),
)


def parse_overrides(text: str) -> dict[str, str]:
    """`name=cron;name=cron` → {name: cron}; unknown names and bad cron lines stop the start."""
    known = {job.name for job in JOBS}
    overrides: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        name, _, cron = part.partition("=")
        name, cron = name.strip(), cron.strip()
        if name not in known or not croniter.is_valid(cron):
            raise ValueError(f"SILA_JOBS_SCHEDULE: cannot use {part!r}")
        overrides[name] = cron
    return overrides


def configured_jobs(config: Mapping[str, Any]) -> tuple[Job, ...]:
    overrides = parse_overrides(config.get("SILA_JOBS_SCHEDULE", ""))
    return tuple(replace(job, cron=overrides.get(job.name, job.cron)) for job in JOBS)


def job_named(config: Mapping[str, Any], name: str) -> Job:
    for job in configured_jobs(config):
        if job.name == name:
            return job
    raise KeyError(name)
