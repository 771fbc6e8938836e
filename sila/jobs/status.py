"""Each job as the administrators' screen and /healthz see it: schedule, last run, next run, trouble."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from models.base import db, utcnow
from models.enums import JobState
from models.job_run import JobRun
from sila.jobs.backoff import retry_at
from sila.jobs.registry import Job, configured_jobs
from sila.jobs.runs import last_seen, worker_missing

# The words of the duties' one-line results (sila/jobs/duties.py), for people.
RESULT_LABELS = {
    "sent": _l("Sent"), "retrying": _l("To retry"), "failed": _l("Failed"),
    "notices": _l("Notices queued"), "closed": _l("Files closed"), "overdue_left": _l("Overdue, left open"),
    "eligible": _l("Past the retention period"), "anonymized": _l("Anonymized"), "folder": _l("Folder"),
    "removed": _l("Older backups removed"), "rendered": _l("Letters prepared"), "waiting": _l("Letters waiting"),
    "documents": _l("Documents prepared"), "documents_waiting": _l("Documents waiting"),
    "released": _l("Vouchers released"),
}


def result_parts(result: str | None) -> list[tuple[Any, str]]:
    """`sent=1 failed=0` → [(label, "1"), (label, "0")], in the reader's language."""
    parts = []
    for piece in (result or "").split():
        name, _, value = piece.partition("=")
        parts.append((RESULT_LABELS.get(name, name), value))
    return parts


@dataclass(frozen=True)
class JobStatus:
    job: Job
    run: JobRun | None
    next_run_at: datetime
    # A running claim whose lease passed: its worker stopped mid-run, the sweep takes it over.
    stale: bool
    # The embedded scheduler's back-off: no try before this (the worker's back-off is procrastinate's).
    retry_at: datetime | None

    @property
    def failing(self) -> bool:
        return self.run is not None and self.run.state == JobState.failed


@dataclass(frozen=True)
class Overview:
    mode: str
    jobs: list[JobStatus]
    last_seen: datetime | None
    worker_missing: bool


def _stale(run: JobRun | None, now: datetime) -> bool:
    if run is None or run.state != JobState.running:
        return False
    lease = run.lease_until
    if lease is not None and lease.tzinfo is None:
        lease = lease.replace(tzinfo=now.tzinfo)
    return lease is None or lease < now


def overview(config: Mapping[str, Any]) -> Overview:
    rows = {row.name: row for row in db.session.scalars(db.select(JobRun))}
    now = utcnow()
    embedded = config["SILA_JOBS"] == "embedded"
    jobs = []
    for job in configured_jobs(config):
        run = rows.get(job.name)
        due = retry_at(run, now) if embedded else None
        jobs.append(JobStatus(job, run, job.next_after(now), _stale(run, now), due if due and due > now else None))
    return Overview(config["SILA_JOBS"], jobs, last_seen(), worker_missing(now))
