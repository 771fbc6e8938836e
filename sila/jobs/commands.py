"""`flask jobs worker`, `flask jobs run NAME`, `flask jobs list`: the operator's side of the background jobs."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

jobs = AppGroup("jobs", help="Background jobs: sending messages, the re-study review, retention, backups.")


@jobs.command("worker")
def worker_command() -> None:
    """Run the jobs on their schedules until stopped (PostgreSQL; start one or more per deployment)."""
    from sila.jobs.worker import run_worker

    try:
        run_worker(current_app._get_current_object())  # type: ignore[attr-defined]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


@jobs.command("run")
@click.argument("name")
def run_command(name: str) -> None:
    """Run one job now, through the same wrapper as the schedule (skipped if this period already ran)."""
    from sila.jobs.registry import job_named
    from sila.jobs.runs import run_job

    try:
        job = job_named(current_app.config, name)
    except KeyError as exc:
        raise click.ClickException(_("There is no job named %(name)s.", name=name)) from exc
    if not run_job(job):
        click.echo(_("%(name)s: this period already ran; nothing changed.", name=name))
        return
    click.echo(_("%(name)s: done.", name=name))


@jobs.command("list")
def list_command() -> None:
    """Each job, its schedule, its last run and error."""
    from models.base import db
    from models.job_run import JobRun
    from sila.jobs.registry import configured_jobs

    rows = {row.name: row for row in db.session.scalars(db.select(JobRun))}
    for job in configured_jobs(current_app.config):
        row = rows.get(job.name)
        last = row.started_at.isoformat() if row and row.started_at else "-"
        state = row.state if row else "-"
        click.echo(f"{job.name}\t{job.cron}\t{last}\t{state}\t{(row.last_error or '') if row else ''}")
