"""The PostgreSQL worker (`flask jobs worker`, `make worker`): procrastinate runs the registry's jobs.

Each job is a procrastinate periodic task. Every worker defers each period's
job, and procrastinate's unique (task, period) row lets only one deferral in,
so any number of workers on any number of servers run a period once; the
period claim in sila/jobs/runs.py is a second lock behind it. A failure is
retried with exponential back-off (5, 25, 125, 625 s) and recorded each time.
A worker killed mid-job leaves its run to its lease: the `sila.sweep` task,
every minute, takes over a run whose lease has passed (sila/jobs/sweep.py), and
retries or fails the procrastinate rows it left "doing" (sila/jobs/stalled.py).
The queue lives in PostgreSQL's `procrastinate` schema (migration 0010_jobs):
no extra server, and nothing to lose when one goes down.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime

import procrastinate
from flask import Flask
from procrastinate import utils
from sqlalchemy.engine import make_url

from sila.jobs.registry import Job, configured_jobs
from sila.jobs.runs import run_job, worker_name
from sila.jobs.stalled import retry_stalled
from sila.jobs.sweep import sweep

LOG = logging.getLogger("sila.jobs")
QUEUE_SCHEMA = "procrastinate"
QUEUE = "sila"
EVERY_MINUTE = "* * * * *"
RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=5)


def _conninfo(flask_app: Flask) -> str:
    url = make_url(flask_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        raise ValueError("the jobs worker needs PostgreSQL; on SQLite the app process runs the jobs itself")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _register(queue: procrastinate.App, flask_app: Flask, job: Job, worker: str) -> None:
    def run(timestamp: int) -> None:
        with flask_app.app_context():
            run_job(job, datetime.fromtimestamp(timestamp, UTC), worker)

    task = queue.task(name=f"sila.{job.name}", queue=QUEUE, retry=RETRY)(run)
    queue.periodic(cron=job.cron, periodic_id=job.name)(task)


def _register_sweep(queue: procrastinate.App, flask_app: Flask) -> None:
    def run(timestamp: int) -> None:
        # procrastinate's own rows first: quick, and done before a swept run that may take minutes.
        try:
            utils.async_to_sync(retry_stalled, queue, QUEUE)
        except Exception:  # noqa: BLE001 - the next minute tries again; our own periods are swept regardless
            LOG.warning("could not look for jobs left doing by a stopped worker", exc_info=True)
        with flask_app.app_context():
            sweep(flask_app.config, retry_failed=False)

    queue.periodic(cron=EVERY_MINUTE, periodic_id="sweep")(queue.task(name="sila.sweep", queue=QUEUE)(run))


def _register_letters(queue: procrastinate.App, flask_app: Flask) -> None:
    """The letter a decision deferred in its own transaction (sila/committee/letter_jobs.py)."""
    from sila.committee.letter_jobs import TASK, render_letter

    def run(decision_id: int) -> None:
        with flask_app.app_context():
            render_letter(decision_id)

    queue.task(name=TASK, queue=QUEUE, retry=RETRY)(run)


def _register_documents(queue: procrastinate.App, flask_app: Flask) -> None:
    """The minutes or batch report a meeting's close or a batch's approval deferred (sila/core/pdf/stored.py)."""
    from sila.core.pdf.stored import TASK, render

    def run(kind: str, subject_id: int) -> None:
        with flask_app.app_context():
            render(kind, subject_id)

    queue.task(name=TASK, queue=QUEUE, retry=RETRY)(run)


def queue_app(flask_app: Flask, worker: str | None = None) -> procrastinate.App:
    """procrastinate's app for this deployment, every registry job registered as a periodic task."""
    connector = procrastinate.PsycopgConnector(
        conninfo=_conninfo(flask_app), kwargs={"options": f"-c search_path={QUEUE_SCHEMA}"},
    )
    queue = procrastinate.App(connector=connector)
    for job in configured_jobs(flask_app.config):
        _register(queue, flask_app, job, worker or worker_name())
    _register_sweep(queue, flask_app)
    _register_letters(queue, flask_app)
    _register_documents(queue, flask_app)
    return queue


def run_worker(flask_app: Flask) -> None:
    """Work until SIGINT or SIGTERM; a job under way is let finish."""
    worker = worker_name()
    queue_app(flask_app, worker).run_worker(queues=[QUEUE], name=worker, delete_jobs="successful")
