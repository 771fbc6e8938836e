"""Every minute, each runner looks for a period left behind and runs it again.

Two kinds are left behind between two cron ticks:
- a run whose worker died: "running" with its lease passed (sila/jobs/lease.py).
  Nothing else would come back to it before the next period — a day for the
  daily jobs — so the sweep claims it (the wrapper takes it over) in both modes;
- on the embedded scheduler only, a failed period whose back-off has passed
  (sila/jobs/backoff.py). The procrastinate worker retries its failures itself.
Only the job's current period is swept: an older one is superseded by the next
tick of its cron line.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.backoff import retry_at
from sila.jobs.registry import Job, configured_jobs
from sila.jobs.runs import run_job

LOG = logging.getLogger("sila.jobs")


def _aware(moment: datetime | None, now: datetime) -> datetime | None:
    return moment.replace(tzinfo=now.tzinfo) if moment is not None and moment.tzinfo is None else moment


def left_behind(job: Job, run: JobRun | None, now: datetime, retry_failed: bool) -> datetime | None:
    """The period to run again, if the job's current one was abandoned (or failed and may be retried)."""
    if run is None or _aware(run.period_at, now) != job.period_of(now):
        return None
    if run.state == JobState.running:
        lease = _aware(run.lease_until, now)
        return run.period_at if lease is None or lease < now else None
    if retry_failed and run.state == JobState.failed:
        due = retry_at(run, now)
        return run.period_at if due is not None and due <= now else None
    return None


def sweep(config: Mapping[str, Any], retry_failed: bool) -> list[str]:
    """Run each job's left-behind period; the names of those run (a failure is recorded and logged)."""
    now = utcnow()
    rows = {row.name: row for row in db.session.scalars(db.select(JobRun))}
    db.session.rollback()
    ran = []
    for job in configured_jobs(config):
        period = left_behind(job, rows.get(job.name), now, retry_failed)
        if period is None:
            continue
        try:
            if run_job(job, _aware(period, now)):
                ran.append(job.name)
        except Exception:  # noqa: BLE001 - recorded on the job's row by run_job; the next sweep may try again
            LOG.debug("job %s: the swept run failed", job.name)
    return ran
