"""The one wrapper every job run goes through: claim the period, run, record the outcome.

Whoever starts a job — a procrastinate worker, the embedded scheduler in any
app process, `flask jobs run` — claims the job's period first with a
conditional UPDATE that only one of them can win, so a job runs once per period
however many processes try. A failed period may be claimed again (that is the
retry); a running or finished one may not. The outcome lands on the job's row
(sila/jobs/registry.py names the rows): the jobs screen and /healthz read it.
"""
from __future__ import annotations

import logging
import os
import socket
import traceback
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.registry import Job

LOG = logging.getLogger("sila.jobs")
# The every-minute job is the workers' heartbeat: none started for this long means none is running.
WORKER_SILENT_AFTER = timedelta(minutes=5)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def _ensure_row(name: str) -> None:
    insert = postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(JobRun).values(name=name, state=JobState.succeeded, runs=0, failures=0)
                       .on_conflict_do_nothing(index_elements=["name"]))
    db.session.commit()


def claim(job: Job, period: datetime, worker: str) -> bool:
    """Take this period of the job for this worker; False when another has it or it already ran."""
    _ensure_row(job.name)
    claimed = db.session.execute(
        db.update(JobRun)
        .where(JobRun.name == job.name)
        .where(or_(JobRun.period_at.is_(None), JobRun.period_at < period,
                   (JobRun.period_at == period) & (JobRun.state == JobState.failed)))
        .values(period_at=period, state=JobState.running, started_at=utcnow(), worker=worker)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def _finish(name: str, **values: object) -> None:
    db.session.rollback()
    db.session.execute(db.update(JobRun).where(JobRun.name == name)
                       .values(finished_at=utcnow(), runs=JobRun.runs + 1, **values)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def run_job(job: Job, period: datetime | None = None, worker: str | None = None) -> bool:
    """Run the job for its current period (or `period`) unless another process has; re-raises a failure.

    Returns whether this call ran it. A failure is recorded (error, consecutive
    count) and raised again, so the worker's retry strategy schedules the next try.
    """
    period = period or job.period_of(utcnow())
    if not claim(job, period, worker or worker_name()):
        LOG.debug("job %s for %s already taken", job.name, period.isoformat())
        return False
    try:
        result = job.work()
    except Exception as error:
        LOG.exception("job %s failed", job.name)
        _finish(job.name, state=JobState.failed, failures=JobRun.failures + 1,
                last_error="".join(traceback.format_exception_only(error)).strip()[:2000])
        raise
    _finish(job.name, state=JobState.succeeded, failures=0, last_error=None, succeeded_at=utcnow(),
            last_result=result[:300])
    LOG.info("job %s done: %s", job.name, result)
    return True


def last_seen() -> datetime | None:
    """When any worker last started a job."""
    return db.session.scalar(db.select(db.func.max(JobRun.started_at)))


def worker_missing(now: datetime | None = None) -> bool:
    seen = last_seen()
    if seen is not None and seen.tzinfo is None:
        seen = seen.replace(tzinfo=(now or utcnow()).tzinfo)
    return seen is None or seen < (now or utcnow()) - WORKER_SILENT_AFTER
