"""The one wrapper every job run goes through: claim the period, run, record the outcome.

Whoever starts a job — a procrastinate worker, the embedded scheduler in any
app process, `flask jobs run` — claims the job's period first with a
conditional UPDATE that only one of them can win, so a job runs once per period
however many processes try. A failed period may be claimed again (that is the
retry); a finished one may not, nor a running one while its lease lasts
(sila/jobs/lease.py): a run whose worker died is taken over once the lease has
passed, and counted as a failure. Nor may the next period start while the
previous one still runs on a live lease — never two backups at once: the job's
one row holds one claim, and the same conditional UPDATE refuses a later period
while it is running (PostgreSQL re-reads the row after the lock it waited for;
SQLite runs one writer at a time). The refused period is left to the sweep
(sila/jobs/sweep.py): a daily job's runs late, once the earlier run ended; an
every-minute job's is skipped, the next minute does the same work. The outcome
lands on the job's row (sila/jobs/registry.py names the rows) only while the
run is still this worker's: the jobs screen and /healthz read it.
"""
from __future__ import annotations

import logging
import os
import socket
import traceback
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.lease import Heartbeat, lease_length
from sila.jobs.registry import Job
from sila.jobs.statement_timeout import job_statement_timeout

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


def _take_over(job: Job, period: datetime, worker: str) -> bool:
    """Take a period whose running claim outlived its lease: that worker stopped without finishing."""
    now = utcnow()
    stale = db.session.execute(
        db.select(JobRun.worker).where(JobRun.name == job.name, JobRun.period_at == period,
                                       JobRun.state == JobState.running,
                                       or_(JobRun.lease_until.is_(None), JobRun.lease_until < now))
    ).first()
    if stale is None:
        db.session.rollback()
        return False
    taken = db.session.execute(
        db.update(JobRun)
        .where(JobRun.name == job.name, JobRun.period_at == period, JobRun.state == JobState.running,
               JobRun.worker == stale.worker, or_(JobRun.lease_until.is_(None), JobRun.lease_until < now))
        .values(started_at=now, worker=worker, lease_until=now + lease_length(), failures=JobRun.failures + 1,
                last_error=f"{stale.worker} stopped without finishing this run; {worker} took it over")
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if taken:
        LOG.warning("job %s for %s: %s stopped without finishing; taken over", job.name, period.isoformat(),
                    stale.worker)
    return taken == 1


def claim(job: Job, period: datetime, worker: str) -> bool:
    """Take this period of the job for this worker; False when another has it, it already ran, or the
    job's earlier period is still running on a live lease (no two runs of one job at once)."""
    _ensure_row(job.name)
    now = utcnow()
    idle = or_(JobRun.state != JobState.running, JobRun.lease_until.is_(None), JobRun.lease_until < now)
    claimed = db.session.execute(
        db.update(JobRun)
        .where(JobRun.name == job.name)
        .where(or_(JobRun.period_at.is_(None), (JobRun.period_at < period) & idle,
                   (JobRun.period_at == period) & (JobRun.state == JobState.failed)))
        .values(period_at=period, state=JobState.running, started_at=now, worker=worker,
                lease_until=now + lease_length())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1 or _take_over(job, period, worker)


def _finish(name: str, period: datetime, worker: str, **values: object) -> None:
    db.session.rollback()
    finished = db.session.execute(
        db.update(JobRun)
        .where(JobRun.name == name, JobRun.period_at == period, JobRun.worker == worker)
        .values(finished_at=utcnow(), runs=JobRun.runs + 1, lease_until=None, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if not finished:
        LOG.warning("job %s for %s ended after another worker took it over; its outcome is not recorded",
                    name, period.isoformat())


def run_job(job: Job, period: datetime | None = None, worker: str | None = None) -> bool:
    """Run the job for its current period (or `period`) unless another process has; re-raises a failure.

    Returns whether this call ran it. A failure is recorded (error, consecutive
    count) and raised again, so the worker's retry strategy schedules the next try.
    """
    period = period or job.period_of(utcnow())
    worker = worker or worker_name()
    if not claim(job, period, worker):
        LOG.debug("job %s for %s already taken", job.name, period.isoformat())
        return False
    try:
        with Heartbeat(job.name, period, worker), \
                job_statement_timeout(db.engine, current_app.config["SILA_JOBS_STATEMENT_TIMEOUT_MS"]):
            result = job.work()
    except Exception as error:
        LOG.exception("job %s failed", job.name)
        _finish(job.name, period, worker, state=JobState.failed, failures=JobRun.failures + 1,
                last_error="".join(traceback.format_exception_only(error)).strip()[:2000])
        raise
    _finish(job.name, period, worker, state=JobState.succeeded, failures=0, last_error=None,
            succeeded_at=utcnow(), last_result=result[:300])
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
