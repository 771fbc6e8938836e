"""Back-off for the embedded scheduler: a job that keeps failing is tried less and less often.

procrastinate retries a failed job itself (sila/jobs/worker.py); APScheduler
only fires on the cron line, so without this a broken every-minute job would
fail every minute for good. After n failures in a row the next try waits
1, 2, 4, … minutes from the last failed start, never more than
SILA_JOBS_BACKOFF_MAX_MINUTES; a success resets the count (sila/jobs/runs.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from models.base import db
from models.enums import JobState
from models.job_run import JobRun


def _aware(moment: datetime, like: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=like.tzinfo)


def retry_at(run: JobRun | None, now: datetime) -> datetime | None:
    """When a failing job may be tried again; None when it is not failing."""
    if run is None or run.state != JobState.failed or not run.failures or run.started_at is None:
        return None
    ceiling = timedelta(minutes=int(current_app.config["SILA_JOBS_BACKOFF_MAX_MINUTES"]))
    wait = min(timedelta(minutes=2 ** min(run.failures - 1, 30)), ceiling)
    started = _aware(run.started_at, now).replace(second=0, microsecond=0)
    return started + wait


def backing_off(name: str, now: datetime) -> bool:
    """Whether the job failed lately enough that this try should be skipped."""
    at = retry_at(db.session.get(JobRun, name), now)
    db.session.rollback()
    return at is not None and now < at
