"""The embedded default: on SQLite the app process runs the jobs itself, with no cron and no worker.

APScheduler's background thread fires each registry job on its cron line
(read by croniter, as procrastinate reads it, so both modes keep one meaning of
a schedule) and sends due messages once at start, so a fresh `make run` tells
the log within seconds. Under gunicorn every worker process starts one; the
period claim in sila/jobs/runs.py lets one of them run each period. A job that
fails is tried again with back-off (sila/jobs/backoff.py): a tick that comes
too soon after failures in a row is skipped, and the minute's sweep
(sila/jobs/sweep.py) retries a failed daily period once its back-off has passed
and takes over a run whose process died.

It starts only when the app serves (`flask run`, or gunicorn's worker hook in
gunicorn.conf.py), with `SILA_JOBS=embedded`, and never under tests unless
`SILA_JOBS_IN_TESTS` asks: other `flask` commands build the app too.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime

import click
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from croniter import croniter
from flask import Flask

from models.base import utcnow
from sila.jobs.backoff import backing_off
from sila.jobs.registry import Job, configured_jobs
from sila.jobs.runs import run_job
from sila.jobs.sweep import sweep

LOG = logging.getLogger("sila.jobs")
EXTENSION = "sila.jobs.scheduler"


class CronLine(BaseTrigger):
    def __init__(self, cron: str) -> None:
        self.cron = cron

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime:
        return croniter(self.cron, previous_fire_time or now).get_next(datetime)


EVERY_MINUTE = "* * * * *"


def _run(flask_app: Flask, job: Job) -> None:
    with flask_app.app_context():
        if backing_off(job.name, utcnow()):
            LOG.debug("job %s failed lately: this tick is skipped (back-off)", job.name)
            return
        try:
            run_job(job)
        except Exception:  # noqa: BLE001 - recorded on the job's row by run_job; the next period tries again
            LOG.debug("job %s will be tried again after its back-off", job.name)


def _sweep(flask_app: Flask) -> None:
    with flask_app.app_context():
        sweep(flask_app.config, retry_failed=True)


def start(flask_app: Flask) -> BackgroundScheduler:
    """Start this process's scheduler (once per app)."""
    if EXTENSION in flask_app.extensions:
        return flask_app.extensions[EXTENSION]
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1})
    for job in configured_jobs(flask_app.config):
        first = {"next_run_time": datetime.now(UTC)} if job.name == "send_messages" else {}
        scheduler.add_job(_run, CronLine(job.cron), args=(flask_app, job), id=job.name, misfire_grace_time=None, **first)
    scheduler.add_job(_sweep, CronLine(EVERY_MINUTE), args=(flask_app,), id="sweep", misfire_grace_time=None)
    scheduler.start()
    flask_app.extensions[EXTENSION] = scheduler
    LOG.info("background jobs run in this process (SILA_JOBS=embedded): %s",
             ", ".join(job.name for job in configured_jobs(flask_app.config)))
    return scheduler


def wanted(flask_app: Flask) -> bool:
    if flask_app.config["SILA_JOBS"] != "embedded":
        return False
    return not flask_app.testing or bool(flask_app.config.get("SILA_JOBS_IN_TESTS"))


def start_if_serving(flask_app: Flask) -> None:
    """Called by the app factory: starts the scheduler under `flask run` only."""
    context = click.get_current_context(silent=True)
    if wanted(flask_app) and context is not None and context.info_name == "run":
        start(flask_app)
