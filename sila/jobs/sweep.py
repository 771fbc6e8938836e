"""Every minute, each runner looks for a period left behind and runs it again.

Two kinds are left behind between two cron ticks:
- a run whose worker died: "running" with its lease passed (sila/jobs/lease.py).
  Nothing else would come back to it before the next period — a day for the
  daily jobs — so the sweep claims it (the wrapper takes it over) in both modes;
- on the embedded scheduler only, a failed period whose back-off has passed
  (sila/jobs/backoff.py). The procrastinate worker retries its failures itself.
- a current period its tick could not claim because the job's previous run
  was still going (sila/jobs/runs.py), or that no runner was up to start:
  a job whose periods are longer than a minute (the daily ones) runs it late,
  as soon as the previous run has ended. An every-minute job does not: its
  next minute does the same work, so that minute is simply skipped.
Only the job's current period is swept: an older one is superseded by the next
tick of its cron line.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.backoff import retry_at
from sila.jobs.registry import Job, configured_jobs
from sila.jobs.runs import run_job

LOG = logging.getLogger("sila.jobs")
# A job whose periods are this long or shorter skips a period it could not claim instead of running it late.
CATCH_UP_BEYOND = timedelta(minutes=1)


def _aware(moment: datetime | None, now: datetime) -> datetime | None:
    return moment.replace(tzinfo=now.tzinfo) if moment is not None and moment.tzinfo is None else moment


def _live(run: JobRun, now: datetime) -> bool:
    lease = _aware(run.lease_until, now)
    return run.state == JobState.running and lease is not None and lease >= now


def _late(job: Job, run: JobRun, now: datetime, retry_failed: bool) -> datetime | None:
    """The current period, if it was never claimed, the job catches up, and nothing holds it back."""
    current = job.period_of(now)
    if job.next_after(current) - current <= CATCH_UP_BEYOND or _live(run, now):
        return None
    if retry_failed and run.state == JobState.failed:
        due = retry_at(run, now)
        if due is not None and due > now:
            return None
    return current


def left_behind(job: Job, run: JobRun | None, now: datetime, retry_failed: bool) -> datetime | None:
    """The period to run now: the current one abandoned, failed and due a retry, or not run at all."""
    if run is None or run.period_at is None:
        return None
    if _aware(run.period_at, now) < job.period_of(now):
        return _late(job, run, now, retry_failed)
    if _aware(run.period_at, now) != job.period_of(now):
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
